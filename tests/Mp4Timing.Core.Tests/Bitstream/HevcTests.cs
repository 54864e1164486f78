using Mp4Timing.Bitstream;
using Mp4Timing.Tests.Support;
using static Mp4Timing.Tests.Support.BitWriter;
using static Mp4Timing.Tests.Support.PictureMovie;

namespace Mp4Timing.Tests.Bitstream
{
    /// <summary>
    /// HEVC headers built field by field from ITU-T H.265 7.3: the picture type of the slice segment that
    /// starts a picture (ffmpeg's decoder types the frame when the first segment starts it), through
    /// dependent slice segments and the SPS-sized slice_segment_address.
    /// </summary>
    public class HevcTests
    {
        private const int TrailR = 1, RaslN = 8, IdrWRadl = 19, CraNut = 21;

        private static byte[] Header(int type, int layer = 0) => new[] { (byte)(type << 1 | layer >> 5), (byte)((layer & 0x1F) << 3 | 1) };

        /// <summary>An SPS of 1920x1080 with 64x64 coding tree blocks: 30 x 17 = 510 CTBs, so slice_segment_address has 9 bits.</summary>
        private static byte[] Sps() => Nal(Header(33), new BitWriter()
            .U(4, 0).U(3, 0).Flag(true).U(96, 0)
            .Ue(0).Ue(1).Ue(1920).Ue(1080).Flag(false).Ue(0).Ue(0).Ue(4).Flag(true).Ue(4).Ue(2).Ue(0).Ue(0).Ue(3).Rbsp());

        /// <summary>A PPS with dependent slice segments enabled and two extra slice header bits.</summary>
        private static byte[] Pps() => Nal(Header(34), new BitWriter().Ue(0).Ue(0).Flag(true).Flag(false).U(3, 2).Rbsp());

        private static byte[] FirstSegment(int type, int sliceType)
        {
            var bits = new BitWriter().Flag(true);
            if (type >= 16 && type <= 23) bits.Flag(false);
            return Nal(Header(type), bits.Ue(0).U(2, 0).Ue(sliceType).U(8, 0x5A).Rbsp());
        }

        private static byte[] LaterSegment(int type, bool dependent, int address, int sliceType = 0)
        {
            var bits = new BitWriter().Flag(false);
            if (type >= 16 && type <= 23) bits.Flag(false);
            bits.Ue(0).Flag(dependent).U(9, address);
            if (!dependent) bits.U(2, 0).Ue(sliceType);
            return Nal(Header(type), bits.U(8, 0x5A).Rbsp());
        }

        private static byte[] File(params byte[][] samples) => Movie(Entry("hvc1", HvcC(Sps(), Pps())), null, samples);

        [Fact]
        public void TheSegmentThatStartsThePictureTypesItWhateverTheSegmentsAfterIt()
        {
            byte[] file = File(
                LengthPrefixed(FirstSegment(IdrWRadl, 2), LaterSegment(IdrWRadl, true, 100)),
                LengthPrefixed(FirstSegment(TrailR, 0), LaterSegment(TrailR, true, 170), LaterSegment(TrailR, false, 340, 1)),
                LengthPrefixed(FirstSegment(TrailR, 1), LaterSegment(TrailR, false, 255, 2)),
                LengthPrefixed(FirstSegment(CraNut, 2)),
                LengthPrefixed(FirstSegment(RaslN, 0)));

            Assert.Equal(new (PictureType?, string?)[]
            {
                (PictureType.I, "IDR_W_RADL"), (PictureType.B, "TRAIL_R"), (PictureType.P, "TRAIL_R"), (PictureType.I, "CRA_NUT"), (PictureType.B, "RASL_N"),
            }, Pictures(file));
        }

        [Fact]
        public void ReadsDependentAndIndependentSegmentsAfterTheSliceSegmentAddress()
        {
            var sets = new HevcParameterSets();
            var reader = new BitReader();
            foreach (byte[] unit in new[] { Sps(), Pps() })
            {
                reader.Load(unit, 0, unit.Length, removeEmulationPrevention: true);
                int type = (int)(reader.ReadBits(16) >> 9) & 0x3F;
                sets.Add(type, reader);
            }
            Assert.Equal(510, sets.Sps(0)!.PicSizeInCtbs);

            HevcSliceSegmentHeader? Read(byte[] unit)
            {
                reader.Load(unit, 0, unit.Length, removeEmulationPrevention: true);
                reader.Skip(16);
                return HevcSliceSegmentHeader.Read(reader, (unit[0] >> 1) & 0x3F, sets);
            }

            HevcSliceSegmentHeader dependent = Read(LaterSegment(TrailR, true, 509))!.Value;
            HevcSliceSegmentHeader independent = Read(LaterSegment(CraNut, false, 511, 1))!.Value;

            Assert.True(dependent.Dependent);
            Assert.Null(dependent.Type);
            Assert.False(independent.Dependent);
            Assert.Equal(PictureType.P, independent.Type);
        }

        [Fact]
        public void PassesOverNalUnitsOfOtherLayers()
        {
            // An MV-HEVC access unit: the second view's IDR segment (nuh_layer_id 1) comes first; the base view is a P picture.
            byte[] layer1 = Nal(Header(IdrWRadl, 1), new BitWriter().Flag(true).Flag(false).Ue(0).U(2, 0).Ue(2).Rbsp());
            byte[] file = File(LengthPrefixed(FirstSegment(IdrWRadl, 2)), LengthPrefixed(layer1, FirstSegment(TrailR, 1)));

            Assert.Equal((PictureType.P, "TRAIL_R"), Pictures(file)[1]);
        }

        [Fact]
        public void ASegmentWhosePpsIsUnknownGivesTheKindWithoutAType()
        {
            byte[] unknownPps = Nal(Header(TrailR), new BitWriter().Flag(true).Ue(7).U(2, 0).Ue(1).Rbsp());
            byte[] file = File(LengthPrefixed(FirstSegment(IdrWRadl, 2)), LengthPrefixed(unknownPps));

            Assert.Equal((null, "TRAIL_R"), Pictures(file)[1]);
        }
    }
}
