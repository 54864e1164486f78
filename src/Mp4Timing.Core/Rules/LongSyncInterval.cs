using System;
using Mp4Timing.Analysis;
using Mp4Timing.Timing;

namespace Mp4Timing.Rules
{
    /// <summary>
    /// LongSyncInterval (Warning): more than MaximumSeconds of decode time between a video track's sync samples (or from the
    /// last one to the end): a player seeking there decodes that much video first, and a stream cannot be joined in between.
    /// </summary>
    internal sealed class LongSyncInterval : TimingRule
    {
        public override TimingRuleInfo Info { get; } = new TimingRuleInfo(nameof(LongSyncInterval), FindingSeverity.Warning,
            "More than 10 s between the sync samples of a video track: seeking is slow.",
            new TimingRuleSetting("MaximumSeconds", 10.0, "The longest time between sync samples not reported, in seconds."));

        public override TrackCheck? CheckTrack(TrackContext track, RuleOptions options) =>
            track.Track.Kind == TrackKind.Video ? new Check(this, track, options.Number("MaximumSeconds")) : null;

        private sealed class Check : TrackCheck
        {
            private readonly double _maximum;
            private readonly SyncIntervals _intervals;
            private bool _started;
            private long? _startPts;
            private bool _firstOverSeen;
            private long? _firstOverPts;

            public Check(LongSyncInterval rule, TrackContext track, double maximum) : base(rule, track, samples: true)
            {
                _maximum = maximum;
                // The pass measures the intervals (for Get-Mp4Track's MaxSyncInterval): it counts those over the maximum too.
                decimal limit = (decimal)maximum * track.Timescale;
                _intervals = track.SyncIntervals;
                _intervals.Limit = limit >= long.MaxValue ? long.MaxValue : (long)Math.Floor(limit);
            }

            public override void OnSample(in RawSample sample, in ReadOnlyShowings showings, in TimelineTimes times)
            {
                if (_firstOverSeen) return;
                // The pass has added this sample: a sync sample has closed the interval before it, whose start is still kept.
                if (_intervals.OverLimit > 0)
                {
                    _firstOverSeen = true;
                    _firstOverPts = _startPts;
                    return;
                }
                if (_started && !sample.IsSync) return;
                _started = true;
                _startPts = times.Pts;
            }

            public override void Finish(TrackSummary track, MovieContext movie, FindingList findings)
            {
                // The pass has closed the last interval, at the end of the track.
                if (_intervals.OverLimit == 0) return;
                if (!_firstOverSeen) _firstOverPts = _startPts;
                string hint = $"Encode with a key frame at least every {Words.N(_maximum)} s (x264 and x265: -g, or keyint; streaming usually wants one every 2 s).";
                if (_intervals.SyncCount == 0)
                {
                    findings.Add(Rule, Track.TrackId, _intervals.FirstOverSample, Track.Seconds(_firstOverPts), 1,
                        $"no sample of the track is a sync sample: its {Words.N(track.Info.SampleCount)} samples ({Track.Time(_intervals.FirstOverLength)}) cannot be decoded from any point a player can start or seek to", hint);
                    return;
                }
                string all = _intervals.OverLimit > 1 ? $"; {Words.N(_intervals.OverLimit)} intervals in all are longer than {Words.N(_maximum)} s, the longest {Track.Time(_intervals.Longest)}" : "";
                findings.Add(Rule, Track.TrackId, _intervals.FirstOverSample, Track.Seconds(_firstOverPts), _intervals.OverLimit,
                    $"{Track.Time(_intervals.FirstOverLength)} of decode time pass from sample {_intervals.FirstOverSample}{Track.At(_firstOverPts)} to the next sync sample" +
                    $" or the end, more than {Words.N(_maximum)} s: a player seeking near its end decodes that much video first{all}", hint);
            }
        }
    }
}
