using System.Diagnostics;
using System.Management.Automation;

namespace Mp4Timing.Commands
{
    /// <summary>
    /// Write-Progress for long work that costs nothing measurable: the clock is read once every 4096
    /// items, nothing is shown during the first half second, and at most four updates a second follow.
    /// </summary>
    internal sealed class ProgressThrottle
    {
        private const int CheckEvery = 4096;
        private const long FirstAfterMilliseconds = 500;
        private const long EveryMilliseconds = 250;

        private readonly Cmdlet _cmdlet;
        private readonly ProgressRecord _record;
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private long _items;
        private long _lastShown = -1;

        public ProgressThrottle(Cmdlet cmdlet, int activityId, string activity)
        {
            _cmdlet = cmdlet;
            _record = new ProgressRecord(activityId, activity, "Starting");
        }

        /// <summary>Counts one item; now and then shows <paramref name="status"/> and the share done (0 to 1, or negative when unknown).</summary>
        public void Tick(System.Func<string> status, System.Func<double> fraction)
        {
            if (++_items % CheckEvery != 0) return;
            Report(status, fraction);
        }

        /// <summary>For work that counts its own items (and calls now and then): shows <paramref name="status"/> when it is time to.</summary>
        public void Report(System.Func<string> status, System.Func<double> fraction)
        {
            long now = _clock.ElapsedMilliseconds;
            if (now < FirstAfterMilliseconds || (_lastShown >= 0 && now - _lastShown < EveryMilliseconds)) return;
            _lastShown = now;
            double done = fraction();
            _record.StatusDescription = status();
            _record.PercentComplete = done < 0 ? -1 : (int)System.Math.Min(100, System.Math.Max(0, done * 100));
            _record.RecordType = ProgressRecordType.Processing;
            _cmdlet.WriteProgress(_record);
        }

        /// <summary>Clears the bar if it was shown.</summary>
        public void Complete()
        {
            if (_lastShown < 0) return;
            _record.RecordType = ProgressRecordType.Completed;
            _cmdlet.WriteProgress(_record);
            _lastShown = -1;
        }
    }
}
