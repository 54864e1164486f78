using System;
using Mp4Timing.Analysis;
using Mp4Timing.Timing;

namespace Mp4Timing.Rules
{
    /// <summary>
    /// FragmentTimeJump (Warning): a track fragment whose tfdt is not where the track's previous fragment (or its samples in
    /// moov, or the last fragment of the media segment piped before it) ended: a gap or an overlap in decode time. DASH-IF's
    /// conformance software and Apple's mediastreamvalidator check the same continuity.
    /// </summary>
    internal sealed class FragmentTimeJump : TimingRule
    {
        public override TimingRuleInfo Info { get; } = new TimingRuleInfo(nameof(FragmentTimeJump), FindingSeverity.Warning,
            "A fragment's tfdt differs from where the track's previous fragment ended (a gap or an overlap), also across piped media segments.",
            new TimingRuleSetting("ToleranceTicks", 0.0, "The largest difference, in media ticks, that is not reported."));

        public override TrackCheck? CheckTrack(TrackContext track, RuleOptions options) =>
            track.Movie.IsFragmented ? new Check(this, track, options.Number("ToleranceTicks")) : null;

        private sealed class Check : TrackCheck
        {
            private readonly double _tolerance;
            private Occurrences _found;
            private bool _hasPrevious;
            private long _previousEnd;
            private long _gaps;
            private long _overlaps;
            private string _first = "";

            public Check(FragmentTimeJump rule, TrackContext track, double tolerance) : base(rule, track, samples: true)
            {
                _tolerance = tolerance;
                if (track.PreviousDecodeTicks is long decode)
                {
                    _hasPrevious = true;
                    _previousEnd = Ticks.SaturatingAdd(decode, track.PreviousDurationTicks ?? 0);
                }
            }

            public override void OnSample(in RawSample sample, in ReadOnlyShowings showings, in TimelineTimes times)
            {
                if (_hasPrevious && sample.StartsFragment && sample.HasFragmentDecodeTime && sample.DecodeTicks != _previousEnd)
                {
                    decimal jump = (decimal)sample.DecodeTicks - _previousEnd;
                    if (Math.Abs(jump) > (decimal)_tolerance && times.Pts is long pts)
                    {
                        if (jump > 0) _gaps++;
                        else _overlaps++;
                        if (_found.Add(sample.Number, pts))
                        {
                            string fragment = sample.Fragment is uint sequence ? $"fragment {sequence}" : "a fragment";
                            string what = jump > 0 ? "a gap" : "an overlap";
                            _first = $"{fragment} (from sample {sample.Number}) starts at {Track.Time(sample.DecodeTicks)} by its tfdt, where the fragment before ended at " +
                                $"{Track.Time(_previousEnd)}: {what} of {Track.Time(Ticks.Saturate(Math.Abs(jump)))} ({Words.N(Ticks.Saturate(Math.Abs(jump)))} ticks)";
                        }
                    }
                }
                _hasPrevious = true;
                _previousEnd = Ticks.SaturatingAdd(sample.DecodeTicks, sample.DurationTicks);
            }

            public override void Finish(TrackSummary track, MovieContext movie, FindingList findings)
            {
                if (_found.Count == 0) return;
                string all = _found.Count == 1 ? "" : $"; {Words.Count(_found.Count, "fragment")} in all ({Words.N(_gaps)} with a gap, {Words.N(_overlaps)} with an overlap)";
                findings.Add(Rule, Track.TrackId, _found.Sample, Track.Seconds(_found.Pts), _found.Count, _first + all,
                    "Each tfdt should be the previous fragment's tfdt plus its sample durations: a packager that rounds each fragment's start on its own must carry the remainder into the next.");
            }
        }
    }
}
