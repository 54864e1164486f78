using System;
using System.Linq;
using Mp4Timing.Tests.Support;
using static Mp4Timing.Tests.Support.Mp4Bytes;
using static Mp4Timing.Tests.Support.PictureMovie;

namespace Mp4Timing.Tests.Bitstream
{
    /// <summary>
    /// Start-code video picture headers built by hand: MPEG-4 Part 2 (ISO/IEC 14496-2 6.2.5, vop_coding_type),
    /// MPEG-2 (ISO/IEC 13818-2 6.2.3, picture_coding_type) and H.263 (ITU-T H.263 5.1, PTYPE and PLUSPTYPE);
    /// and every reader on damaged bytes.
    /// </summary>
    public class MpegVideoTests
    {
        /// <summary>esds with the given objectTypeIndication for a visual stream.</summary>
        private static byte[] Esds(byte objectType) =>
            FullBox("esds", 0, 0, U8(0x03), U8(21), U16(1), U8(0), U8(0x04), U8(13), U8(objectType), U8(0x11), U24(0), U32(0), U32(0), U8(0x06), U8(1), U8(2));

        private static byte[] StartCode(byte code, byte[] bits) => Cat(new byte[] { 0, 0, 1, code }, bits);

        [Fact]
        public void ReadsTheVopCodingTypeAfterTheVisualObjectHeaders()
        {
            // The first sample also carries visual_object_sequence (B0), visual_object (B5) and a VOL (20).
            byte[] headers = Cat(StartCode(0xB0, new byte[] { 0xF5 }), StartCode(0xB5, new byte[] { 0x89 }), StartCode(0x20, new byte[] { 0x00, 0xC4, 0x88 }));
            byte[] Vop(int type) => StartCode(0xB6, new BitWriter().U(2, type).U(14, 0x1234).Aligned());
            byte[] file = Movie(Entry("mp4v", Esds(0x20)), null, Cat(headers, Vop(0)), Vop(1), Vop(2), Vop(3));

            Assert.Equal(new (PictureType?, string?)[] { (PictureType.I, "I-VOP"), (PictureType.P, "P-VOP"), (PictureType.B, "B-VOP"), (PictureType.S, "S-VOP") }, Pictures(file));
        }

        [Fact]
        public void ReadsMpeg2PictureCodingTypeWhenEsdsSaysMpeg2Video()
        {
            byte[] sequence = StartCode(0xB3, new byte[] { 0x08, 0x00, 0x48, 0x13, 0xFF, 0xFF, 0xE0, 0x18 });
            byte[] gop = StartCode(0xB8, new byte[] { 0x00, 0x08, 0x00, 0x00 });
            byte[] Picture(int type) => StartCode(0x00, new BitWriter().U(10, 3).U(3, type).U(16, 0xFFFF).Aligned());
            byte[] file = Movie(Entry("mp4v", Esds(0x61)), null, Cat(sequence, gop, Picture(1)), Picture(3), Picture(2), Picture(4));

            Assert.Equal(new (PictureType?, string?)[] { (PictureType.I, "I"), (PictureType.B, "B"), (PictureType.P, "P"), (null, null) }, Pictures(file));
        }

        [Fact]
        public void ReadsTheH263PictureTypeFromPtypeAndFromPlusptype()
        {
            // PSC (22 bits 0000 0000 0000 0000 1000 00), TR, PTYPE: 1 0, three flags, source format, then the coding type bit;
            // source format 7 means PLUSPTYPE: UFEP 001, OPPTYPE (18 bits), then the picture type code.
            byte[] Plain(int inter) => new BitWriter().U(22, 0x20).U(8, 5).U(2, 2).U(3, 0).U(3, 2).U(1, inter).U(16, 0).Aligned();
            byte[] Plus(int code) => new BitWriter().U(22, 0x20).U(8, 5).U(2, 2).U(3, 0).U(3, 7).U(3, 1).U(18, 0).U(3, code).U(16, 0).Aligned();
            byte[] file = Movie(Entry("s263"), null, Plain(0), Plain(1), Plus(0), Plus(2), Plus(3), Plus(5));

            Assert.Equal(new (PictureType?, string?)[]
            {
                (PictureType.I, "INTRA"), (PictureType.P, "INTER"), (PictureType.I, "I"), (PictureType.P, "improved PB"), (PictureType.B, "B"), (null, null),
            }, Pictures(file));
        }

        [Theory]
        [InlineData("avc1")]
        [InlineData("hvc1")]
        [InlineData("av01")]
        [InlineData("vp09")]
        [InlineData("vp08")]
        [InlineData("mp4v")]
        [InlineData("s263")]
        public void DamagedSamplesGiveNoTypeAndNeverThrow(string codec)
        {
            // Random bytes, and the same bytes cut short, with runs of zeros and start codes mixed in: every
            // length prefix, size field and Exp-Golomb code a reader meets is garbage.
            var random = new Random(15);
            byte[][] samples = Enumerable.Range(0, 400).Select(i =>
            {
                var bytes = new byte[random.Next(0, 200)];
                random.NextBytes(bytes);
                for (int k = 0; k + 3 < bytes.Length; k += random.Next(3, 40))
                {
                    bytes[k] = 0;
                    bytes[k + 1] = 0;
                    if (i % 3 == 0) bytes[k + 2] = 1;
                }
                return bytes;
            }).ToArray();
            byte[] file = Movie(Entry(codec), null, samples);

            var pictures = Pictures(file);
            bool[] keys = FfmpegKeys(file);

            Assert.Equal(samples.Length, pictures.Length);
            Assert.Equal(samples.Length, keys.Length);
        }
    }
}
