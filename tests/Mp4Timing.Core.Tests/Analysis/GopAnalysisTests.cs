using System.Collections.Generic;
using System.IO;
using System.Linq;
using Mp4Timing.Analysis;
using Mp4Timing.Tests.Support;
using static Mp4Timing.Tests.Support.BitWriter;
using static Mp4Timing.Tests.Support.PictureHeaders;
using static Mp4Timing.Tests.Support.PictureMovie;

namespace Mp4Timing.Tests.Analysis
{
    /// <summary>
    /// The GOP structure Get-Mp4Track reports (ClosedGop, GopLength, GopPattern, MaxConsecutiveBFrames) and the random
    /// access facts the rules read, on movies whose slice and picture headers are built field by field (ITU-T H.264 7.3,
    /// H.265 7.3, ISO/IEC 13818-2 6.2, 14496-2 6.2). Every expected value is worked out from the headers and tables here.
    /// </summary>
    public class GopAnalysisTests
    {
        // ---- headers -----------------------------------------------------------------------------------------

        private static byte[] StartCode(byte code, byte[] bits) => Mp4Bytes.Cat(new byte[] { 0, 0, 1, code }, bits);

        private static byte[] Esds(byte objectType) => Mp4Bytes.FullBox("esds", 0, 0, Mp4Bytes.U8(0x03), Mp4Bytes.U8(21), Mp4Bytes.U16(1), Mp4Bytes.U8(0),
            Mp4Bytes.U8(0x04), Mp4Bytes.U8(13), Mp4Bytes.U8(objectType), Mp4Bytes.U8(0x11), Mp4Bytes.U24(0), Mp4Bytes.U32(0), Mp4Bytes.U32(0), Mp4Bytes.U8(0x06), Mp4Bytes.U8(1), Mp4Bytes.U8(2));

        /// <summary>
        /// An MPEG-2 picture (picture_coding_type 1 I, 2 P, 3 B); an I picture comes after a sequence header and a GOP header
        /// whose time_code (25 bits) is followed by closed_gop and broken_link (13818-2 6.2.2.6).
        /// </summary>
        private static byte[] Mpeg2(char type, bool closedGop = false)
        {
            byte[] picture = StartCode(0x00, new BitWriter().U(10, 0).U(3, "IPB".IndexOf(type) + 1).U(16, 0xFFFF).Aligned());
            if (type != 'I') return picture;
            byte[] sequence = StartCode(0xB3, new byte[] { 0x08, 0x00, 0x48, 0x13, 0xFF, 0xFF, 0xE0, 0x18 });
            byte[] gop = StartCode(0xB8, new BitWriter().U(25, 1 << 12).Flag(closedGop).Flag(false).Aligned());
            return Mp4Bytes.Cat(sequence, gop, picture);
        }

        /// <summary>
        /// An MPEG-4 Part 2 VOP (vop_coding_type 0 I, 1 P, 2 B); an I-VOP comes after a GOV header: time_code (18 bits),
        /// closed_gov, broken_link, then next_start_code's stuffing 0111 (14496-2 6.2.4).
        /// </summary>
        private static byte[] Mpeg4(char type, bool? closedGov = null)
        {
            byte[] vop = StartCode(0xB6, new BitWriter().U(2, "IPB".IndexOf(type)).U(14, 0x1234).Aligned());
            if (closedGov is not bool closed) return vop;
            byte[] gov = StartCode(0xB3, new BitWriter().U(5, 0).U(6, 0).U(1, 1).U(6, 1).Flag(closed).Flag(false).U(4, 7).Aligned());
            return Mp4Bytes.Cat(gov, vop);
        }

        // ---- reading ------------------------------------------------------------------------------------------

        private static TrackInfo Track(byte[] file, bool everyPicture = false)
        {
            using Mp4Movie movie = Mp4Movie.Open(new MemoryStream(file, writable: false), "built.mp4");
            return TrackAnalysis.Analyze(movie, everyPicture: everyPicture).Single();
        }

