using Mp4Timing.Bitstream;
using Mp4Timing.IO;
using Mp4Timing.Tests.Support;

namespace Mp4Timing.Tests.Bitstream
{
    /// <summary>The bit reader on bytes worked out by hand from the Exp-Golomb tables of H.264 9.1.</summary>
    public class BitReaderTests
    {
        private static BitReader Load(params byte[] bytes)
        {
            var reader = new BitReader();
            reader.Load(bytes, 0, bytes.Length, removeEmulationPrevention: true);
            return reader;
        }

        [Fact]
        public void ReadsExpGolombCodesOfTheSpecificationTable()
        {
            // 1 | 010 | 011 | 00100 | 00111 | 0001000 : ue 0, 1, 2, 3, 6, 7 (table 9-2), then se of 010 = +1, 011 = -1.
            BitReader r = Load(new BitWriter().U(1, 1).U(3, 0b010).U(3, 0b011).U(5, 0b00100).U(5, 0b00111).U(7, 0b0001000).U(3, 0b010).U(3, 0b011).Aligned());

            Assert.Equal(new uint[] { 0, 1, 2, 3, 6, 7 }, new[] { r.ReadUe(), r.ReadUe(), r.ReadUe(), r.ReadUe(), r.ReadUe(), r.ReadUe() });
            Assert.Equal(1, r.ReadSe());
            Assert.Equal(-1, r.ReadSe());
            Assert.False(r.Failed);
        }

        [Fact]
        public void ReadsTheLargestExpGolombCodeAndFailsOnLongerOnes()
        {
            // 31 zeros, a 1 and 31 ones: 2^32 - 2, the largest ue(v) a 32-bit field holds.
            BitReader r = Load(new BitWriter().U(31, 0).U(1, 1).U(31, int.MaxValue).Aligned());
            Assert.Equal(uint.MaxValue - 1, r.ReadUe());
            Assert.False(r.Failed);

            BitReader longer = Load(new BitWriter().U(32, 0).U(1, 1).U(32, 0).Aligned());
            Assert.Equal(0u, longer.ReadUe());
            Assert.True(longer.Failed);
        }

        [Fact]
        public void RemovesEmulationPreventionBytes()
        {
            // 00 00 03 01 in a NAL unit is the RBSP 00 00 01; 00 00 03 03 keeps the second 03.
            BitReader r = Load(0x00, 0x00, 0x03, 0x01, 0x00, 0x00, 0x03, 0x03);

            Assert.Equal(6, r.Length);
            Assert.Equal(0x000001u, r.ReadBits(24));
            Assert.Equal(0x000003u, r.ReadBits(24));
        }

        [Fact]
        public void ReadingPastTheEndGivesZeroAndFailsInsteadOfThrowing()
        {
            BitReader r = Load(0xFF);

            Assert.Equal(0xFFu, r.ReadBits(8));
            Assert.False(r.Failed);
            Assert.Equal(0u, r.ReadBits(1));
            Assert.True(r.Failed);
            Assert.Equal(0u, r.ReadUe());
            Assert.Equal(0, r.ReadBit());
        }

        [Fact]
        public void LoadingANalUnitStopsAtAnEmbeddedStartCodeAsFfmpegDoes()
        {
            // A unit of 8 bytes whose bytes 4-6 are 00 00 01: the unit ends at byte 4.
            byte[] sample = { 0x65, 0x88, 0x84, 0x21, 0x00, 0x00, 0x01, 0x41 };
            var data = new BoxDataReader(new System.IO.MemoryStream(sample), "t");
            data.Seek(0, sample.Length);
            var bits = new BitReader();

            long end = bits.LoadNalUnit(data, sample.Length, 64);

            Assert.Equal(4, end);
            Assert.Equal(4, bits.Length);
        }

        [Fact]
        public void ReadsUvlcAsAv1DefinesIt()
        {
            // uvlc(): 00101 is 4; 32 leading zeros mean 2^32 - 1.
            Assert.Equal(4u, Load(new BitWriter().U(5, 0b00101).Aligned()).ReadUvlc());
            Assert.Equal(uint.MaxValue, Load(new BitWriter().U(32, 0).U(1, 1).U(32, 5).Aligned()).ReadUvlc());
        }
    }
}
