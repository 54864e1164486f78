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
    /// The last sample is left out: writers give it whatever duration reaches the end of the track. The check records
    /// which samples matter to a reader (the first of the other duration, the one that made the rate variable).
    /// </summary>
    internal sealed class ConstantRateCheck
    {
        private long _first;
        private long _other;
        private bool _hasPending;
        private long _pending;
        private long _pendingSample;
        private long _intervals;
        private long _others;
        private long _lowNumerator;
        private long _lowDenominator;
        private long _highNumerator;
        private long _highDenominator;
        private bool _variable;
        private long _samples;

        /// <summary>Adds the duration of the next sample, numbered <paramref name="sample"/>, in decode order.</summary>
        public void Add(long sample, long duration)
        {
            _samples++;
            if (_hasPending) Check(_pendingSample, _pending);
            _pending = duration;
            _pendingSample = sample;
            _hasPending = true;
        }

        /// <summary>Constant or Variable (the last sample excepted); null without samples.</summary>
        public FrameRateMode? Result => _samples == 0 ? (FrameRateMode?)null : _variable ? FrameRateMode.Variable : FrameRateMode.Constant;

        /// <summary>The duration of the first sample.</summary>
        public long FirstDuration => _first;

        /// <summary>
        /// For a constant rate written as two durations (the timescale's rounding of a rate that is not a whole number
        /// of ticks): the other duration, one tick from <see cref="FirstDuration"/>; 0 when every duration is the first.
        /// When Variable: the other duration met before the rate turned variable, or 0.
        /// </summary>
        public long OtherDuration => _other;

        /// <summary>How many durations (the last sample's excepted) are <see cref="OtherDuration"/>; 0 when Variable.</summary>
        public long OtherCount => _variable ? 0 : _others;

        /// <summary>The number of the first sample that lasts <see cref="OtherDuration"/>; 0 when none does.</summary>
        public long FirstOtherSample { get; private set; }

        /// <summary>
        /// The mean of the durations judged (every sample's but the last, which is let off): the exact duration that the first
        /// and the other stand for, as closely as the track tells it; 0 before two samples, and when Variable.
        /// </summary>
        public decimal MeanDuration => _variable || _intervals == 0 ? 0 : ((decimal)_first * (_intervals - _others) + (decimal)_other * _others) / _intervals;

        /// <summary>When Variable: the number of the sample whose duration made the rate variable; else 0.</summary>
        public long VariableSample { get; private set; }

        /// <summary>When Variable: the duration that made it so.</summary>
        public long VariableDuration { get; private set; }

        private void Check(long sample, long duration)
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
                    SetVariable(sample, duration);
                    return;
                }
                if (_others++ == 0) FirstOtherSample = sample;
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
                SetVariable(sample, duration);
            }
        }

        /// <summary>The duration checked now (the one before the last added) is the one that makes the rate variable.</summary>
        private void SetVariable(long sample, long duration)
        {
            _variable = true;
            VariableSample = sample;
            VariableDuration = duration;
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
