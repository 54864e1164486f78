using Mp4Timing.Bitstream;
using Mp4Timing.Tests.Support;
using static Mp4Timing.Tests.Support.BitWriter;
using static Mp4Timing.Tests.Support.PictureMovie;

namespace Mp4Timing.Tests.Bitstream
{
    /// <summary>
    /// H.264 headers built field by field from ITU-T H.264 7.3. The expected picture types and key flags are
    /// ffmpeg 5.1's behaviour as the fixtures h264-slices-*.mp4 and h264-iframes-refs*.mp4 show it with ffprobe:
    /// the first slice types the picture and decides the parser's key flag.
    /// </summary>
    public class H264Tests
    {
        private static readonly byte[] SpsHeader = { 0x67 };
        private static readonly byte[] PpsHeader = { 0x68 };
        private static readonly byte[] IdrHeader = { 0x65 };
        private static readonly byte[] SliceHeader = { 0x41 };
        private static readonly byte[] SeiHeader = { 0x06 };

        /// <summary>A Constrained Baseline SPS (128x80, frame_num 4 bits, pic_order_cnt_type 2).</summary>
        private static byte[] Sps(int maxNumRefFrames, int id = 0) => Nal(SpsHeader, new BitWriter()
            .U(8, 66).U(8, 0xC0).U(8, 30).Ue(id)
            .Ue(0).Ue(2).Ue(maxNumRefFrames).Flag(false)
            .Ue(7).Ue(4).Flag(true).Flag(true).Flag(false).Flag(false).Rbsp());

        /// <summary>A CAVLC PPS with one slice group.</summary>
        private static byte[] Pps(int refIdxL0DefaultActive, int id = 0, int spsId = 0) => Nal(PpsHeader, new BitWriter()
            .Ue(id).Ue(spsId).Flag(false).Flag(false).Ue(0).Ue(refIdxL0DefaultActive - 1).Ue(0)
            .Flag(false).U(2, 0).Se(0).Se(0).Se(0).Flag(true).Flag(false).Flag(false).Rbsp());

        /// <summary>A slice: first_mb_in_slice, slice_type, pic_parameter_set_id, frame_num, and a few more bits.</summary>
        private static byte[] Slice(byte[] header, int firstMb, int sliceType, int frameNum = 1) =>
            Nal(header, new BitWriter().Ue(firstMb).Ue(sliceType).Ue(0).U(4, frameNum).Ue(0).U(8, 0xA5).Rbsp());

        /// <summary>An SEI unit with one recovery_point message (recovery_frame_cnt 0, exact_match 1).</summary>
        private static byte[] RecoverySei() => Nal(SeiHeader, Cat(new byte[] { 6, 1 }, new BitWriter().Ue(0).Flag(true).Flag(false).U(2, 0).Aligned(), new byte[] { 0x80 }));

        private static byte[] Cat(params byte[][] parts) => Mp4Bytes.Cat(parts);

        private static byte[] File(int refs, int defaultRefs, uint[]? sync, params byte[][] samples) =>
            Movie(Entry("avc1", AvcC(new[] { Sps(refs) }, new[] { Pps(defaultRefs) })), sync, samples);

        [Fact]
        public void TheFirstSliceTypesAPictureWhoseSlicesDiffer()
        {
            byte[] file = File(1, 1, null,
                LengthPrefixed(Slice(IdrHeader, 0, 7), Slice(IdrHeader, 20, 7)),
                LengthPrefixed(Slice(SliceHeader, 0, 2), Slice(SliceHeader, 20, 0)),
                LengthPrefixed(Slice(SliceHeader, 0, 0), Slice(SliceHeader, 20, 2)),
                LengthPrefixed(Slice(SliceHeader, 0, 1), Slice(SliceHeader, 10, 2), Slice(SliceHeader, 30, 0)));

            var pictures = Pictures(file);

            Assert.Equal(new (PictureType?, string?)[] { (PictureType.I, "IDR"), (PictureType.I, "non-IDR"), (PictureType.P, "non-IDR"), (PictureType.B, "non-IDR") }, pictures);
        }

