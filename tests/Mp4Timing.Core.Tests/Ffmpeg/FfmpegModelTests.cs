using System.Linq;
using static Mp4Timing.Tests.Support.Mp4Bytes;
using static Mp4Timing.Tests.Support.MovieBytes;

namespace Mp4Timing.Tests.Ffmpeg
{
    /// <summary>
    /// The ffmpeg model on hand-built tables. The expected numbers are worked out by hand from the
    /// behaviour of ffmpeg 5.1's mov demuxer (each case was observed with ffprobe 5.1 on files patched the same way).
    /// </summary>
    public class FfmpegModelTests
    {
        private static SampleTiming[] Ffmpeg(byte[] file, uint trackId = 1)
        {
            using Mp4Movie movie = Open(file);
            return movie.ReadSampleTimings(movie.Tracks.Single(t => t.TrackId == trackId), TimingConvention.Ffmpeg).ToArray();
        }

        private static byte[] Hevc(byte[]? edts, params byte[][] tables) => Movie(1000, TrakWithCodec(1, 12800, "vide", "hvc1", edts, tables));

        [Fact]
        public void NegativeSttsDeltaIsClippedToOneAndAbsorbedByTheNextRun()
        {
            // stts [10×512, 1×(2^32-2048), 39×512]: the huge delta is -2048; it becomes 1 and the 39 deltas
            // after it shrink by (25089 - 23040) / 39 = 52 (integer division) to 460.
            byte[] file = Hevc(null, Stts((10, 512), (1, 4294965248), (39, 512)), Stsc((1, 50, 1)), StszConstant(1, 50), Stco(0));

            SampleTiming[] s = Ffmpeg(file);

            Assert.Equal(50, s.Length);
            Assert.Equal(4608, s[9].DtsTicks);
            Assert.Equal(new long[] { 5120, 5121, 5581, 6041 }, s.Skip(10).Take(4).Select(x => x.DtsTicks));
            Assert.Equal(4294965248L, s[11].DecodeTicks - s[10].DecodeTicks);
        }

        [Fact]
        public void SttsRunOfZeroSamplesStallsTheCursor()
        {
            // After 10 samples the cursor reaches the count-0 entry and never leaves it: every later delta is 1000.
            byte[] file = Hevc(null, Stts((10, 512), (0, 1000), (40, 256)), Stsc((1, 50, 1)), StszConstant(1, 50), Stco(0));

            SampleTiming[] s = Ffmpeg(file);

            Assert.Equal(new long[] { 4608, 5120, 6120, 7120 }, s.Skip(9).Take(4).Select(x => x.DtsTicks));
            Assert.Equal(5120 + 39 * 1000, s[49].DtsTicks);
        }

        [Fact]
        public void NegativeOffsetsLowerEveryDtsExceptWhenOnlyTheLastTwoEntriesHaveThem()
        {
            // ctts 0, -700, 0, 0 (one sample each): entry 1 is before the last two, so dts_shift = 700.
            byte[] shifted = Hevc(null, Stts((4, 512)), Ctts(0, (1, 0), (1, -700), (1, 0), (1, 0)), Stsc((1, 4, 1)), StszConstant(1, 4), Stco(0));
            SampleTiming[] s = Ffmpeg(shifted);
            Assert.Equal(new long[] { -700, -188, 324, 836 }, s.Select(x => x.DtsTicks));
            Assert.Equal(new long[] { 0, -188, 1024, 1536 }, s.Select(x => x.PtsTicks));

            // ctts 0, 0, -700, -900: only the last two entries are negative, so nothing is shifted and pts < dts.
            byte[] unshifted = Hevc(null, Stts((4, 512)), Ctts(0, (1, 0), (1, 0), (1, -700), (1, -900)), Stsc((1, 4, 1)), StszConstant(1, 4), Stco(0));
            s = Ffmpeg(unshifted);
            Assert.Equal(new long[] { 0, 512, 1024, 1536 }, s.Select(x => x.DtsTicks));
            Assert.Equal(new long[] { 0, 512, 324, 636 }, s.Select(x => x.PtsTicks));
        }

        [Fact]
        public void OffsetBeyondTwoToTheTwentyEighthDropsTheWholeCtts()
        {
            byte[] file = Hevc(null, Stts((4, 512)), Ctts(0, (1, 1024), (1, 1 << 29), (1, 0), (1, 0)), Stsc((1, 4, 1)), StszConstant(1, 4), Stco(0));

            SampleTiming[] s = Ffmpeg(file);

            Assert.All(s, x => Assert.Equal(x.DtsTicks, x.PtsTicks));
            Assert.Equal(1024, s[0].CompositionOffset);
        }

