using System;

namespace Mp4Timing.Ffmpeg
{
    /// <summary>
    /// A list of 32-bit values that are usually all the same or small (the sizes, durations and composition offsets of
    /// a fragmented track's samples; unsigned ones are stored as their bit pattern): one value and a count while every
    /// value equals the first, then two bytes a value while every value fits 16 bits, then four. Growing from one form
    /// to the next copies the values once.
    /// </summary>
    internal sealed class CompactIntList
    {
        private int _constant;
        private SegmentedList<short>? _narrow;
        private SegmentedList<int>? _wide;

        public int Count { get; private set; }

        public int this[int index]
        {
            get
            {
                if ((uint)index >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(index));
                return _wide is not null ? _wide[index] : _narrow is not null ? _narrow[index] : _constant;
            }
        }

        public void Add(int value)
        {
            if (_wide is not null)
            {
                _wide.Add(value);
            }
            else if (_narrow is null && (Count == 0 || value == _constant))
            {
                _constant = value;
            }
            else if (Fits(value) && (_narrow is not null || Fits(_constant)))
            {
                if (_narrow is null)
                {
                    _narrow = new SegmentedList<short>();
                    for (int i = 0; i < Count; i++) _narrow.Add((short)_constant);
                }
                _narrow.Add((short)value);
            }
            else
            {
                var wide = new SegmentedList<int>();
                for (int i = 0; i < Count; i++) wide.Add(this[i]);
                wide.Add(value);
                _wide = wide;
                _narrow = null;
            }
            Count++;
        }

        private static bool Fits(int value) => value >= short.MinValue && value <= short.MaxValue;
    }
}
