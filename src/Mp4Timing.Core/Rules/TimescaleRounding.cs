using System.Globalization;
using Mp4Timing.Analysis;
using Mp4Timing.Timing;

namespace Mp4Timing.Rules
{
    /// <summary>
    /// TimescaleRounding (Warning): a constant rate whose duration is not a whole number of ticks (29.97 fps at timescale
    /// 1000: 33.367 ms), written as durations of d and d + 1 ticks: each sample's time is off by up to a tick from the true
    /// one, and the durations alternate, which some players and packagers read as jitter.
    /// </summary>
    internal sealed class TimescaleRounding : TimingRule
    {
        public override TimingRuleInfo Info { get; } = new TimingRuleInfo(nameof(TimescaleRounding), FindingSeverity.Warning,
            "The sample duration is not a whole number of ticks (29.97 fps at timescale 1000), so durations alternate and timestamps jitter.",
            new TimingRuleSetting("MinimumTickMs", 0.5, "The rule speaks only when a tick lasts at least this long, in milliseconds: shorter ticks make the jitter too small to matter (at timescale 90000 a tick is 0.011 ms)."));

        public override TrackCheck? CheckTrack(TrackContext track, RuleOptions options) =>
            track.Track.Kind is TrackKind.Video or TrackKind.Audio && 1000.0 / track.Timescale >= options.Number("MinimumTickMs")
                ? new Check(this, track)
                : null;

        private sealed class Check : TrackCheck
        {
            private NamedSampleTime _firstOther;

            public Check(TimescaleRounding rule, TrackContext track) : base(rule, track, samples: true)
            {
            }

            public override void OnSample(in RawSample sample, in ReadOnlyShowings showings, in TimelineTimes times)
            {
                _firstOther.Add(Track.Rate.FirstOtherSample, sample.Number, times.Pts);
            }

            public override void Finish(TrackSummary track, MovieContext movie, FindingList findings)
            {
                var rate = track.Rate;
                if (track.Info.FrameRateModeValue != FrameRateMode.Constant || rate.OtherDuration == 0 || track.Info.SampleCount < 2) return;
                long low = System.Math.Min(rate.FirstDuration, rate.OtherDuration);
                long high = low + 1;
                // The exact duration the two stand for: the mean of every sample's when the last lasts one of the two (the muxer
                // rounds the whole track's end best), else of those the rate check judged (a last sample cut short is let off).
                decimal judged = rate.MeanDuration;
                long samples = track.Info.SampleCount;
                decimal last = track.Info.MediaDurationTicks - judged * (samples - 1);
                decimal mean = last == low || last == high ? (decimal)track.Info.MediaDurationTicks / samples : judged;
                decimal perSecond = mean == 0 ? 0 : Track.Timescale / mean;
                bool video = Track.Track.Kind == TrackKind.Video;
                string unit = video ? "frames" : "samples";
                string rateText = video
                    ? $"{perSecond.ToString("0.###", CultureInfo.InvariantCulture)} fps"
                    : $"{perSecond.ToString("0.###", CultureInfo.InvariantCulture)} samples a second";
                string hint = video
                    ? "Use a timescale that is a whole multiple of the frame rate: 30000 for 29.97 fps (1001 ticks a frame), 24000 for 23.976 fps, or 90000."
                    : "Use the audio's sample rate as its timescale.";
                findings.Add(Rule, Track.TrackId, rate.FirstOtherSample, Track.Seconds(_firstOther.Pts), rate.OtherCount,
                    $"{unit} last {Words.N(low)} or {Words.N(high)} ticks at timescale {Words.N(Track.Timescale)}: {rateText} ({mean.ToString("0.###", CultureInfo.InvariantCulture)} ticks each) " +
                    $"is not a whole number of ticks, so {Words.Count(rate.OtherCount, "sample")} last {Words.N(rate.OtherDuration)} ticks instead of {Words.N(rate.FirstDuration)} and every time is off by up to a tick ({Words.Ms(1.0 / Track.Timescale)})",
                    hint);
            }
        }
    }
}
