using System;

namespace Mp4Timing.Ffmpeg
{
    /// <summary>
    /// A list of values that are usually all the same (the durations of a fragmented track's samples, the composition
    /// offsets of a track without reordering): one value and a count while every value added equals the first, and a
    /// <see cref="SegmentedList{T}"/> of every value once one differs.
    /// </summary>
    internal sealed class MostlyConstantList<T> where T : struct, IEquatable<T>
    {
        private T _constant;
        private SegmentedList<T>? _values;

        public int Count { get; private set; }

        public T this[int index]
        {
            get
            {
                if ((uint)index >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(index));
                return _values is null ? _constant : _values[index];
            }
        }

        public void Add(T item)
        {
            if (_values is null)
            {
                if (Count == 0 || item.Equals(_constant))
                {
                    _constant = item;
                    Count++;
                    return;
                }
                _values = new SegmentedList<T>();
                for (int i = 0; i < Count; i++) _values.Add(_constant);
            }
            _values.Add(item);
            Count++;
        }
    }
}
