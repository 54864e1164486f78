namespace Mp4Timing.Rules
{
    /// <summary>
    /// DuplicatePts (Error): two presented samples of a track at the same presentation time (found in presentation order,
    /// within each edit). A player shows one of them, or stutters.
    /// </summary>
    internal sealed class DuplicatePts : TimingRule
    {
        public override TimingRuleInfo Info { get; } = new TimingRuleInfo(nameof(DuplicatePts), FindingSeverity.Error,
            "Two presented samples of a track have the same presentation time.");

        public override TrackCheck? CheckTrack(TrackContext track, RuleOptions options) => new Check(this, track);

        private sealed class Check : TrackCheck
        {
            private Occurrences _found;
            private string _first = "";

            public Check(DuplicatePts rule, TrackContext track) : base(rule, track, presentationOrder: true)
            {
            }

            public override void OnPresented(in PresentedSample previous, in PresentedSample current)
            {
                if (current.Pts != previous.Pts) return;
                if (_found.Add(System.Math.Min(previous.Sample, current.Sample), current.Pts))
                {
                    _first = $"samples {System.Math.Min(previous.Sample, current.Sample)} and {System.Math.Max(previous.Sample, current.Sample)} are both presented at " +
                        $"{Track.Time(current.Pts)} ({Words.N(current.Pts)} ticks)";
                }
            }

            public override void Finish(TrackSummary track, MovieContext movie, FindingList findings)
            {
                if (_found.Count == 0) return;
                string all = _found.Count > 1 ? $"; {Words.Count(_found.Count, "sample")} in all share a presentation time with another" : "";
                findings.Add(Rule, Track.TrackId, _found.Sample, Track.Seconds(_found.Pts), _found.Count, _first + all + Window.Note(track),
                    "Give each sample its own presentation time: the composition offsets (ctts or trun) or the timestamps the encoder was given are wrong.");
            }
        }
    }

    /// <summary>What the presentation-order findings add when a sample moved further than the reorder window holds.</summary>
    internal static class Window
    {
        public static string Note(TrackSummary track) => track.PresentationOrderExact
            ? ""
            : $" (some samples move more than {Words.N(TrackPass.WindowCapacity)} places between decode and presentation order: they were checked only against their neighbours in decode order)";
    }
}