        [Theory]
        [InlineData(0, PictureType.P)]
        [InlineData(1, PictureType.B)]
        [InlineData(2, PictureType.I)]
        [InlineData(3, PictureType.SP)]
        [InlineData(4, PictureType.SI)]
        [InlineData(5, PictureType.P)]
        [InlineData(6, PictureType.B)]
        [InlineData(7, PictureType.I)]
        [InlineData(8, PictureType.SP)]
        [InlineData(9, PictureType.SI)]
        public void SliceTypeGivesThePictureTypeModuloFive(int sliceType, PictureType expected)
        {
            byte[] file = File(1, 1, null, LengthPrefixed(Slice(IdrHeader, 0, 7)), LengthPrefixed(Slice(SliceHeader, 0, sliceType)));

            Assert.Equal(expected, Pictures(file)[1].Type);
        }

        [Fact]
        public void FfmpegFlagsANonIdrIntraPictureKeyWhenNoPictureCanReferBackPastIt()
        {
            // stss lists sample 1 only; sample 3 is a non-IDR I picture without SEI. max_num_ref_frames 1 and
            // num_ref_idx_l0_default_active 1: ffmpeg's parser flags it K (h264-iframes-refs1.mp4 shows the same).
            byte[][] samples =
            {
                LengthPrefixed(Slice(IdrHeader, 0, 7)), LengthPrefixed(Slice(SliceHeader, 0, 5)),
                LengthPrefixed(Slice(SliceHeader, 0, 7)), LengthPrefixed(Slice(SliceHeader, 0, 5)),
            };

            Assert.Equal(new[] { true, false, true, false }, FfmpegKeys(File(1, 1, new uint[] { 1 }, samples)));
            Assert.Equal(new[] { true, false, false, false }, FfmpegKeys(File(2, 1, new uint[] { 1 }, samples)));
            Assert.Equal(new[] { true, false, false, false }, FfmpegKeys(File(1, 2, new uint[] { 1 }, samples)));
        }

        [Fact]
        public void FfmpegFlagsASliceKeyAfterARecoveryPointSeiAndTakesTheFirstSliceForTheRule()
        {
            byte[] file = File(4, 4, new uint[] { 1 },
                LengthPrefixed(Slice(IdrHeader, 0, 7)),
                LengthPrefixed(RecoverySei(), Slice(SliceHeader, 0, 5)),
                LengthPrefixed(Slice(SliceHeader, 0, 2), Slice(SliceHeader, 20, 0)));
            byte[] firstSliceP = File(1, 1, new uint[] { 1 },
                LengthPrefixed(Slice(IdrHeader, 0, 7)),
                LengthPrefixed(Slice(SliceHeader, 0, 0), Slice(SliceHeader, 20, 2)),
                LengthPrefixed(Slice(SliceHeader, 0, 2), Slice(SliceHeader, 20, 0)));

            Assert.Equal(new[] { true, true, false }, FfmpegKeys(file));
            Assert.Equal(new[] { true, false, true }, FfmpegKeys(firstSliceP));
        }

        [Fact]
        public void ParameterSetsSentInBandAreUsedAndAChangedSpsDropsThePpsThatReferToIt()
        {
            // avc3 without parameter sets in avcC: SPS and PPS come with sample 1. Sample 3 sends a different SPS
            // with the same id and no PPS: ffmpeg forgets PPS 0, so the I picture of sample 4 cannot be judged.
            byte[] entry = Entry("avc3", AvcC(new byte[0][], new byte[0][]));
            byte[] file = Movie(entry, new uint[] { 1 },
                LengthPrefixed(Sps(1), Pps(1), Slice(IdrHeader, 0, 7)),
                LengthPrefixed(Slice(SliceHeader, 0, 7)),
                LengthPrefixed(Sps(2), Slice(SliceHeader, 0, 5)),
                LengthPrefixed(Slice(SliceHeader, 0, 7)));

            Assert.Equal(new[] { true, true, false, false }, FfmpegKeys(file));
            Assert.Equal(PictureType.I, Pictures(file)[3].Type);
        }

