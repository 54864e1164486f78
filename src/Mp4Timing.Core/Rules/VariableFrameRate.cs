using Mp4Timing.Analysis;
using Mp4Timing.Timing;

namespace Mp4Timing.Rules
{
    /// <summary>
    /// VariableFrameRate (Information): a video track's sample durations vary beyond the timescale's rounding of one rate
    /// (TrackInfo.FrameRateMode is Variable; the last sample is let off). Worth knowing where a delivery must be constant.
    /// </summary>
    internal sealed class VariableFrameRate : ITimingRule
    {
        public TimingRuleInfo Info { get; } = new TimingRuleInfo(nameof(VariableFrameRate), FindingSeverity.Information,
            "A video track's sample durations vary beyond the timescale's rounding: the frame rate is variable.");

        public TrackCheck? CheckTrack(TrackContext track, RuleOptions options) => track.Track.Kind == TrackKind.Video ? new Check(this, track) : null;

        public void CheckMovie(MovieContext movie, RuleOptions options, FindingList findings)
        {
        }

        private sealed class Check : TrackCheck
        {
            private readonly VariableFrameRate _rule;
            private readonly TrackContext _track;
            private long _previousNumber;
            private long? _previousPts;
            private long _previousDuration;
            private long _sample;
            private long? _pts;
            private long _duration;

            public Check(VariableFrameRate rule, TrackContext track) : base(samples: true)
            {
                _rule = rule;
                _track = track;
            }

            public override void OnSample(in RawSample sample, in ReadOnlyShowings showings, in TimelineTimes times)
            {
                // The pass judges a duration when the sample after it arrives: the one that made the rate variable is the previous one.
                if (_sample == 0 && _track.Rate.VariableAt > 0)
                {
                    _sample = _previousNumber;
                    _pts = _previousPts;
                    _duration = _previousDuration;
                }
                _previousNumber = sample.Number;
                _previousPts = times.Pts;
                _previousDuration = sample.DurationTicks;
            }

            public override void Finish(TrackSummary track, MovieContext movie, FindingList findings)
            {
                if (track.Info.FrameRateModeValue != FrameRateMode.Variable || track.Info.MinSampleDurationTicks is not long min || track.Info.MaxSampleDurationTicks is not long max) return;
                string first = _sample == 0 ? "" : $"; the first duration off the rate is sample {_sample}'s, {Words.N(_duration)} ticks{_track.At(_pts)}, where the samples before it last {Words.N(track.Rate.FirstDuration)}";
                findings.Add(_rule.Info, _track.TrackId, _sample == 0 ? null : _sample, _sample == 0 ? null : _track.Seconds(_pts), 1,
                    $"sample durations range from {Words.N(min)} to {Words.N(max)} ticks ({_track.Time(min)} to {_track.Time(max)}) at timescale {Words.N(_track.Timescale)}: " +
                    $"the frame rate is variable{first}");
            }
        }
    }
}
