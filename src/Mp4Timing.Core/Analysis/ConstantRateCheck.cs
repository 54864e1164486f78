namespace Mp4Timing.Analysis
{
    /// <summary>
    /// Decides, one duration at a time and in constant memory, whether sample durations are those of one
    /// constant rate written in integer ticks. A rate whose duration is not a whole number of ticks (29.97 fps
    /// at timescale 1000: 33.367 ms) is written as durations of d and d + 1 ticks whose running sum stays
    /// within a tick of the exact times. So the track is Constant when every duration is d or d + 1 (or d - 1)
    /// and some rate r keeps every decode time within one tick of n × r: with k_n of the first n durations
    /// different from the first one, some f satisfies |k_n - n f| &lt;= 1 for every n. The feasible f form
    /// an interval, narrowed at each sample with exact integer comparisons; Variable once it is empty.
    /// The last sample is left out: writers give it whatever duration reaches the end of the track.
    /// </summary>
    internal sealed class ConstantRateCheck
    {
        private long _first;
        private long _other;
        private bool _hasPending;
        private long _pending;
        private long _intervals;
        private long _others;
        private long _lowNumerator;
        private long _lowDenominator;
        private long _highNumerator;
        private long _highDenominator;
        private bool _variable;
        private long _samples;

        /// <summary>Adds the next sample's duration, in decode order.</summary>
        public void Add(long duration)
        {
            _samples++;
            if (_hasPending) Check(_pending);
            _pending = duration;
            _hasPending = true;
        }

        /// <summary>Constant or Variable (the last sample excepted); null without samples.</summary>
        public FrameRateMode? Result => _samples == 0 ? (FrameRateMode?)null : _variable ? FrameRateMode.Variable : FrameRateMode.Constant;

        /// <summary>The duration of the first sample.</summary>
        public long FirstDuration => _first;

        /// <summary>
        /// For a constant rate written as two durations (the timescale's rounding of a rate that is not a whole number
        /// of ticks): the other duration, one tick from <see cref="FirstDuration"/>; 0 when every duration is the first.
        /// </summary>
        public long OtherDuration => _variable ? 0 : _other;

        /// <summary>How many durations (the last sample's excepted) are <see cref="OtherDuration"/>.</summary>
        public long OtherCount => _variable ? 0 : _others;

        /// <summary>When Variable: the 1-based place, among the durations added, of the one that made the rate variable; else 0.</summary>
        public long VariableAt { get; private set; }

        private void Check(long duration)
        {
            if (_variable) return;
            if (_intervals == 0)
            {
                _first = duration;
            }
            else if (duration != _first)
            {
                if (_other == 0 && (duration == _first + 1 || duration == _first - 1))
                {
                    // Up to here k_n was 0: the bounds -1/n and 1/n are tightest at the last n.
                    _other = duration;
                    _lowNumerator = -1;
                    _lowDenominator = _intervals;
                    _highNumerator = 1;
                    _highDenominator = _intervals;
                }
                if (duration != _other)
                {
                    SetVariable();
                    return;
                }
                _others++;
            }
            _intervals++;
            // While every duration equals the first, any rate near it fits: nothing to narrow yet.
            if (_other == 0) return;

            // f >= (k - 1) / n and f <= (k + 1) / n, for n = _intervals and k = _others.
            long n = _intervals;
            if (Compare(_others - 1, n, _lowNumerator, _lowDenominator) > 0)
            {
                _lowNumerator = _others - 1;
                _lowDenominator = n;
            }
            if (Compare(_others + 1, n, _highNumerator, _highDenominator) < 0)
            {
                _highNumerator = _others + 1;
                _highDenominator = n;
            }
            if (Compare(_lowNumerator, _lowDenominator, _highNumerator, _highDenominator) > 0)
            {
                SetVariable();
            }
        }

        /// <summary>The duration checked now (the one before the last added) is the one that makes the rate variable.</summary>
        private void SetVariable()
        {
            _variable = true;
            VariableAt = _samples - 1;
        }

        /// <summary>The sign of a/b - c/d for positive b and d, exactly (products of counts below 2^31 fit a long; beyond, decimal holds them).</summary>
        internal static int Compare(long a, long b, long c, long d)
        {
            const long Small = 1L << 31;
            if (a > -Small && a < Small && b < Small && c > -Small && c < Small && d < Small)
            {
                return (a * d).CompareTo(c * b);
            }
            return ((decimal)a * d).CompareTo((decimal)c * b);
        }
    }
}