        // ---- closed and open GOPs ---------------------------------------------------------------------------------

        [Fact]
        public void IdrGopsWithBFramesAreClosed()
        {
            // Decode order I P B B | I P B B, shown I B B P: no picture after an IDR is shown before it.
            byte[] file = Movie(HevcEntry(), new uint[] { 1, 5 }, Shown(0, 3, 1, 2, 4, 7, 5, 6), new[]
            {
                Hevc(IdrWRadl, SliceI), Hevc(TrailR, SliceP), Hevc(TrailR, SliceB), Hevc(TrailR, SliceB),
                Hevc(IdrWRadl, SliceI), Hevc(TrailR, SliceP), Hevc(TrailR, SliceB), Hevc(TrailR, SliceB),
            });

            TrackInfo info = Track(file, everyPicture: true);

            Assert.True(info.ClosedGop);
            Assert.Equal(4, info.GopLength);
            Assert.Equal("IPBB", info.GopPattern);
            Assert.Equal(2, info.MaxConsecutiveBFrames);
            RandomAccessFacts facts = info.RandomAccess!;
            Assert.Equal(2, facts.SyncSamples);
            Assert.Equal(2, facts.SyncSamplesRead);
            Assert.Equal(0, facts.OpenSyncSamples.Count);
            Assert.Equal(0, facts.NonIntraSyncSamples.Count);
            Assert.Equal(0, facts.UnreadSyncSamples.Count);
            Assert.Equal(GopStart.Closed, facts.FirstSample!.Value.Start);
            Assert.Equal("IDR_W_RADL", facts.FirstSample.Value.Picture.Kind);
        }

        [Fact]
        public void ACraFollowedByPicturesShownBeforeItStartsAnOpenGop()
        {
            // I(IDR) P B B | CRA RASL RASL P: the two RASL pictures (decode 6 and 7) are shown at 5 and 6, before the CRA at 7.
            byte[] file = Movie(HevcEntry(), new uint[] { 1, 5 }, Shown(0, 3, 1, 2, 7, 5, 6, 8), new[]
            {
                Hevc(IdrWRadl, SliceI), Hevc(TrailR, SliceP), Hevc(TrailR, SliceB), Hevc(TrailR, SliceB),
                Hevc(CraNut, SliceI), Hevc(RaslN, SliceB), Hevc(RaslN, SliceB), Hevc(TrailR, SliceP),
            });

            TrackInfo info = Track(file);

            Assert.False(info.ClosedGop);
            RandomAccessFacts facts = info.RandomAccess!;
            Assert.Equal(1, facts.OpenSyncSamples.Count);
            SamplePicture open = facts.OpenSyncSamples.First!.Value;
            Assert.Equal(5, open.Number);
            Assert.Equal("CRA_NUT", open.Picture.Kind);
            Assert.Equal(GopStart.Open, open.Start);
            // Decode time 4 plus the composition offset 7 + 1 - 4: shown at tick 8 (no edit list).
            Assert.Equal(8, open.PtsTicks);
            Assert.Equal(GopStart.Closed, facts.FirstSample!.Value.Start);
            Assert.Equal(0, facts.NonIntraSyncSamples.Count);
        }

        [Fact]
        public void ACraWithoutLeadingPicturesAndABlaAreClosed()
        {
            // CRA P P | BLA P P | CRA P P: nothing after a random access point is shown before it.
            byte[] file = Movie(HevcEntry(), new uint[] { 1, 4, 7 }, Shown(0, 1, 2, 3, 4, 5, 6, 7, 8), new[]
            {
                Hevc(CraNut, SliceI), Hevc(TrailR, SliceP), Hevc(TrailR, SliceP),
                Hevc(BlaWRadl, SliceI), Hevc(TrailR, SliceP), Hevc(TrailR, SliceP),
                Hevc(CraNut, SliceI), Hevc(TrailR, SliceP), Hevc(TrailR, SliceP),
            });

            TrackInfo info = Track(file);

            Assert.True(info.ClosedGop);
            Assert.Equal(3, info.GopLength);
            Assert.Equal("IPP", info.GopPattern);
        }

