namespace Mp4Timing.Rules
{
    /// <summary>How often something a rule looks for happened in a track, and where first: the sample and its presentation time.</summary>
    internal struct Occurrences
    {
        /// <summary>How many times.</summary>
        public long Count;

        /// <summary>The first sample concerned (1-based, decode order).</summary>
        public long Sample;

        /// <summary>Its presentation time, in media ticks.</summary>
        public long Pts;

        /// <summary>Counts one; true when it is the first (the caller then keeps what its message needs).</summary>
        public bool Add(long sample, long pts)
        {
            if (Count++ > 0) return false;
            Sample = sample;
            Pts = pts;
            return true;
        }

        /// <summary>" (3 samples in all)" when there are more than one, else "".</summary>
        public string InAll(string noun) => Count > 1 ? $"; {Words.Count(Count, noun)} in all" : "";
    }
}