        [Fact]
        public void ReadsAHighProfileSpsWithScalingListsUpToMaxNumRefFrames()
        {
            // profile_idc 100: chroma_format_idc 1, 8-bit, seq_scaling_matrix_present_flag with list 0 present
            // (16 delta_scale values, the last of which makes next_scale 0) and lists 1-7 absent.
            var bits = new BitWriter().U(8, 100).U(8, 0).U(8, 40).Ue(3).Ue(1).Ue(0).Ue(0).Flag(false).Flag(true).Flag(true);
            for (int j = 0; j < 15; j++) bits.Se(1);
            bits.Se(-23); // 8 + 15 = 23, + (-23) = 0: the list ends
            for (int i = 1; i < 8; i++) bits.Flag(false);
            bits.Ue(2).Ue(0).Ue(4).Ue(3).Flag(false).Ue(119).Ue(67).Flag(true);
            var reader = new BitReader();
            byte[] rbsp = bits.Rbsp();
            reader.Load(rbsp, 0, rbsp.Length, removeEmulationPrevention: false);

            H264SequenceParameterSet? sps = H264SequenceParameterSet.Parse(reader);

            Assert.NotNull(sps);
            Assert.Equal(3, sps!.Id);
            Assert.Equal(6, sps.Log2MaxFrameNum);
            Assert.Equal(3, sps.MaxNumRefFrames);
            Assert.True(sps.FrameMbsOnly);
        }

        [Fact]
        public void ReadsAPpsWithSliceGroupsTheWayFfmpegDoesForTheKeyRule()
        {
            // Two slice groups of map type 0 (run_length_minus1 4 and 9) before num_ref_idx_l0_default_active_minus1 0:
            // the specification's count is 1; ffmpeg reads the run lengths as the counts (5 and 10).
            var sets = new H264ParameterSets();
            var reader = new BitReader();
            byte[] sps = Sps(1);
            reader.Load(sps, 0, sps.Length, removeEmulationPrevention: true);
            reader.Skip(8);
            sets.AddSps(reader);
            byte[] pps = new BitWriter().Ue(0).Ue(0).Flag(false).Flag(false).Ue(1).Ue(0).Ue(4).Ue(9).Ue(0).Ue(0)
                .Flag(false).U(2, 0).Se(0).Se(0).Se(0).Flag(true).Flag(false).Flag(false).Rbsp();
            reader.Load(pps, 0, pps.Length, removeEmulationPrevention: false);

            H264PictureParameterSet? parsed = H264PictureParameterSet.Parse(reader, sets);

            Assert.NotNull(parsed);
            Assert.Equal(2, parsed!.SliceGroups);
            Assert.Equal(1, parsed.RefCountL0);
            Assert.Equal(5, parsed.FfmpegRefCountL0);
        }

        [Fact]
        public void APpsWhoseSpsIsUnknownIsIgnoredAsFfmpegIgnoresIt()
        {
            var sets = new H264ParameterSets();
            var reader = new BitReader();
            byte[] pps = Pps(1, 0, 5);
            reader.Load(pps, 0, pps.Length, removeEmulationPrevention: true);
            reader.Skip(8);

            sets.AddPps(reader);

            Assert.Null(sets.Pps(0));
        }

        [Fact]
        public void ASampleWithoutASliceHasNoPictureAndIsNotKey()
        {
            byte[] file = File(1, 1, new uint[] { 1, 2 }, LengthPrefixed(Slice(IdrHeader, 0, 7)), LengthPrefixed(RecoverySei()));

            Assert.Equal((null, null), Pictures(file)[1]);
            Assert.Equal(new[] { true, false }, FfmpegKeys(file));
        }
    }
}
