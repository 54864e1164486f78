using static Mp4Timing.Tests.Support.BitWriter;
using static Mp4Timing.Tests.Support.PictureMovie;

namespace Mp4Timing.Tests.Support
{
    /// <summary>
    /// HEVC and H.264 pictures and parameter sets built field by field (ITU-T H.265 7.3, H.264 7.3): enough of each header
    /// for the picture readers to tell IDR from CRA, I from P and B. Shared by the GOP analysis and the timing rules' tests.
    /// </summary>
    internal static class PictureHeaders
    {
        public const int TrailR = 1, RaslN = 8, BlaWRadl = 17, IdrWRadl = 19, CraNut = 21;
        // HEVC slice_type values (H.265 table 7-7).
        public const int SliceB = 0, SliceP = 1, SliceI = 2;

        public static byte[] HevcHeader(int type) => new[] { (byte)(type << 1), (byte)1 };

        /// <summary>An HEVC SPS of 1920x1080 with 64x64 coding tree blocks.</summary>
        public static byte[] HevcSps() => Nal(HevcHeader(33), new BitWriter()
            .U(4, 0).U(3, 0).Flag(true).U(96, 0)
            .Ue(0).Ue(1).Ue(1920).Ue(1080).Flag(false).Ue(0).Ue(0).Ue(4).Flag(true).Ue(4).Ue(2).Ue(0).Ue(0).Ue(3).Rbsp());

        /// <summary>An HEVC PPS without extra slice header bits.</summary>
        public static byte[] HevcPps() => Nal(HevcHeader(34), new BitWriter().Ue(0).Ue(0).Flag(false).Flag(false).U(3, 0).Rbsp());

        /// <summary>One HEVC picture of one slice segment: first_slice_segment_in_pic_flag, no_output_of_prior_pics_flag for IRAP, PPS 0, slice_type.</summary>
        public static byte[] Hevc(int nalType, int sliceType)
        {
            var bits = new BitWriter().Flag(true);
            if (nalType >= 16 && nalType <= 23) bits.Flag(false);
            return LengthPrefixed(Nal(HevcHeader(nalType), bits.Ue(0).Ue(sliceType).U(8, 0x5A).Rbsp()));
        }

        public static byte[] HevcEntry() => Entry("hvc1", HvcC(HevcSps(), HevcPps()));

        /// <summary>An H.264 Constrained Baseline SPS and PPS (frame_num 4 bits, pic_order_cnt_type 2).</summary>
        public static byte[] AvcEntry() => Entry("avc1", AvcC(
            new[] { Nal(new byte[] { 0x67 }, new BitWriter().U(8, 66).U(8, 0xC0).U(8, 30).Ue(0).Ue(0).Ue(2).Ue(1).Flag(false).Ue(7).Ue(4).Flag(true).Flag(true).Flag(false).Flag(false).Rbsp()) },
            new[] { Nal(new byte[] { 0x68 }, new BitWriter().Ue(0).Ue(0).Flag(false).Flag(false).Ue(0).Ue(0).Ue(0).Flag(false).U(2, 0).Se(0).Se(0).Se(0).Flag(true).Flag(false).Flag(false).Rbsp()) }));

        /// <summary>One H.264 picture of one slice: an IDR (NAL type 5) or not (1), with slice_type 5, 6 or 7 (every slice P, B or I).</summary>
        public static byte[] Avc(bool idr, char type) =>
            LengthPrefixed(Nal(new[] { (byte)(idr ? 0x65 : 0x41) }, new BitWriter().Ue(0).Ue("PBI".IndexOf(type) + 5).Ue(0).U(4, 1).Ue(0).U(8, 0xA5).Rbsp()));
    }
}
