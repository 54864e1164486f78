using Mp4Timing.Analysis;
using Mp4Timing.Timing;

namespace Mp4Timing.Rules
{
    /// <summary>
    /// ZeroDurationSample (Warning): a sample that lasts 0 ticks and is not the last of the track (a writer may give the
    /// last sample no duration): it is never presented for any time, and the next sample decodes at the same time.
    /// </summary>
    internal sealed class ZeroDurationSample : TimingRule
    {
        public override TimingRuleInfo Info { get; } = new TimingRuleInfo(nameof(ZeroDurationSample), FindingSeverity.Warning,
            "A sample other than the last lasts 0 ticks.");

        public override TrackCheck? CheckTrack(TrackContext track, RuleOptions options) => new Check(this, track);

        private sealed class Check : TrackCheck
        {
            private Occurrences _found;
            private bool _pending;
            private long _pendingNumber;
            private long _pendingPts;

            public Check(ZeroDurationSample rule, TrackContext track) : base(rule, track, samples: true)
            {
            }

            public override void OnSample(in RawSample sample, in ReadOnlyShowings showings, in TimelineTimes times)
            {
                // A zero duration counts once another sample follows: the last sample of the track is let off.
                if (_pending) _found.Add(_pendingNumber, _pendingPts);
                _pending = false;
                if (sample.DurationTicks != 0 || times.Pts is not long pts) return;
                _pending = true;
                _pendingNumber = sample.Number;
                _pendingPts = pts;
            }

            public override void Finish(TrackSummary track, MovieContext movie, FindingList findings)
            {
                if (_found.Count == 0) return;
                findings.Add(Rule, Track.TrackId, _found.Sample, Track.Seconds(_found.Pts), _found.Count,
                    $"sample {_found.Sample} (at {Track.Time(_found.Pts)}) lasts 0 ticks, and a sample follows it{_found.InAll("sample")}",
                    "A sample of no duration is not shown for any time and shares its decode time with the next: give it its real duration.");
            }
        }
    }
}
