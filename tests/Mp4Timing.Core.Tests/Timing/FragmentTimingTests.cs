using System.Collections.Generic;
using System.IO;
using System.Linq;
using static Mp4Timing.Tests.Support.Mp4Bytes;
using static Mp4Timing.Tests.Support.MovieBytes;

namespace Mp4Timing.Tests.Timing
{
    /// <summary>Movie fragments built by hand; offsets and times are worked out from the byte layout.</summary>
    public class FragmentTimingTests
    {
        private const uint DurationPresent = 0x100;
        private const uint SizePresent = 0x200;
        private const uint FlagsPresent = 0x400;
        private const uint OffsetPresent = 0x800;
        private const uint DataOffsetPresent = 0x1;
        private const uint FirstFlagsPresent = 0x4;
        private const uint DefaultBaseIsMoof = 0x020000;
        private const uint NonSync = 0x00010000;

        /// <summary>ftyp + moov (empty stbl, mvex/trex) for the given tracks.</summary>
        private static byte[] InitSegment(params (uint TrackId, uint Timescale, string Handler, uint TrexDuration, uint TrexFlags)[] tracks) =>
            Cat(Ftyp(), Box("moov", Mvhd(1000),
                Cat(tracks.Select(t => Trak(t.TrackId, t.Timescale, t.Handler, null, Stts(), Stsc(), Stsz(), Stco())).ToArray()),
                Mvex(tracks.Select(t => (t.TrackId, t.TrexDuration, 0u, t.TrexFlags)).ToArray())));

        [Fact]
        public void DefaultBaseIsMoofTfdtFirstSampleFlagsAndTrexDefaults()
        {
            byte[] init = InitSegment((1, 90000, "vide", 3000, NonSync));
            // Three samples: sizes per sample, durations from trex, flags: the first from first_sample_flags (sync).
            byte[] Moof1(int dataOffset) => Moof(1, Box("traf", Tfhd(1, DefaultBaseIsMoof), Tfdt(90000),
                Trun(0, DataOffsetPresent | FirstFlagsPresent | SizePresent, dataOffset, 0x02000000, new uint[] { 100 }, new uint[] { 50 }, new uint[] { 25 })));
            int moofSize = Moof1(0).Length;
            byte[] file = Cat(init, Moof1(moofSize + 8), Box("mdat", Zeros(175)));
            long moofOffset = init.Length;

            SampleTiming[] s = Timings(file);

            Assert.Equal(new long[] { 90000, 93000, 96000 }, s.Select(x => x.DecodeTicks));
            Assert.Equal(new long[] { 3000, 3000, 3000 }, s.Select(x => x.DurationTicks));
            Assert.Equal(new[] { true, false, false }, s.Select(x => x.IsSync));
            Assert.Equal(new long[] { 100, 50, 25 }, s.Select(x => x.Size));
            long data = moofOffset + moofSize + 8;
            Assert.Equal(new[] { data, data + 100, data + 150 }, s.Select(x => x.Offset));
            Assert.All(s, x => Assert.Equal(1u, x.Fragment));
            Assert.All(s, x => Assert.Null(x.Chunk));
            Assert.Equal(new long[] { 1, 2, 3 }, s.Select(x => x.Sample));
            // sample_depends_on 2 in first_sample_flags: an I picture.
            Assert.False(s[0].DependsOn);
            Assert.Null(s[1].DependsOn);
        }

        [Fact]
        public void FragmentWithoutTfdtContinuesTheDecodeTimeOfTheOneBefore()
        {
            byte[] init = InitSegment((1, 1000, "soun", 20, 0));
            byte[] first = Moof(1, Box("traf", Tfhd(1, DefaultBaseIsMoof), Tfdt(500), Trun(0, SizePresent, null, null, new uint[] { 4 }, new uint[] { 4 })));
            byte[] second = Moof(2, Box("traf", Tfhd(1, DefaultBaseIsMoof), Trun(0, SizePresent | DurationPresent, null, null, new uint[] { 30, 4 }, new uint[] { 10, 4 })));
            byte[] file = Cat(init, first, Box("mdat", Zeros(8)), second, Box("mdat", Zeros(8)));

            SampleTiming[] s = Timings(file);

            Assert.Equal(new long[] { 500, 520, 540, 570 }, s.Select(x => x.DecodeTicks));
            Assert.Equal(new uint?[] { 1, 1, 2, 2 }, s.Select(x => x.Fragment));
            Assert.Equal(new long[] { 1, 2, 3, 4 }, s.Select(x => x.Sample));
        }

        [Fact]
        public void ImplicitBaseOffsetFollowsThePreviousTrackFragmentsData()
        {
            // No base_data_offset, no default-base-is-moof: traf 1 starts at the moof, traf 2 where traf 1's data ends.
            byte[] init = InitSegment((1, 1000, "vide", 10, 0), (2, 1000, "soun", 10, 0));
            byte[] Build(int offset) => Moof(1,
                Box("traf", Tfhd(1, 0), Trun(0, DataOffsetPresent | SizePresent, offset, null, new uint[] { 7 }, new uint[] { 9 })),
                Box("traf", Tfhd(2, 0), Trun(0, SizePresent, null, null, new uint[] { 5 }, new uint[] { 6 })));
            int moofSize = Build(0).Length;
            byte[] file = Cat(init, Build(moofSize + 8), Box("mdat", Zeros(27)));
            long data = init.Length + moofSize + 8;

            Assert.Equal(new[] { data, data + 7 }, Timings(file, 1).Select(x => x.Offset));
            Assert.Equal(new[] { data + 16, data + 21 }, Timings(file, 2).Select(x => x.Offset));
        }

