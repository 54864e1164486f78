using System;
using Mp4Timing.Analysis;
using Mp4Timing.Timing;

namespace Mp4Timing.Rules
{
    /// <summary>
    /// VariableFrameRate (Information): a video track's sample durations vary beyond the timescale's rounding of one rate
    /// (TrackInfo.FrameRateMode is Variable; the last sample is let off). Worth knowing where a delivery must be constant.
    /// </summary>
    internal sealed class VariableFrameRate : TimingRule
    {
        public override TimingRuleInfo Info { get; } = new TimingRuleInfo(nameof(VariableFrameRate), FindingSeverity.Information,
            "A video track's sample durations vary beyond the timescale's rounding: the frame rate is variable.");

        public override TrackCheck? CheckTrack(TrackContext track, RuleOptions options) => track.Track.Kind == TrackKind.Video ? new Check(this, track) : null;

        private sealed class Check : TrackCheck
        {
            private NamedSampleTime _variable;

            public Check(VariableFrameRate rule, TrackContext track) : base(rule, track, samples: true)
            {
            }

            public override void OnSample(in RawSample sample, in ReadOnlyShowings showings, in TimelineTimes times)
            {
                _variable.Add(Track.Rate.VariableSample, sample.Number, times.Pts);
            }

            public override void Finish(TrackSummary track, MovieContext movie, FindingList findings)
            {
                if (track.Info.FrameRateModeValue != FrameRateMode.Variable || track.Info.MinSampleDurationTicks is not long min || track.Info.MaxSampleDurationTicks is not long max) return;
                ConstantRateCheck rate = track.Rate;
                long sample = rate.VariableSample;
                // The samples before it lasted the first duration, or that and another a tick away (a rate that is not a whole number of ticks).
                string before = rate.OtherDuration == 0
                    ? Words.N(rate.FirstDuration)
                    : $"{Words.N(Math.Min(rate.FirstDuration, rate.OtherDuration))} or {Words.N(Math.Max(rate.FirstDuration, rate.OtherDuration))}";
                string first = sample == 0 ? "" : $"; the first duration off the rate is sample {sample}'s, {Words.N(rate.VariableDuration)} ticks{Track.At(_variable.Pts)}, where the samples before it last {before}";
                findings.Add(Rule, Track.TrackId, sample == 0 ? null : sample, Track.Seconds(_variable.Pts), 1,
                    $"sample durations range from {Words.N(min)} to {Words.N(max)} ticks ({Track.Time(min)} to {Track.Time(max)}) at timescale {Words.N(Track.Timescale)}: " +
                    $"the frame rate is variable{first}");
            }
        }
    }
}
