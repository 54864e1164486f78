using System.Collections.Generic;
using System.Linq;
using static Mp4Timing.Tests.Support.Mp4Bytes;
using static Mp4Timing.Tests.Support.MovieBytes;

namespace Mp4Timing.Tests.Timing
{
    /// <summary>Progressive sample tables built by hand; every expectation is computed from the spec by hand.</summary>
    public class SampleTableTimingTests
    {
        private static byte[] VideoTrack(byte[]? edts, params byte[][] tables) => Movie(1000, Trak(1, 30, "vide", edts, tables));

        [Fact]
        public void BFramesAndEditList_DecodeCompositionAndPresentationTimes()
        {
            // stts 6×1, ctts 2,5,2,0,1,2, one edit: 200 ms (6 ticks at 30/s) from media_time 2.
            byte[] file = VideoTrack(Elst(0, (200, 2, 1)),
                Stts((6, 1)), Ctts(0, (1, 2), (1, 5), (1, 2), (1, 0), (1, 1), (1, 2)), Stss(1),
                Stsc((1, 6, 1)), Stsz(10, 11, 12, 13, 14, 15), Stco(1000));

            SampleTiming[] s = Timings(file);

            Assert.Equal(new long[] { 0, 1, 2, 3, 4, 5 }, s.Select(x => x.DecodeTicks));
            Assert.Equal(new long[] { 2, 6, 4, 3, 5, 7 }, s.Select(x => x.CompositionTicks));
            Assert.Equal(new long[] { 0, 4, 2, 1, 3, 5 }, s.Select(x => x.PtsTicks));
            Assert.Equal(new long[] { -2, -1, 0, 1, 2, 3 }, s.Select(x => x.DtsTicks));
            Assert.Equal(2 / 30.0, s[0].CompositionTime);
            Assert.Equal(0.0, s[0].Pts);
            Assert.All(s, x => Assert.False(x.IsDiscarded));
            Assert.All(s, x => Assert.Equal(1, x.Edit));
            Assert.Equal(new[] { true, false, false, false, false, false }, s.Select(x => x.IsSync));
            Assert.Equal(new long[] { 1000, 1010, 1021, 1033, 1046, 1060 }, s.Select(x => x.Offset));
            Assert.Equal(new long[] { 1, 2, 3, 4, 5, 6 }, s.Select(x => x.Sample));
        }

        [Fact]
        public void ZeroCountRunsAreSkipped()
        {
            byte[] file = VideoTrack(null,
                Stts((2, 10), (0, 99), (3, 20)), Ctts(0, (0, 7), (5, 1)),
                Stsc((1, 5, 1)), StszConstant(4, 5), Stco(0));

            SampleTiming[] s = Timings(file);

            Assert.Equal(new long[] { 0, 10, 20, 40, 60 }, s.Select(x => x.DecodeTicks));
            Assert.Equal(new long[] { 10, 10, 20, 20, 20 }, s.Select(x => x.DurationTicks));
            Assert.All(s, x => Assert.Equal(1, x.CompositionOffset));
            Assert.Equal(new long[] { 1, 11, 21, 41, 61 }, s.Select(x => x.PtsTicks));
        }

        [Fact]
        public void StscRunsApplyUntilTheNextFirstChunkAndTheLastRunToTheLastChunk()
        {
            // Chunks 1-2 hold 2 samples, chunks 3-4 one each (the last entry runs to the last chunk).
            byte[] file = VideoTrack(null,
                Stts((6, 1)), Stsc((1, 2, 1), (3, 1, 1)), Stsz(10, 11, 12, 13, 14, 15), Stco(100, 200, 300, 400));

            SampleTiming[] s = Timings(file);

            Assert.Equal(new long?[] { 1, 1, 2, 2, 3, 4 }, s.Select(x => x.Chunk));
            Assert.Equal(new long[] { 100, 110, 200, 212, 300, 400 }, s.Select(x => x.Offset));
        }

