namespace Mp4Timing.Rules
{
    /// <summary>
    /// The presentation time of a sample that the pass's rate check (<see cref="Analysis.ConstantRateCheck"/>, live as
    /// <see cref="TrackContext.Rate"/>) names: the first sample of the other duration, or the one whose duration made the
    /// rate variable. The rate check judges a duration when the sample after it arrives, so the sample it names has just
    /// gone by when a check hears of it: this keeps the last sample's time, and holds it once that sample is named.
    /// </summary>
    internal struct NamedSampleTime
    {
        private long _lastSample;
        private long? _lastPts;
        private bool _held;

        /// <summary>The named sample's presentation time; null until it is named, or when it has none.</summary>
        public long? Pts { get; private set; }

        /// <summary>The next sample in decode order, and the number of the sample the rate check names now (0 for none yet).</summary>
        public void Add(long named, long sample, long? pts)
        {
            if (!_held && named != 0 && named == _lastSample)
            {
                _held = true;
                Pts = _lastPts;
            }
            _lastSample = sample;
            _lastPts = pts;
        }
    }
}