        [Fact]
        public void AnH264SyncSampleThatIsNotAnIdrMakesTheGopOpenAndAPictureInStssThatIsNotIntraIsCounted()
        {
            // stss lists 1 (IDR), 4 (an I picture that is not IDR: a recovery point), 7 (a P picture).
            byte[] file = Movie(AvcEntry(), new uint[] { 1, 4, 7 }, new[]
            {
                Avc(true, 'I'), Avc(false, 'P'), Avc(false, 'P'),
                Avc(false, 'I'), Avc(false, 'P'), Avc(false, 'P'),
                Avc(false, 'P'), Avc(false, 'P'), Avc(false, 'P'),
            });

            TrackInfo info = Track(file);

            Assert.False(info.ClosedGop);
            RandomAccessFacts facts = info.RandomAccess!;
            Assert.Equal(2, facts.OpenSyncSamples.Count);
            Assert.Equal(4, facts.OpenSyncSamples.First!.Value.Number);
            Assert.Equal("non-IDR", facts.OpenSyncSamples.First.Value.Picture.Kind);
            Assert.Equal(1, facts.NonIntraSyncSamples.Count);
            Assert.Equal(7, facts.NonIntraSyncSamples.First!.Value.Number);
            Assert.Equal(PictureType.P, facts.NonIntraSyncSamples.First.Value.Picture.Type);
            Assert.Equal(3, facts.SyncSamplesRead);
        }

        [Fact]
        public void Mpeg2GopsAreClosedWhenTheGopHeaderSaysSoOrNoPictureShownBeforeTheIFollowsIt()
        {
            // GOP 1 (closed_gop 1): I P B B, the B pictures shown before the P only. GOP 2 (closed_gop 0): I B B P with the
            // B pictures shown before the I (an open GOP). GOP 3 (closed_gop 0) I P P: nothing shown before the I.
            int[] display = { 0, 3, 1, 2, 6, 4, 5, 7, 8, 9, 10 };
            byte[][] samples =
            {
                Mpeg2('I', closedGop: true), Mpeg2('P'), Mpeg2('B'), Mpeg2('B'),
                Mpeg2('I'), Mpeg2('B'), Mpeg2('B'), Mpeg2('P'),
                Mpeg2('I'), Mpeg2('P'), Mpeg2('P'),
            };
            byte[] file = Movie(Entry("mp4v", Esds(0x61)), new uint[] { 1, 5, 9 }, Shown(display), samples);

            TrackInfo info = Track(file);

            Assert.False(info.ClosedGop);
            RandomAccessFacts facts = info.RandomAccess!;
            Assert.Equal(1, facts.OpenSyncSamples.Count);
            Assert.Equal(5, facts.OpenSyncSamples.First!.Value.Number);

            // The same pictures without the open GOP (its B pictures shown after the I) are all closed.
            int[] inOrder = { 0, 3, 1, 2, 4, 6, 7, 5, 8, 9, 10 };
            Assert.True(Track(Movie(Entry("mp4v", Esds(0x61)), new uint[] { 1, 5, 9 }, Shown(inOrder), samples)).ClosedGop);
        }

        [Fact]
        public void AnMpeg4IVopIsClosedWhenItsGovSaysClosedGovEvenWithPicturesShownBeforeIt()
        {
            // I B B P with the B-VOPs shown before the I-VOP: open without a closed GOV, closed with one.
            int[] display = { 2, 0, 1, 3 };
            byte[] File(bool? closedGov) => Movie(Entry("mp4v", Esds(0x20)), new uint[] { 1 }, Shown(display),
                new[] { Mpeg4('I', closedGov), Mpeg4('B'), Mpeg4('B'), Mpeg4('P') });

            Assert.False(Track(File(null)).ClosedGop);
            Assert.False(Track(File(false)).ClosedGop);
            Assert.True(Track(File(true)).ClosedGop);
            Assert.Equal("IBBP", Track(File(true)).GopPattern);
        }

