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
            : this(cmdlet, new ProgressRecord(activityId, activity, "Starting"))
        {
        }

        /// <summary>Throttles the updates of an existing progress record (its activity shown already).</summary>
        public ProgressThrottle(Cmdlet cmdlet, ProgressRecord record)
        {
            _cmdlet = cmdlet;
            _record = record;
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
            _cmdlet.WriteProgress(Update(status(), done < 0 ? -1 : (int)System.Math.Min(100, System.Math.Max(0, done * 100)), ProgressRecordType.Processing));
        }

        /// <summary>As <see cref="Report(System.Func{string}, System.Func{double})"/>, for a status and share already known.</summary>
        public void Report(string status, double fraction) => Report(() => status, () => fraction);

        /// <summary>Clears the bar if it was shown.</summary>
        public void Complete()
        {
            if (_lastShown < 0) return;
            _cmdlet.WriteProgress(Update(_record.StatusDescription, _record.PercentComplete, ProgressRecordType.Completed));
            _lastShown = -1;
        }

        // A new record each time: hosts that keep or send records (jobs, remoting) see every update, not the last one many times.
        private ProgressRecord Update(string status, int percent, ProgressRecordType type)
        {
            var record = new ProgressRecord(_record.ActivityId, _record.Activity, status)
            {
                ParentActivityId = _record.ParentActivityId,
                PercentComplete = percent,
                RecordType = type,
            };
            _record.StatusDescription = status;
            _record.PercentComplete = percent;
            return record;
        }
    }
}
