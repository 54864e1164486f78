using System.Linq;

namespace Mp4Timing.Rules
{
    /// <summary>
    /// DurationMismatch (Warning): a video or audio track ends presenting more than MaximumMs before or after the file's
    /// first video track (or, without video, its first audio track): one of them stops while the other goes on.
    /// </summary>
    internal sealed class DurationMismatch : TimingRule
    {
        public override TimingRuleInfo Info { get; } = new TimingRuleInfo(nameof(DurationMismatch), FindingSeverity.Warning,
            "The tracks' presentation ends differ by more than 100 ms.",
            new TimingRuleSetting("MaximumMs", 100.0, "The largest difference between the ends of the tracks not reported, in milliseconds."));

        public override TrackCheck? CheckTrack(TrackContext track, RuleOptions options) =>
            track.Track.Kind is TrackKind.Video or TrackKind.Audio ? new Check(this, track, options.Number("MaximumMs")) : null;

        private sealed class Check : TrackCheck
        {
            private readonly double _maximum;

            public Check(DurationMismatch rule, TrackContext track, double maximum) : base(rule, track)
            {
                _maximum = maximum;
            }

            public override void Finish(TrackSummary track, MovieContext movie, FindingList findings)
            {
                TrackSummary? reference = movie.Video ?? movie.Tracks.FirstOrDefault(t => t.Track.Kind == TrackKind.Audio);
                if (reference is null || ReferenceEquals(reference.Track, track.Track)) return;
                if (track.Info.EndTimeTicks is not long end || reference.Info.EndTimeTicks is not long referenceEnd) return;
                if (Seconds.Difference(end, track.Info.Timescale, referenceEnd, reference.Info.Timescale) is not decimal difference) return;
                if (System.Math.Abs(difference) * 1000 <= (decimal)_maximum) return;
                string relation = difference > 0 ? "after" : "before";
                findings.Add(Rule, Track.TrackId, null, track.Info.EndTime, 1,
                    $"{Track.Name} ends at {Track.Time(end)}, {Words.Ms((double)System.Math.Abs(difference))} {relation} {Words.Track(reference.Track)}, which ends at " +
                    $"{Seconds.Format(referenceEnd, reference.Info.Timescale)}: more than {Words.N(_maximum)} ms apart",
                    "Cut the tracks to the same length (an edit list can end a track early without re-encoding).");
            }
        }
    }
}