        [Fact]
        public void UnreadableSyncPicturesLeaveClosedGopUnknownUnlessAnotherIsOpen()
        {
            byte[] garbage = { 0, 0, 0, 2, 0xFF, 0xFF };
            byte[] unknown = Movie(HevcEntry(), new uint[] { 1, 3 }, new[] { Hevc(IdrWRadl, SliceI), Hevc(TrailR, SliceP), garbage, Hevc(TrailR, SliceP) });
            byte[] open = Movie(HevcEntry(), new uint[] { 1, 3, 5 }, Shown(0, 1, 3, 2, 4, 5),
                new[] { Hevc(IdrWRadl, SliceI), Hevc(TrailR, SliceP), Hevc(CraNut, SliceI), Hevc(RaslN, SliceB), garbage, Hevc(TrailR, SliceP) });

            TrackInfo first = Track(unknown);
            TrackInfo second = Track(open);

            Assert.Null(first.ClosedGop);
            Assert.Equal(1, first.RandomAccess!.UnreadSyncSamples.Count);
            Assert.Equal(3, first.RandomAccess.UnreadSyncSamples.First!.Value.Number);
            Assert.False(second.ClosedGop);
            Assert.Equal(1, second.RandomAccess!.UnreadSyncSamples.Count);
        }

        // ---- length, pattern, B-frames ---------------------------------------------------------------------------

        [Fact]
        public void GopLengthIsTheMostCommonDistanceBetweenSyncSamples()
        {
            // Sync samples 1, 4, 7, 9, 11, 14: distances 3, 3, 2, 2, 3 (the last GOP, 14-15, is not a full one).
            byte[][] samples = Enumerable.Range(1, 15).Select(n => Hevc(n is 1 or 4 or 7 or 9 or 11 or 14 ? IdrWRadl : TrailR, n is 1 or 4 or 7 or 9 or 11 or 14 ? SliceI : SliceP)).ToArray();
            Assert.Equal(3, Track(Movie(HevcEntry(), new uint[] { 1, 4, 7, 9, 11, 14 }, samples)).GopLength);

            // Equally common distances (2, 2, 3, 3): the longer.
            Assert.Equal(3, Track(Movie(HevcEntry(), new uint[] { 1, 3, 5, 8, 11 }, samples)).GopLength);

            // One sync sample: the samples from it to the end. An empty stss: no sync sample. No stss: every sample is one.
            Assert.Equal(13, Track(Movie(HevcEntry(), new uint[] { 3 }, samples)).GopLength);
            Assert.Null(Track(Movie(HevcEntry(), new uint[0], samples)).GopLength);
            Assert.Equal(1, Track(Movie(HevcEntry(), null, samples)).GopLength);
        }

        [Fact]
        public void GopPatternShowsAtMost64PicturesOfTheFirstGop()
        {
            byte[] Gop(int length, uint[] sync) => Movie(HevcEntry(), sync,
                new[] { Hevc(IdrWRadl, SliceI) }.Concat(Enumerable.Range(1, length - 1).Select(i => Hevc(TrailR, i % 2 == 0 ? SliceP : SliceB))).ToArray());

            string pattern64 = "I" + string.Concat(Enumerable.Range(1, 63).Select(i => i % 2 == 0 ? 'P' : 'B'));
            Assert.Equal(pattern64, Track(Gop(64, new uint[] { 1 })).GopPattern);
            Assert.Equal(pattern64 + "...", Track(Gop(65, new uint[] { 1 })).GopPattern);
            Assert.Equal(pattern64, Track(Gop(70, new uint[] { 1, 65 })).GopPattern);
            // The first GOP starts at the first sync sample.
            Assert.Equal("PBPBP", Track(Gop(8, new uint[] { 3, 8 })).GopPattern);
        }

