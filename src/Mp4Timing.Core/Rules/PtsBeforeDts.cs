using Mp4Timing.Analysis;
using Mp4Timing.Timing;

namespace Mp4Timing.Rules
{
    /// <summary>
    /// PtsBeforeDts (Warning): on the presentation timeline a sample is presented before it is decoded: a negative composition
    /// offset (ctts version 1, or signed trun offsets). ISO/IEC 14496-12 allows it; players and remuxers that need DTS &lt;= PTS
    /// (ffmpeg, MPEG-TS) move the decode times, so their timestamps differ from the file's.
    /// </summary>
    internal sealed class PtsBeforeDts : TimingRule
    {
        public override TimingRuleInfo Info { get; } = new TimingRuleInfo(nameof(PtsBeforeDts), FindingSeverity.Warning,
            "On the presentation timeline a sample is presented before it is decoded (a negative composition offset).");

        public override TrackCheck? CheckTrack(TrackContext track, RuleOptions options) => new Check(this, track);

        private sealed class Check : TrackCheck
        {
            private Occurrences _found;
            private long _lowest;
            private string _first = "";

            public Check(PtsBeforeDts rule, TrackContext track) : base(rule, track, samples: true)
            {
            }

            public override void OnSample(in RawSample sample, in ReadOnlyShowings showings, in TimelineTimes times)
            {
                if (sample.CompositionOffset >= 0 || showings.Discarded || times.Pts is not long pts || times.Dts is not long dts) return;
                if (sample.CompositionOffset < _lowest) _lowest = sample.CompositionOffset;
                if (_found.Add(sample.Number, pts))
                {
                    _first = $"sample {sample.Number} is presented at {Track.Time(pts)}, {Track.Time(-sample.CompositionOffset)} before it is decoded " +
                        $"({Track.Time(dts)}): its composition offset is {Words.N(sample.CompositionOffset)} ticks";
                }
            }

            public override void Finish(TrackSummary track, MovieContext movie, FindingList findings)
            {
                if (_found.Count == 0) return;
                findings.Add(Rule, Track.TrackId, _found.Sample, Track.Seconds(_found.Pts), _found.Count,
                    _first + _found.InAll("presented sample") + $"; the lowest offset is {Words.N(_lowest)} ticks ({Track.Time(-_lowest)})",
                    $"Players that need DTS <= PTS lower every decode time by {Words.N(-_lowest)} ticks (ffmpeg does). To avoid it, write positive composition offsets and an edit list that starts at the first presented frame (ffmpeg: leave out -movflags negative_cts_offsets).");
            }
        }
    }
}