        [Fact]
        public void StscEntryAfterAGapOfChunksKeepsThePreviousRunForTheGap()
        {
            // Entries for chunks 1 and 4: chunks 1-3 hold 1 sample, chunk 4 holds 2.
            byte[] file = VideoTrack(null,
                Stts((5, 1)), Stsc((1, 1, 1), (4, 2, 1)), StszConstant(10, 5), Stco(100, 200, 300, 400));

            SampleTiming[] s = Timings(file);

            Assert.Equal(new long?[] { 1, 2, 3, 4, 4 }, s.Select(x => x.Chunk));
            Assert.Equal(new long[] { 100, 200, 300, 400, 410 }, s.Select(x => x.Offset));
        }

        [Fact]
        public void StcoTooShortForStscIsACleanErrorAfterTheSamplesBefore()
        {
            byte[] file = VideoTrack(null, Stts((4, 1)), Stsc((1, 1, 1)), StszConstant(10, 4), Stco(100, 200, 300));

            using Mp4Movie movie = Open(file);
            var read = new List<SampleTiming>();
            var error = Assert.Throws<Mp4FormatException>(() => read.AddRange(movie.ReadSampleTimings(movie.Tracks[0])));

            Assert.Equal(3, read.Count);
            Assert.Equal(Mp4ErrorKind.TableTooShort, error.Kind);
            Assert.EndsWith("/stco", error.BoxPath);
            Assert.Contains("3 chunk offsets", error.Message);
        }

        [Theory]
        [InlineData(4, new uint[] { 1, 15, 7 })]
        [InlineData(4, new uint[] { 3, 9, 0, 12 })]
        [InlineData(8, new uint[] { 200, 1, 255 })]
        [InlineData(16, new uint[] { 65535, 300, 2 })]
        public void CompactSampleSizes(int fieldSize, uint[] sizes)
        {
            byte[] file = VideoTrack(null, Stts(((uint)sizes.Length, 1)), Stsc((1, (uint)sizes.Length, 1)), Stz2(fieldSize, sizes), Stco(5000));

            SampleTiming[] s = Timings(file);

            Assert.Equal(sizes.Select(x => (long)x), s.Select(x => x.Size));
            long expected = 5000;
            foreach (SampleTiming sample in s)
            {
                Assert.Equal(expected, sample.Offset);
                expected += sample.Size;
            }
        }

        [Fact]
        public void LargeChunkOffsetsBeyondFourGigabytes()
        {
            byte[] file = VideoTrack(null, Stts((3, 1)), Stsc((1, 1, 1)), StszConstant(7, 3), Co64(0x1_0000_0000, 0x2_0000_0010, 0x7FFF_FFFF_0000_0000));

            SampleTiming[] s = Timings(file);

            Assert.Equal(new long[] { 0x1_0000_0000, 0x2_0000_0010, 0x7FFF_FFFF_0000_0000 }, s.Select(x => x.Offset));
        }

        [Fact]
        public void SampleDataPastTheEndOfTheFileStopsReadingWithACleanError()
        {
            // Data in this file (dref flag 1): three 10-byte samples in one chunk 15 bytes before the end.
            // Sample 1 fits, sample 2 is cut by the end (given, as ffmpeg gives it), sample 3 starts past it.
            byte[] Build(uint chunk) => Movie(1000, TrakWithData(1, 30, "vide", "hvc1", null, dataInFile: true,
                Stts((3, 1)), Stsc((1, 3, 1)), StszConstant(10, 3), Stco(chunk)));
            int length = Build(0).Length;
            byte[] file = Build((uint)(length - 15));

            using Mp4Movie movie = Open(file);
            var read = new List<SampleTiming>();
            var error = Assert.Throws<Mp4FormatException>(() => read.AddRange(movie.ReadSampleTimings(movie.Tracks[0])));

            Assert.Equal(new long[] { length - 15, length - 5 }, read.Select(x => x.Offset));
            Assert.Equal(Mp4ErrorKind.TruncatedBox, error.Kind);
            Assert.Contains("sample 3 of track 1", error.Message);
            Assert.Contains("cut short", error.Message);
        }