        [Fact]
        public void MaxConsecutiveBFramesCountsBPicturesInDecodeOrderOnlyWhenEveryPictureIsRead()
        {
            // I P B B B P B | I P B B: runs of 3, 1 and 2.
            byte[] file = Movie(AvcEntry(), new uint[] { 1, 8 }, new[]
            {
                Avc(true, 'I'), Avc(false, 'P'), Avc(false, 'B'), Avc(false, 'B'), Avc(false, 'B'), Avc(false, 'P'), Avc(false, 'B'),
                Avc(true, 'I'), Avc(false, 'P'), Avc(false, 'B'), Avc(false, 'B'),
            });

            Assert.Equal(3, Track(file, everyPicture: true).MaxConsecutiveBFrames);
            Assert.Null(Track(file).MaxConsecutiveBFrames);
            Assert.Equal("IPBBBPB", Track(file).GopPattern);
        }

        [Fact]
        public void WithoutEveryPictureOnlyTheSyncSamplesAndTheFirstGopAreRead()
        {
            // 3 GOPs of 4 samples of 20 KB each (more than the reader's 16 KB buffer): a read that starts at a sample's first
            // byte is a read of its headers.
            byte[] padding = new byte[20000];
            byte[] Padded(byte[] picture) => Mp4Bytes.Cat(picture, LengthPrefixed(Nal(HevcHeader(39), padding)));
            byte[][] samples = Enumerable.Range(0, 12).Select(k => Padded(k % 4 == 0 ? Hevc(IdrWRadl, SliceI) : Hevc(TrailR, SliceP))).ToArray();
            byte[] file = Movie(HevcEntry(), new uint[] { 1, 5, 9 }, samples);
            long first = file.Length - samples.Sum(s => (long)s.Length);
            long[] offsets = samples.Select((s, k) => first + samples.Take(k).Sum(p => (long)p.Length)).ToArray();

            List<long> ReadSamples(bool everyPicture)
            {
                var stream = new ReadRecorder(file);
                using Mp4Movie movie = Mp4Movie.Open(stream, "built.mp4");
                TrackAnalysis.Analyze(movie, everyPicture: everyPicture).Single();
                return Enumerable.Range(0, 12).Where(k => stream.ReadStarts.Contains(offsets[k])).Select(k => (long)k + 1).ToList();
            }

            Assert.Equal(new long[] { 1, 2, 3, 4, 5, 9 }, ReadSamples(everyPicture: false));
            Assert.Equal(Enumerable.Range(1, 12).Select(n => (long)n), ReadSamples(everyPicture: true));
        }

        [Fact]
        public void AudioAndCodecsWithoutAPictureReaderHaveNoGopStructure()
        {
            byte[] mjpeg = Movie(Entry("mjpa"), null, new[] { new byte[] { 0xFF, 0xD8 }, new byte[] { 0xFF, 0xD8 } });
            TrackInfo info = Track(mjpeg);

            Assert.Equal(1, info.GopLength);
            Assert.Null(info.ClosedGop);
            Assert.Null(info.GopPattern);
            Assert.Null(info.RandomAccess);

            byte[] audio = MovieBytes.Movie(1000, MovieBytes.Trak(1, 48000, "soun", null,
                MovieBytes.Stts((3, 1024)), MovieBytes.Stsz(10, 10, 10), MovieBytes.Stsc((1, 3, 1)), MovieBytes.Stco(100)));
            TrackInfo sound = Track(audio);
            Assert.Null(sound.GopLength);
            Assert.Null(sound.ClosedGop);
            Assert.Null(sound.RandomAccess);
        }

        // ---- the facts the rules read ----------------------------------------------------------------------------

