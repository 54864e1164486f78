using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using Mp4Timing.Ffmpeg;
using Mp4Timing.Tests.Support;

namespace Mp4Timing.Tests.Ffmpeg
{
    /// <summary>
    /// The start_time ffprobe reports for each stream, as each modelled version gives it, against the records of ffprobe
    /// 5.1 (*.ffprobe.json) and of the 6.1-dev ffprobe (*.ffprobe-6.1.json) beside the fixtures.
    /// </summary>
    public class FfmpegStartTimeTests
    {
        private static readonly string Fixtures = Path.Combine(TestPaths.Root, "tests", "fixtures");

        public static IEnumerable<object[]> Records() =>
            from media in Directory.EnumerateFiles(Fixtures, "*.*", SearchOption.AllDirectories)
            where new[] { ".mp4", ".m4a", ".mov" }.Contains(Path.GetExtension(media))
            from record in new[] { ("5.1", ".ffprobe.json"), ("6.1", ".ffprobe-6.1.json") }
            let json = Path.ChangeExtension(media, null) + record.Item2
            where File.Exists(json)
            orderby media
            select new object[] { Path.GetRelativePath(Fixtures, media), record.Item1 };

        [Theory]
        [MemberData(nameof(Records))]
        public void EveryStreamStartsWhereThatVersionsFfprobeSays(string fixture, string version)
        {
            string media = Path.Combine(Fixtures, fixture);
            string json = Path.ChangeExtension(media, null) + (version == "5.1" ? ".ffprobe.json" : ".ffprobe-6.1.json");
            using Mp4Movie movie = Mp4Movie.Open(media);
            FfmpegMovieModel model = movie.FfmpegModel(new Version(version));
            using JsonDocument probe = JsonDocument.Parse(File.ReadAllText(json));
            int compared = 0;
            foreach (JsonElement stream in probe.RootElement.GetProperty("streams").EnumerateArray())
            {
                // Attached pictures have no track: ffprobe gives their streams the track count plus one as id, or none.
                if (stream.GetProperty("disposition").GetProperty("attached_pic").GetInt32() == 1) continue;
                uint trackId = Convert.ToUInt32(stream.GetProperty("id").GetString(), 16);
                FfmpegTrackResult track = model.Tracks.Single(t => t.Track.TrackId == trackId);
                string? expected = stream.TryGetProperty("start_time", out JsonElement start) ? start.GetString() : null;
                string? predicted = track.StartTime is long ticks ? ((double)ticks / track.TimeBase).ToString("0.000000", CultureInfo.InvariantCulture) : null;
                Assert.Equal(expected, predicted);
                compared++;
            }
            Assert.True(compared > 0, "the record holds no stream to compare");
        }

        [Fact]
        public void AFragmentedAacTracksEditIsPrimingFrom61On()
        {
            // A DASH audio stream (init segment and its segments, joined) whose one edit starts the media at 1024 (AAC's
            // priming, at 48 kHz): ffprobe 5.1 gives start_time -0.021333 (the first packet's pts, -1024); the 6.1-dev
            // ffprobe gives the first packet Skip Samples 1024 and start_time 0; FFmpeg 9.0's libavformat (libav.js) gives
            // the same Skip Samples and a format start_time of 0.
            using Mp4Movie movie = Mp4Movie.Open(Path.Combine(Fixtures, "dash", "stream1-concat.mp4"));
            foreach (var (version, start, skip) in new[] { ("5.1", -1024L, 0L), ("6.1", 0L, 1024L), ("9.0", 0L, 1024L) })
            {
                FfmpegTrackResult track = movie.FfmpegModel(new Version(version)).Tracks.Single();
                Assert.Equal(-1024, track.Packets[0].Pts);
                Assert.Equal(start, track.StartTime);
                Assert.Equal(skip, track.SkipSamples);
            }
        }
    }
}
