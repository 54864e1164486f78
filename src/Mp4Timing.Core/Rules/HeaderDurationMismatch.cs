using System;
using System.Collections.Generic;
using System.Linq;
using Mp4Timing.Timing;

namespace Mp4Timing.Rules
{
    /// <summary>
    /// HeaderDurationMismatch (Warning): a duration stored in a header differs from what the samples and the edit list give
    /// by more than ToleranceSamples sample durations: mdhd from the sum of the sample durations, tkhd from the edit list's
    /// durations (or, without one, the samples'), mvhd from the longest track. Players show the stored length. Fragmented
    /// movies are left alone: their headers describe only the samples in moov.
    /// </summary>
    internal sealed class HeaderDurationMismatch : TimingRule
    {
        public override TimingRuleInfo Info { get; } = new TimingRuleInfo(nameof(HeaderDurationMismatch), FindingSeverity.Warning,
            "The mvhd, tkhd or mdhd duration differs from what the samples and the edit list give by more than one sample duration (players show the wrong length).",
            new TimingRuleSetting("ToleranceSamples", 1.0, "The largest difference not reported, in sample durations (of the track's longest sample)."));

        private const string Hint = "Players show the stored duration: re-mux the file (ffmpeg -i in.mp4 -c copy out.mp4 writes the headers from the samples).";

        public override TrackCheck? CheckTrack(TrackContext track, RuleOptions options) =>
            track.Movie.IsFragmented ? null : new Check(this, track, options.Number("ToleranceSamples"));

        public override void CheckMovie(MovieContext movie, RuleOptions options, FindingList findings)
        {
            if (movie.Movie.IsFragmented || movie.Movie.MovieDuration is not long stored || Unknown(stored, 32) || movie.Movie.Timescale == 0) return;
            // A track whose reading stopped (a file cut short) lasts longer than its samples read: what SampleDataMissing says.
            if (movie.Tracks.Any(t => t.ReadError is not null)) return;
            double samples = options.Number("ToleranceSamples");
            var tracks = movie.Tracks.Where(t => t.Info.SampleCount > 0).Select(t => (Track: t, Expected: Expected(t, movie.Movie.Timescale, samples))).ToList();
            if (tracks.Count == 0) return;
            var longest = tracks.OrderByDescending(t => t.Expected.Duration).First();
            long tolerance = tracks.Max(t => t.Expected.Tolerance);
            if (Math.Abs((decimal)stored - longest.Expected.Duration) <= tolerance) return;
            uint timescale = movie.Movie.Timescale;
            findings.Add(Info, 0, null, null, 1,
                $"mvhd says the movie lasts {Seconds.Format(stored, timescale)} ({Words.N(stored)} ticks at {Words.N(timescale)} per second), " +
                $"but its longest track, {Words.Track(longest.Track.Track)}, lasts {Seconds.Format(longest.Expected.Duration, timescale)} ({Words.N(longest.Expected.Duration)} ticks){longest.Expected.From}",
                Hint);
        }

        /// <summary>mdhd, tkhd and mvhd write all ones (in 32 or 64 bits) for an unknown duration.</summary>
        private static bool Unknown(long duration, int bits) => duration < 0 || (bits == 32 && duration == uint.MaxValue);

        /// <summary>
        /// How long the track lasts in movie ticks (the edit list's durations, or the samples'), where that comes from, and
        /// the tolerance: <paramref name="samples"/> of its longest sample duration, in movie ticks, rounded up.
        /// </summary>
        private static (long Duration, string From, long Tolerance) Expected(TrackSummary track, uint movieTimescale, double samples)
        {
            TrackInfo info = track.Info;
            decimal scale = info.Timescale == 0 ? 1 : (decimal)movieTimescale / info.Timescale;
            long tolerance = Ticks.Saturate(Math.Ceiling((decimal)samples * (info.MaxSampleDurationTicks ?? 0) * scale));
            if (info.EditList.Count > 0)
            {
                decimal sum = info.EditList.Sum(e => (decimal)e.SegmentDurationTicks);
                return (Ticks.Saturate(sum), " by its edit list", tolerance);
            }
            return (Ticks.Saturate(Math.Round(info.MediaDurationTicks * scale, MidpointRounding.AwayFromZero)), " by its samples", tolerance);
        }

        private sealed class Check : TrackCheck
        {
            private readonly double _samples;

            public Check(HeaderDurationMismatch rule, TrackContext track, double samples) : base(rule, track)
            {
                _samples = samples;
            }

            public override void Finish(TrackSummary track, MovieContext movie, FindingList findings)
            {
                TrackInfo info = track.Info;
                if (info.SampleCount == 0 || track.ReadError is not null) return;
                var differences = new List<string>();
                long tolerance = Ticks.Saturate(Math.Ceiling((decimal)_samples * (info.MaxSampleDurationTicks ?? 0)));
                long mdhd = info.MdhdDuration;
                if (!Unknown(mdhd, Track.Tables.MediaHeader?.Version == 1 ? 64 : 32) && Math.Abs((decimal)mdhd - info.MediaDurationTicks) > tolerance)
                {
                    differences.Add($"mdhd says {Track.Time(mdhd)} ({Words.N(mdhd)} ticks), but the samples last {Track.Time(info.MediaDurationTicks)} ({Words.N(info.MediaDurationTicks)} ticks)");
                }
                uint movieTimescale = info.MovieTimescale;
                long tkhd = info.TkhdDuration;
                var expected = Expected(track, movieTimescale, _samples);
                if (Track.Tables.TrackHeader is { } header && !Unknown(tkhd, header.Version == 1 ? 64 : 32) && Math.Abs((decimal)tkhd - expected.Duration) > expected.Tolerance)
                {
                    differences.Add($"tkhd says {Seconds.Format(tkhd, movieTimescale)} ({Words.N(tkhd)} movie ticks), but the track lasts " +
                        $"{Seconds.Format(expected.Duration, movieTimescale)} ({Words.N(expected.Duration)} movie ticks){expected.From}");
                }
                if (differences.Count == 0) return;
                findings.Add(Rule, Track.TrackId, null, null, differences.Count, string.Join("; ", differences), Hint);
            }
        }
    }
}
