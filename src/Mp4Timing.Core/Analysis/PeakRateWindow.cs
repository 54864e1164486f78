using System;

namespace Mp4Timing.Analysis
{
    /// <summary>
    /// The most bytes whose decode times fall in any window [t, t + length) of a track, from samples given
    /// one by one in decode order (with a one-second window: the track's peak bit rate, btrt's maxBitrate).
    /// <para>
    /// The busiest window starts at a sample's decode time, so each sample is a candidate start. A candidate is
    /// settled as soon as a sample at or past its end arrives: everything received before that sample lies in
    /// the window, so its bytes are the running total minus the total before the candidate. Only unsettled
    /// candidates are held, and at most one per <see cref="Grain"/> ticks (the first of each grain, which
    /// has the most bytes after it), so the window holds at most about <see cref="MaxCandidates"/> of them
    /// whatever the track's length or density. The result is exact when no two samples start within one grain
    /// of each other: always for timescales up to <see cref="MaxCandidates"/> ticks per window (48 kHz PCM
    /// with a sample per audio frame included), and for every track with fewer samples per second than that.
    /// </para>
    /// Decode time that goes backwards (a fragment's tfdt before the end of the previous one) starts a new run.
    /// </summary>
    internal sealed class PeakRateWindow
    {
        /// <summary>The most candidate starts held (about 1 MB at most, allocated only as they are needed).</summary>
        public const int MaxCandidates = 65536;

        private readonly long _length;
        // Ring buffers whose length is a power of two (indexes wrap with a mask).
        private long[] _starts = new long[16];
        private long[] _before = new long[16];
        private int _first;
        private int _count;
        private long _total;
        private long _lastDecode;
        private bool _any;

        /// <summary>A window of <paramref name="length"/> ticks (the timescale, for one second).</summary>
        public PeakRateWindow(long length)
        {
            if (length <= 0) throw new ArgumentOutOfRangeException(nameof(length), "The window lasts at least one tick.");
            _length = length;
            Grain = Math.Max(1, (length + MaxCandidates - 1) / MaxCandidates);
        }

        /// <summary>Candidate starts are kept at least this many ticks apart.</summary>
        public long Grain { get; }

        /// <summary>The most bytes seen in one window so far (settled windows only; see <see cref="Finish"/>).</summary>
        public long PeakBytes { get; private set; }

        /// <summary>Adds the next sample in decode order.</summary>
        public void Add(long decodeTicks, long size)
        {
            if (_any && decodeTicks < _lastDecode) SettleAll();
            int mask = _starts.Length - 1;
            while (_count > 0 && decodeTicks - _starts[_first] >= _length)
            {
                Settle(_first);
                _first = (_first + 1) & mask;
                _count--;
            }
            if (_count == 0 || decodeTicks - _starts[(_first + _count - 1) & mask] >= Grain)
            {
                Push(decodeTicks, _total);
            }
            _total = checked(_total + size);
            _lastDecode = decodeTicks;
            _any = true;
        }

        /// <summary>After the last sample: settles the windows still open (they end with the track) and returns the peak.</summary>
        public long Finish()
        {
            SettleAll();
            return PeakBytes;
        }

        private void SettleAll()
        {
            // The earliest open candidate has the fewest bytes before it: its window holds the most.
            if (_count > 0) Settle(_first);
            _first = 0;
            _count = 0;
        }

        private void Settle(int index)
        {
            long bytes = _total - _before[index];
            if (bytes > PeakBytes) PeakBytes = bytes;
        }

        private void Push(long start, long before)
        {
            if (_count == _starts.Length) Grow();
            int at = (_first + _count) & (_starts.Length - 1);
            _starts[at] = start;
            _before[at] = before;
            _count++;
        }

        private void Grow()
        {
            var starts = new long[_starts.Length * 2];
            var before = new long[_before.Length * 2];
            int mask = _starts.Length - 1;
            for (int i = 0; i < _count; i++)
            {
                starts[i] = _starts[(_first + i) & mask];
                before[i] = _before[(_first + i) & mask];
            }
            _starts = starts;
            _before = before;
            _first = 0;
        }
    }
}
