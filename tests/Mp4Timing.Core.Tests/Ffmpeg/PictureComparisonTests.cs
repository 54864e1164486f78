using System.IO;
using System.Linq;
using Mp4Timing.Ffmpeg;
using Mp4Timing.Tests.Support;

namespace Mp4Timing.Tests.Ffmpeg
{
    /// <summary>Compare-FfmpegPts with frames that carry picture types: only what both sides know is compared.</summary>
    public class PictureComparisonTests
    {
        [Fact]
        public void FramesOfACodecWhoseHeadersAreNotReadAreComparedByTimeOnly()
        {
            // Two ProRes samples: ffmpeg prints pict_type I and key_frame 1 for each; no reader knows ProRes headers.
            byte[] file = PictureMovie.Movie(PictureMovie.Entry("apcn"), null, new byte[] { 1, 2, 3 }, new byte[] { 4, 5, 6 });
            using Mp4Movie movie = MovieBytes.Open(file);
            Mp4Track track = movie.Tracks.Single();
            long[] offsets = movie.ReadSampleTimings(track).Select(s => s.Offset).ToArray();
            string json = "{ \"frames\": [ " + string.Join(", ", offsets.Select((o, i) =>
                $"{{ \"stream_index\": 0, \"key_frame\": 1, \"pict_type\": \"I\", \"best_effort_timestamp\": {i}, \"pkt_pos\": \"{o}\" }}")) +
                " ], \"streams\": [ { \"index\": 0, \"codec_type\": \"video\", \"id\": \"0x1\", \"time_base\": \"1/30\" } ] }";
            FfmpegView view = FfmpegView.FromFfprobeJson(new StringReader(json), "frames");

            TrackComparison comparison = PtsComparer.Compare(movie, track, view);

            Assert.Equal(2, comparison.Rows.Count);
            Assert.All(comparison.Rows, row => Assert.True(row.Match, row.Reason));
            Assert.All(comparison.Rows, row => Assert.Null(row.PictureType));
            Assert.All(comparison.Rows, row => Assert.Equal("I", row.FfmpegPictureType));
            Assert.DoesNotContain("picture types", comparison.Summary.Explanation);
        }
    }
}