        [Fact]
        public void ExplicitBaseDataOffsetAndSignedVersion1CompositionOffsets()
        {
            byte[] init = InitSegment((1, 15360, "vide", 512, 0));
            byte[] moof = Moof(1, Box("traf", Tfhd(1, 0x1, baseDataOffset: 1_000_000), Tfdt(0),
                Trun(1, DataOffsetPresent | SizePresent | OffsetPresent, 16, null,
                    new uint[] { 10, 0 }, new uint[] { 10, 1024 }, new uint[] { 10, unchecked((uint)-512) })));
            SampleTiming[] s = Timings(Cat(init, moof));

            Assert.Equal(new long[] { 1_000_016, 1_000_026, 1_000_036 }, s.Select(x => x.Offset));
            Assert.Equal(new long[] { 0, 1024, -512 }, s.Select(x => x.CompositionOffset));
            Assert.Equal(new long[] { 0, 1536, 512 }, s.Select(x => x.CompositionTicks));
        }

        [Fact]
        public void MoovSamplesThenFragmentsContinueDecodeTimeAndNumbering()
        {
            byte[] file = Cat(Ftyp(), Box("moov", Mvhd(1000),
                    Trak(1, 1000, "vide", null, Stts((2, 40)), Stsc((1, 2, 1)), StszConstant(3, 2), Stco(0)),
                    Mvex((1, 40, 3, 0))),
                Moof(5, Box("traf", Tfhd(1, DefaultBaseIsMoof), Trun(0, 0, null, null, new uint[0], new uint[0]))));

            SampleTiming[] s = Timings(file);

            Assert.Equal(new long[] { 0, 40, 80, 120 }, s.Select(x => x.DecodeTicks));
            Assert.Equal(new long[] { 1, 2, 3, 4 }, s.Select(x => x.Sample));
            Assert.Equal(new long?[] { 1, 1, null, null }, s.Select(x => x.Chunk));
            Assert.Equal(new uint?[] { null, null, 5, 5 }, s.Select(x => x.Fragment));
        }

        [Fact]
        public void LoneSegmentsReadWithTheirInitSegmentContinueEachOther()
        {
            byte[] init = InitSegment((1, 1000, "soun", 25, 0));
            byte[] segment1 = Cat(Box("styp", Ascii("msdh"), U32(0)), Moof(1, Box("traf", Tfhd(1, DefaultBaseIsMoof), Tfdt(100), Trun(0, 0, null, null, new uint[0], new uint[0]))));
            byte[] segment2 = Cat(Box("styp", Ascii("msdh"), U32(0)), Moof(2, Box("traf", Tfhd(1, DefaultBaseIsMoof), Trun(0, 0, null, null, new uint[0]))));

            using Mp4Movie initMovie = Open(init);
            var state = new SampleReadState();
            var ticks = new List<string>();
            foreach (byte[] segment in new[] { segment1, segment2 })
            {
                using Mp4Movie movie = Mp4Movie.Open(new MemoryStream(segment), "segment.m4s", null, initMovie);
                Assert.Equal("built.mp4", movie.InitSegmentPath);
                ticks.AddRange(movie.ReadSampleTimings(movie.Tracks[0], state).Select(x => $"{x.Sample}:{x.DecodeTicks}"));
            }

            Assert.Equal(new[] { "1:100", "2:125", "3:150" }, ticks);
        }

        [Fact]
        public void DecodeTimePastTheTickRangeIsACleanError()
        {
            byte[] init = InitSegment((1, 1000, "vide", 1000, 0));
            byte[] moof = Moof(1, Box("traf", Tfhd(1, DefaultBaseIsMoof), Tfdt(long.MaxValue - 1500), Trun(0, 0, null, null, new uint[0], new uint[0], new uint[0])));

            using Mp4Movie movie = Open(Cat(init, moof));
            var read = new List<SampleTiming>();
            var error = Assert.Throws<Mp4FormatException>(() => read.AddRange(movie.ReadSampleTimings(movie.Tracks[0])));

            Assert.Equal(Mp4ErrorKind.TimestampOverflow, error.Kind);
            Assert.Equal(2, read.Count);
        }

        [Fact]
        public void MediaSegmentWithoutInitSegmentSaysWhatIsMissing()
        {
            byte[] segment = Cat(Box("styp", Ascii("msdh"), U32(0)), Moof(1, Box("traf", Tfhd(1, DefaultBaseIsMoof))));
            var error = Assert.Throws<Mp4FormatException>(() => Mp4Movie.Open(new MemoryStream(segment), "lone.m4s"));
            Assert.Equal(Mp4ErrorKind.MissingBox, error.Kind);
            Assert.Contains("init segment", error.Message);
        }
    }
}
