using System;
using System.Threading;

namespace Mp4Timing.TestSupport
{
    /// <summary>
    /// Samples the live managed heap on a timer thread while a run goes on: every tick forces a full
    /// blocking collection (GC.GetTotalMemory(true)), so each reading is what is reachable at that moment,
    /// not garbage waiting for the next collection. Slows the run; use it in a run that is not timed.
    /// </summary>
    public sealed class ManagedMemoryProbe : IDisposable
    {
        private readonly Timer _timer;
        private readonly object _gate = new object();
        private bool _stopped;

        private ManagedMemoryProbe(int intervalMilliseconds)
        {
            BaselineBytes = GC.GetTotalMemory(true);
            PeakBytes = BaselineBytes;
            _timer = new Timer(_ => Sample(), null, intervalMilliseconds, intervalMilliseconds);
        }

        /// <summary>Live managed bytes when the probe started.</summary>
        public long BaselineBytes { get; }

        /// <summary>The largest live managed heap seen.</summary>
        public long PeakBytes { get; private set; }

        /// <summary>The number of readings taken.</summary>
        public int Readings { get; private set; }

        /// <summary>Starts sampling every <paramref name="intervalMilliseconds"/>.</summary>
        public static ManagedMemoryProbe Start(int intervalMilliseconds) => new ManagedMemoryProbe(intervalMilliseconds);

        /// <summary>Stops sampling (after one last reading) and returns the probe.</summary>
        public ManagedMemoryProbe Stop()
        {
            Sample();
            lock (_gate)
            {
                _stopped = true;
                _timer.Dispose();
            }
            return this;
        }

        /// <inheritdoc />
        public void Dispose() => Stop();

        private void Sample()
        {
            lock (_gate)
            {
                if (_stopped) return;
                long live = GC.GetTotalMemory(true);
                Readings++;
                if (live > PeakBytes) PeakBytes = live;
            }
        }
    }
}
