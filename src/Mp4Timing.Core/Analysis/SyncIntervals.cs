using System;

namespace Mp4Timing.Analysis
{
    /// <summary>
    /// The decode time from each sync sample to the next, and from the last one to the end of the track, measured one
    /// sample at a time in constant memory: the longest interval (how far a seek may have to go back) and, above a
    /// limit, how many intervals exceed it and where the first starts. The first interval starts at the track's first
    /// sample, sync or not.
    /// </summary>
    internal sealed class SyncIntervals
    {
        private long _limit = long.MaxValue;
        private bool _started;
        private long _start;
        private long _startSample;
        private long _end;

        /// <summary>
        /// Intervals longer than this many ticks are counted (none at long.MaxValue, the default). It is set before the
        /// first sample is added: the pass over a track measures for Get-Mp4Track and for a timing rule at once.
        /// </summary>
        public long Limit
        {
            get => _limit;
            set
            {
                if (value < 0) throw new ArgumentOutOfRangeException(nameof(value));
                if (_started) throw new InvalidOperationException("The limit is set before the first sample is added.");
                _limit = value;
            }
        }

        /// <summary>Sync samples seen.</summary>
        public long SyncCount { get; private set; }

        /// <summary>The longest interval, in ticks; -1 before <see cref="Finish"/> or without samples.</summary>
        public long Longest { get; private set; } = -1;

        /// <summary>Intervals longer than the limit.</summary>
        public long OverLimit { get; private set; }

        /// <summary>The sample that starts the first interval over the limit (a sync sample, or the track's first sample).</summary>
        public long FirstOverSample { get; private set; }

        /// <summary>How long the first interval over the limit is, in ticks.</summary>
        public long FirstOverLength { get; private set; }

        /// <summary>The next sample in decode order.</summary>
        public void Add(long number, long decode, long duration, bool isSync)
        {
            if (!_started)
            {
                _started = true;
                _start = decode;
                _startSample = number;
            }
            else if (isSync)
            {
                Close(decode);
                _start = decode;
                _startSample = number;
            }
            if (isSync) SyncCount++;
            _end = decode > long.MaxValue - duration ? long.MaxValue : decode + duration;
        }

        /// <summary>At the end of the track: closes the interval from the last sync sample to the end of the last sample.</summary>
        public void Finish()
        {
            if (_started) Close(_end);
        }

        private void Close(long end)
        {
            long length = end - _start;
            if (length > Longest) Longest = length;
            if (length <= _limit) return;
            if (OverLimit++ > 0) return;
            FirstOverSample = _startSample;
            FirstOverLength = length;
        }
    }
}