        [Fact]
        public void SamplesPastAShortCttsGetPtsEqualToDts()
        {
            byte[] file = Hevc(null, Stts((4, 512)), Ctts(0, (2, 1024)), Stsc((1, 4, 1)), StszConstant(1, 4), Stco(0));

            SampleTiming[] s = Ffmpeg(file);

            Assert.Equal(new long[] { 1024, 1536, 1024, 1536 }, s.Select(x => x.PtsTicks));
        }

        [Fact]
        public void UnsortedStssStallsAtTheFirstNumberThatDoesNotMatch()
        {
            // stss [13, 1, 25] (1-based): sample 13 matches, the cursor then waits for sample 1 forever.
            byte[] file = Hevc(null, Stts((30, 512)), Stss(13, 1, 25), Stsc((1, 30, 1)), StszConstant(1, 30), Stco(0));

            SampleTiming[] s = Ffmpeg(file);

            Assert.Equal(new long[] { 13 }, s.Where(x => x.IsSync).Select(x => x.Sample));
        }

        [Fact]
        public void AacPrimingPacketIsDiscardedWithPtsMinus1024AndEveryAudioPacketIsKey()
        {
            // elst: 46 ms from media_time 1024 at 44.1 kHz, i.e. media [1024, 1024 + 2029); stss marks only
            // sample 1, but AAC is intra-only. Sample 3 (2048-3072) reaches the edit end, so the walk stops
            // there: sample 4 is not in ffmpeg's index at all.
            byte[] file = Movie(1000, Trak(1, 44100, "soun", Elst(0, (46, 1024, 1)),
                Stts((4, 1024)), Stss(1), Stsc((1, 4, 1)), StszConstant(9, 4), Stco(0)));

            SampleTiming[] s = Ffmpeg(file);

            Assert.Equal(new long[] { -1024, 0, 1024 }, s.Select(x => x.PtsTicks));
            Assert.Equal(new[] { true, false, false }, s.Select(x => x.IsDiscarded));
            Assert.All(s, x => Assert.True(x.IsSync));
        }

        [Fact]
        public void MidGopEditKeepsTheFramesFromThePreviousKeyFrameAsDiscarded()
        {
            // 8 frames of 512, key frames 1 and 5, no ctts; the edit starts at media time 1536 (frame 4).
            // The walk starts at frame 1 (the key frame before), frames 1-3 are D and timed back from the
            // edit start: -1536, -1024, -512; frame 4 is the first shown, at 0.
            byte[] file = Movie(1000, TrakWithCodec(1, 12800, "vide", "hvc1", Elst(0, (200, 1536, 1)),
                Stts((8, 512)), Stss(1, 5), Stsc((1, 8, 1)), StszConstant(1, 8), Stco(0)));

            SampleTiming[] s = Ffmpeg(file);

            Assert.Equal(new long[] { -1536, -1024, -512, 0, 512, 1024, 1536, 2048 }, s.Select(x => x.PtsTicks));
            Assert.Equal(new[] { true, true, true, false, false, false, false, false }, s.Select(x => x.IsDiscarded));
        }

        [Fact]
        public void FragmentsOnlyShiftByTheEditListsTimeOffsetAndDelayPtsForNegativeOffsets()
        {
            // Empty moov with elst [0, media_time 1024]: time_offset 1024 lowers every fragment dts;
            // a negative trun offset (-512) raises every pts by 512 and leaves dts alone.
            byte[] init = Cat(Ftyp(), Box("moov", Mvhd(1000),
                TrakWithCodec(1, 15360, "vide", "hvc1", Elst(0, (0, 1024, 1)), Stts(), Stsc(), Stsz(), Stco()),
                Mvex((1, 512, 10, 0))));
            byte[] moof = Moof(1, Box("traf", Tfhd(1, 0x020000), Tfdt(0),
                Trun(1, 0x800, null, null, new uint[] { 1024 }, new uint[] { unchecked((uint)-512) }, new uint[] { 0 })));

            SampleTiming[] s = Ffmpeg(Cat(init, moof));

            Assert.Equal(new long[] { -1024, -512, 0 }, s.Select(x => x.DtsTicks));
            Assert.Equal(new long[] { 512, -512, 512 }, s.Select(x => x.PtsTicks));
            Assert.All(s, x => Assert.False(x.IsDiscarded));
        }
    }
}