        [Fact]
        public void WithoutStssEverySampleIsSync()
        {
            SampleTiming[] s = Timings(VideoTrack(null, Stts((3, 1)), Stsc((1, 3, 1)), StszConstant(1, 3), Stco(0)));
            Assert.All(s, x => Assert.True(x.IsSync));
        }

        [Fact]
        public void CttsShorterThanTheSampleCountIsACleanError()
        {
            byte[] file = VideoTrack(null, Stts((4, 1)), Ctts(0, (3, 2)), Stsc((1, 4, 1)), StszConstant(1, 4), Stco(0));

            using Mp4Movie movie = Open(file);
            var read = new List<SampleTiming>();
            var error = Assert.Throws<Mp4FormatException>(() => read.AddRange(movie.ReadSampleTimings(movie.Tracks[0])));

            Assert.Equal(3, read.Count);
            Assert.Equal(Mp4ErrorKind.TableTooShort, error.Kind);
            Assert.EndsWith("/ctts", error.BoxPath);
            Assert.Contains("sample 4", error.Message);
        }

        [Fact]
        public void CttsLongerThanTheSampleCountIsReportedAfterAllSamples()
        {
            var warnings = new List<Mp4FormatException>();
            byte[] file = VideoTrack(null, Stts((4, 1)), Ctts(0, (4, 2), (6, 1)), Stsc((1, 4, 1)), StszConstant(1, 4), Stco(0));

            SampleTiming[] s = Timings(file, warnings: warnings);

            Assert.Equal(4, s.Length);
            var warning = Assert.Single(warnings);
            Assert.Equal(Mp4ErrorKind.InconsistentSampleCount, warning.Kind);
            Assert.Contains("6 more samples", warning.Message);
        }

        [Fact]
        public void NegativeVersion1OffsetsWithoutEditListKeepDecodeTimesAsStored()
        {
            // ISO: presentation = composition when there is no edit list; DTS is not shifted.
            byte[] file = Movie(1000, Trak(1, 15360, "vide", null,
                Stts((4, 512)), Ctts(1, (1, 0), (1, 1536), (1, -512), (1, -1024)), Stsc((1, 4, 1)), StszConstant(1, 4), Stco(0)));

            SampleTiming[] s = Timings(file);

            Assert.Equal(new long[] { 0, 512, 1024, 1536 }, s.Select(x => x.DtsTicks));
            Assert.Equal(new long[] { 0, 2048, 512, 512 }, s.Select(x => x.PtsTicks));
            Assert.Equal(new long[] { 0, 1536, -512, -1024 }, s.Select(x => x.CompositionOffset));
            Assert.All(s, x => Assert.Null(x.Edit));
        }

        [Fact]
        public void EmptyEditThenNormalEditDelaysTheTrack()
        {
            // 500 ms empty at movie timescale 1000, then media from 0: +24000 ticks at 48 kHz.
            byte[] file = Movie(1000, Trak(1, 48000, "soun", Elst(0, (500, -1, 1), (64, 0, 1)),
                Stts((3, 1024)), Stsc((1, 3, 1)), StszConstant(6, 3), Stco(0)));

            SampleTiming[] s = Timings(file);

            Assert.Equal(new long[] { 24000, 25024, 26048 }, s.Select(x => x.PtsTicks));
            Assert.Equal(new long[] { 24000, 25024, 26048 }, s.Select(x => x.DtsTicks));
            Assert.All(s, x => Assert.Equal(2, x.Edit));
        }

        [Fact]
        public void DwellEditHoldsTheSampleAtMediaTimeThenPlaybackContinues()
        {
            // Edit 1 holds the sample covering media time 25 for 1 s (rate 0); edit 2 plays all from 0 after it.
            byte[] file = Movie(1000, Trak(1, 100, "vide", Elst(0, (1000, 25, 0), (300, 0, 1)),
                Stts((3, 10)), Stsc((1, 3, 1)), StszConstant(1, 3), Stco(0)));

            SampleTiming[] s = Timings(file);

            // Sample 3 (CTS 20, lasting to 30) is held first at 0, then every sample plays from 100.
            Assert.Equal(new[] { "1:100:2", "2:110:2", "3:0:1", "3:120:2" }, s.Select(x => $"{x.Sample}:{x.PtsTicks}:{x.Edit}"));
        }

