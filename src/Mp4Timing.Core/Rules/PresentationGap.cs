using System;
using System.Collections.Generic;

namespace Mp4Timing.Rules
{
    /// <summary>
    /// PresentationGap (Warning): in presentation order, a video or audio sample comes later (a hole) or sooner (an overlap)
    /// after the one before it than the track's samples are apart, by more than a fraction of that spacing. The spacing it is
    /// measured against must agree three ways, so that a file whose decode durations are not its presentation durations (decode
    /// times crowded together, B-frames at a changing frame rate) is not taken for one with holes: the spacing of the last few
    /// samples in presentation order, the sample's own duration, and the decode duration of the sample that holds its place in
    /// decode order (<see cref="PresentedSample.Slot"/>). A hole must be longer than all three allow, an overlap shorter.
    /// </summary>
    internal sealed class PresentationGap : TimingRule
    {
        /// <summary>How many of the last spacings the typical spacing is the median of.</summary>
        private const int Recent = 5;

        public override TimingRuleInfo Info { get; } = new TimingRuleInfo(nameof(PresentationGap), FindingSeverity.Warning,
            "In presentation order, a hole or an overlap between two samples longer than half the track's sample duration.",
            new TimingRuleSetting("SampleFraction", 0.5, "The longest hole or overlap not reported, as a fraction of the sample duration."));

        public override TrackCheck? CheckTrack(TrackContext track, RuleOptions options) =>
            track.Track.Kind is TrackKind.Video or TrackKind.Audio ? new Check(this, track, options.Number("SampleFraction")) : null;

        private sealed class Check : TrackCheck
        {
            private readonly decimal _fraction;
            private readonly Dictionary<int, Spacings> _recent = new Dictionary<int, Spacings>();
            private Occurrences _found;
            private long _holes;
            private long _overlaps;
            private string _first = "";

            public Check(PresentationGap rule, TrackContext track, double fraction) : base(rule, track, presentationOrder: true)
            {
                _fraction = (decimal)fraction;
            }

            public override void OnPresented(in PresentedSample previous, in PresentedSample current)
            {
                // Two samples at one time are DuplicatePts's.
                long spacing = current.Pts - previous.Pts;
                if (spacing <= 0) return;
                if (!_recent.TryGetValue(current.Edit, out Spacings? recent)) _recent[current.Edit] = recent = new Spacings();
                long? median = recent.Median;
                recent.Add(spacing);
                // The first spacing of an edit has nothing to be measured against yet.
                if (median is not long typical) return;
                long longest = Math.Max(typical, Math.Max(previous.Slot, previous.Duration));
                long shortest = Math.Min(typical, Math.Min(previous.Slot, previous.Duration));
                long expected = typical;
                bool hole = spacing > (1 + _fraction) * longest;
                bool overlap = !hole && spacing < (1 - _fraction) * shortest;
                if (!hole && !overlap) return;
                if (hole) _holes++;
                else _overlaps++;
                if (!_found.Add(current.Sample, current.Pts)) return;
                string apart = $"sample {current.Sample} is presented {Track.Time(spacing)} after sample {previous.Sample} (at {Track.Time(current.Pts)}), where samples are {Track.Time(expected)} apart";
                _first = hole
                    ? $"{apart}: a hole of {Track.Time(spacing - expected)} ({Words.N(spacing - expected)} ticks)"
                    : $"{apart}: an overlap of {Track.Time(expected - spacing)} ({Words.N(expected - spacing)} ticks)";
            }

            public override void Finish(TrackSummary track, MovieContext movie, FindingList findings)
            {
                if (_found.Count == 0) return;
                string all = _found.Count == 1 ? "" : $"; {Words.N(_found.Count)} in all ({Words.Count(_holes, "hole")}, {Words.Count(_overlaps, "overlap")})";
                findings.Add(Rule, Track.TrackId, _found.Sample, Track.Seconds(_found.Pts), _found.Count, _first + all + Window.Note(track));
            }
        }

        /// <summary>The last few spacings between presented samples, and their median: the track's typical spacing there.</summary>
        private sealed class Spacings
        {
            private readonly long[] _last = new long[Recent];
            private readonly long[] _sorted = new long[Recent];
            private int _count;
            private int _next;

            public long? Median
            {
                get
                {
                    if (_count == 0) return null;
                    Array.Copy(_last, _sorted, _count);
                    Array.Sort(_sorted, 0, _count);
                    return _sorted[_count / 2];
                }
            }

            public void Add(long spacing)
            {
                _last[_next] = spacing;
                _next = (_next + 1) % Recent;
                if (_count < Recent) _count++;
            }
        }
    }
}