        [Fact]
        public void FragmentsThatStartOnAnOpenGopAreCountedWithTheFirstOfThem()
        {
            FragmentSample S(byte[] data, bool sync, int display, int decode) => new FragmentSample(data, sync, display + 1 - decode);
            byte[] file = FragmentedMovie(HevcEntry(),
                // Fragment 1: IDR P B B (closed).
                new[] { S(Hevc(IdrWRadl, SliceI), true, 0, 0), S(Hevc(TrailR, SliceP), false, 3, 1), S(Hevc(TrailR, SliceB), false, 1, 2), S(Hevc(TrailR, SliceB), false, 2, 3) },
                // Fragment 2: CRA RASL RASL P, the RASL pictures shown before the CRA (open).
                new[] { S(Hevc(CraNut, SliceI), true, 6, 4), S(Hevc(RaslN, SliceB), false, 4, 5), S(Hevc(RaslN, SliceB), false, 5, 6), S(Hevc(TrailR, SliceP), false, 7, 7) },
                // Fragment 3: starts on a P picture (no GOP starts), then a CRA with a RASL picture (open, but not a fragment's start).
                new[] { S(Hevc(TrailR, SliceP), false, 8, 8), S(Hevc(CraNut, SliceI), true, 10, 9), S(Hevc(RaslN, SliceB), false, 9, 10) },
                // Fragment 4: CRA RASL (open).
                new[] { S(Hevc(CraNut, SliceI), true, 12, 11), S(Hevc(RaslN, SliceB), false, 11, 12) });

            TrackInfo info = Track(file);

            Assert.Equal(4, info.FragmentCount);
            Assert.False(info.ClosedGop);
            RandomAccessFacts facts = info.RandomAccess!;
            Assert.Equal(4, facts.SyncSamples);
            Assert.Equal(3, facts.OpenSyncSamples.Count);
            Assert.Equal(3, facts.FragmentsStartingOnSync);
            Assert.Equal(2, facts.OpenFragmentStarts.Count);
            SamplePicture first = facts.OpenFragmentStarts.First!.Value;
            Assert.Equal(5, first.Number);
            Assert.Equal(2u, first.Fragment);
            Assert.Equal("CRA_NUT", first.Picture.Kind);
            Assert.Equal(GopStart.Closed, facts.FirstSample!.Value.Start);
        }

        [Fact]
        public void ATrackThatStartsOnAnOpenGopOrOnASampleThatIsNotSyncSaysSo()
        {
            // CRA RASL P: the track starts on an open GOP.
            byte[] open = Movie(HevcEntry(), new uint[] { 1 }, Shown(1, 0, 2), new[] { Hevc(CraNut, SliceI), Hevc(RaslN, SliceB), Hevc(TrailR, SliceP) });
            SamplePicture start = Track(open).RandomAccess!.FirstSample!.Value;
            Assert.Equal(1, start.Number);
            Assert.Equal(GopStart.Open, start.Start);
            Assert.Equal("CRA_NUT", start.Picture.Kind);
            Assert.Equal(2, start.PtsTicks);

            // P IDR P: the first sample is not a sync sample; the first sync sample is the second.
            byte[] cut = Movie(HevcEntry(), new uint[] { 2 }, new[] { Hevc(TrailR, SliceP), Hevc(IdrWRadl, SliceI), Hevc(TrailR, SliceP) });
            RandomAccessFacts facts = Track(cut).RandomAccess!;
            Assert.Equal(GopStart.NotSync, facts.FirstSample!.Value.Start);
            Assert.Equal(PictureType.P, facts.FirstSample.Value.Picture.Type);
            Assert.Equal(2, facts.FirstSyncSample!.Value.Number);
            Assert.Equal(GopStart.Closed, facts.FirstSyncSample.Value.Start);
        }

        /// <summary>A read-only stream over bytes that records where each read starts.</summary>
        private sealed class ReadRecorder : MemoryStream
        {
            public ReadRecorder(byte[] bytes) : base(bytes, writable: false)
            {
            }

            public HashSet<long> ReadStarts { get; } = new HashSet<long>();

            public override int Read(byte[] buffer, int offset, int count)
            {
                ReadStarts.Add(Position);
                return base.Read(buffer, offset, count);
            }
        }
    }
}
