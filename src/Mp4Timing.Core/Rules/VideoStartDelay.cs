using Mp4Timing.Analysis;
using Mp4Timing.Timing;

namespace Mp4Timing.Rules
{
    /// <summary>
    /// VideoStartDelay (Warning): a video track presents its first frame later than the start of the presentation timeline
    /// (time 0) by more than MaximumMs: players show nothing, or black, until then, and ffprobe reports that start_time. The
    /// usual cause is the B-frame delay of a file written without an edit list (the first frame is composed two or three
    /// frames after it is decoded), which the corpus shows in fragmented files from several muxers; or an empty edit. A lone
    /// media segment is judged only when its decode times start at 0: a later one does not start the track.
    /// </summary>
    internal sealed class VideoStartDelay : TimingRule
    {
        public override TimingRuleInfo Info { get; } = new TimingRuleInfo(nameof(VideoStartDelay), FindingSeverity.Warning,
            "A video track presents its first frame after the start of the presentation (time 0): nothing is shown until then. Usually the B-frame delay of a file without an edit list.",
            new TimingRuleSetting("MaximumMs", 1.0, "The latest start not reported, in milliseconds."));

        public override TrackCheck? CheckTrack(TrackContext track, RuleOptions options) =>
            track.Track.Kind == TrackKind.Video && track.StartsTrack ? new Check(this, track, options.Number("MaximumMs")) : null;

        private sealed class Check : TrackCheck
        {
            private readonly double _maximum;
            private long _first;
            private long _firstPts = long.MaxValue;

            public Check(VideoStartDelay rule, TrackContext track, double maximum) : base(rule, track, samples: true)
            {
                _maximum = maximum;
            }

            public override void OnSample(in RawSample sample, in ReadOnlyShowings showings, in TimelineTimes times)
            {
                // The first frame in presentation order: the presented sample with the earliest presentation time.
                if (showings.Discarded || times.Pts is not long pts || pts >= _firstPts) return;
                _firstPts = pts;
                _first = sample.Number;
            }

            public override void Finish(TrackSummary track, MovieContext movie, FindingList findings)
            {
                if (track.Info.StartTimeTicks is not long start || track.Info.StartTime is not double seconds || seconds * 1000 <= _maximum) return;
                // A lone media segment whose decode times do not start at 0 is a later part of its track (or of a live stream).
                if (Track.Movie.InitSegmentPath is not null && track.FirstDecode > 0) return;
                string cause = TrackStart.Cause(track, "the video") is string why ? "; " + why : "";
                findings.Add(Rule, Track.TrackId, _first == 0 ? null : _first, seconds, 1,
                    $"{Track.Name} presents its first frame{(_first == 0 ? "" : $", sample {_first},")} at {Track.Time(start)}, not at 0: nothing is shown before it{cause}",
                    "Write an edit list whose media_time is the first frame's composition time (ffmpeg writes one for MP4 unless -use_editlist 0), or, in fragments, " +
                    "negative composition offsets (ffmpeg: -movflags negative_cts_offsets) so that the first frame is composed when it is decoded.");
            }
        }
    }
}
