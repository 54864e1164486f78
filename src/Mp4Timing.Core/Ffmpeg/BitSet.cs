namespace Mp4Timing.Ffmpeg
{
    /// <summary>One bit per sample (which samples an edit list showed): an eighth of a bool array.</summary>
    internal sealed class BitSet
    {
        private readonly ulong[] _words;

        public BitSet(int length)
        {
            Length = length;
            _words = new ulong[(length + 63) >> 6];
        }

        public int Length { get; }

        public bool this[int index]
        {
            get => (_words[index >> 6] & (1UL << (index & 63))) != 0;
            set
            {
                if (value) _words[index >> 6] |= 1UL << (index & 63);
                else _words[index >> 6] &= ~(1UL << (index & 63));
            }
        }

        /// <summary>How many of the <see cref="Length"/> bits are not set.</summary>
        public long CountClear()
        {
            long set = 0;
            foreach (ulong word in _words)
            {
                ulong v = word;
                while (v != 0)
                {
                    v &= v - 1;
                    set++;
                }
            }
            return Length - set;
        }
    }
}
