using System;
using System.Collections.Generic;

namespace Mp4Timing.Ffmpeg
{
    /// <summary>
    /// A list of structs kept in blocks of 64 Ki elements: growing never copies what is already held (a
    /// <see cref="List{T}"/> doubles and copies, so a list of millions of entries briefly needs three times
    /// their size) and at most one block is partly empty. The first block starts small and doubles up to the
    /// block size, so a short list stays small. Elements are reached by reference, so an index entry is
    /// changed in place.
    /// </summary>
    internal sealed class SegmentedList<T> where T : struct
    {
        private const int Shift = 16;
        private const int BlockSize = 1 << Shift;
        private const int Mask = BlockSize - 1;
        private const int FirstBlockSize = 256;

        private readonly List<T[]> _blocks = new List<T[]>();

        public int Count { get; private set; }

        public ref T this[int index]
        {
            get
            {
                if ((uint)index >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(index));
                return ref _blocks[index >> Shift][index & Mask];
            }
        }

        public void Add(in T item)
        {
            int block = Count >> Shift;
            if (block == _blocks.Count)
            {
                _blocks.Add(new T[block == 0 ? FirstBlockSize : BlockSize]);
            }
            else if (block == 0 && Count == _blocks[0].Length)
            {
                T[] first = _blocks[0];
                Array.Resize(ref first, Math.Min(first.Length * 2, BlockSize));
                _blocks[0] = first;
            }
            _blocks[block][Count & Mask] = item;
            Count++;
        }

        /// <summary>Keeps the first <paramref name="count"/> elements and lets the blocks no longer needed go.</summary>
        public void Truncate(int count)
        {
            if (count < 0 || count > Count) throw new ArgumentOutOfRangeException(nameof(count));
            Count = count;
            int blocks = (count + Mask) >> Shift;
            if (blocks < _blocks.Count) _blocks.RemoveRange(blocks, _blocks.Count - blocks);
        }
    }
}