        [Fact]
        public void SampleShownByTwoEditsAppearsOncePerShowing()
        {
            // Media 0-20 is played, then media 10-30: samples 2 (CTS 10) shows twice.
            byte[] file = Movie(100, Trak(1, 100, "vide", Elst(0, (20, 0, 1), (20, 10, 1)),
                Stts((3, 10)), Stsc((1, 3, 1)), StszConstant(1, 3), Stco(0)));

            SampleTiming[] s = Timings(file);

            Assert.Equal(new[] { "1:0:1", "2:10:1", "2:20:2", "3:30:2" }, s.Select(x => $"{x.Sample}:{x.PtsTicks}:{x.Edit}"));
        }

        [Fact]
        public void SamplesNoEditShowsAreDiscardedAndPlacedByTheNearestEdit()
        {
            // AAC priming: media_time 1024 skips the first 1024-sample frame entirely.
            byte[] file = Movie(1000, Trak(1, 44100, "soun", Elst(0, (46, 1024, 1)),
                Stts((3, 1024)), Stsc((1, 3, 1)), StszConstant(9, 3), Stco(0)));

            SampleTiming[] s = Timings(file);

            Assert.Equal(new[] { true, false, false }, s.Select(x => x.IsDiscarded));
            Assert.Equal(new long[] { -1024, 0, 1024 }, s.Select(x => x.PtsTicks));
            Assert.Equal(new int?[] { null, 1, 1 }, s.Select(x => x.Edit));
        }

        [Fact]
        public void SixtyFourBitMediaHeaderAndEditList()
        {
            // mdhd v1 and elst v1 with values beyond 32 bits; the edit starts 2^33 ticks into the media,
            // which two samples of 2^32 - 1 ticks and one of 2 reach.
            const long start = 1L << 33;
            byte[] file = Cat(Ftyp(), Box("moov", Mvhd(1000, version: 1),
                Box("trak", Tkhd(1), Elst(1, (5_000_000_000, start, 1)),
                    Box("mdia", Mdhd(90000, 1UL << 40, version: 1), Hdlr("vide"),
                        Box("minf", Box("stbl", Stsd(), Stts((2, 0xFFFF_FFFF), (1, 2), (2, 3000)), Stsc((1, 5, 1)), StszConstant(1, 5), Stco(0)))))));

            using Mp4Movie movie = Open(file);
            Assert.Equal(1L << 40, movie.Tracks[0].MediaDuration);
            SampleTiming[] s = movie.ReadSampleTimings(movie.Tracks[0]).ToArray();

            Assert.Equal(new long[] { 0, 0xFFFF_FFFF, start - 2, start, start + 3000 }, s.Select(x => x.DecodeTicks));
            Assert.Equal(new[] { true, true, true, false, false }, s.Select(x => x.IsDiscarded));
            Assert.Equal(new long[] { 0, 3000 }, s.Skip(3).Select(x => x.PtsTicks));
        }

        [Fact]
        public void EditListBeyondTheTickRangeIsACleanError()
        {
            // An empty edit of 2^62 movie ticks at 1000/s is 9.2e19 ticks at 90000/s: past 2^63.
            byte[] file = Cat(Ftyp(), Box("moov", Mvhd(1000),
                Box("trak", Tkhd(1), Elst(1, (1L << 62, -1, 1), (1000, 0, 1)),
                    Box("mdia", Mdhd(90000), Hdlr("vide"),
                        Box("minf", Box("stbl", Stsd(), Stts((1, 3000)), Stsc((1, 1, 1)), StszConstant(1, 1), Stco(0)))))));

            using Mp4Movie movie = Open(file);
            var error = Assert.Throws<Mp4FormatException>(() => movie.ReadSampleTimings(movie.Tracks[0]).ToArray());

            Assert.Equal(Mp4ErrorKind.TimestampOverflow, error.Kind);
            Assert.EndsWith("/elst", error.BoxPath);
        }
    }
}
