using Mp4Timing.Boxes;
using static Mp4Timing.Tests.Support.Mp4Bytes;
using static Mp4Timing.Tests.Support.SpecBytes;

namespace Mp4Timing.Tests.Boxes
{
    /// <summary>
    /// stsz (ISO/IEC 14496-12 8.7.3.2): sample_size, sample_count, and 32-bit entry_size per sample only
    /// when sample_size is 0. stz2 (8.7.3.3): reserved(24), field_size (4, 8 or 16), sample_count, then
    /// packed sizes; with 4 bits, two per byte, the first in the high nibble, the count rounded up to bytes.
    /// </summary>
    public class SampleSizeBoxTests
    {
        [Fact]
        public void StszConstantSize()
        {
            var stsz = Single<SampleSizeBox>(FullBox("stsz", 0, 0, U32(1024), U32(500)));

            Assert.False(stsz.IsCompact);
            Assert.Equal(1024u, stsz.ConstantSampleSize);
            Assert.Equal(32, stsz.FieldSize);
            Assert.Equal(500u, stsz.SampleCount);
            Assert.Equal(20, stsz.EntriesOffset);
            Assert.Empty(stsz.EntrySizes);
            Assert.Equal("sample_count=500 sample_size=1024", stsz.Summary);
        }

        [Fact]
        public void StszPerSampleSizes()
        {
            var stsz = Single<SampleSizeBox>(FullBox("stsz", 0, 0, U32(0), U32(3), U32(100), U32(0x10000), U32(0xFFFFFFFF)));

            Assert.Equal(0u, stsz.ConstantSampleSize);
            Assert.Equal(3u, stsz.SampleCount);
            Assert.Equal(new uint[] { 100, 0x10000, 0xFFFFFFFF }, stsz.EntrySizes);
            Assert.Equal("sample_count=3 field_size=32", stsz.Summary);
        }

        [Fact]
        public void StszNoSamples()
        {
            var stsz = Single<SampleSizeBox>(FullBox("stsz", 0, 0, U32(0), U32(0)));

            Assert.Equal(0u, stsz.SampleCount);
            Assert.Empty(stsz.EntrySizes);
        }

        public static TheoryData<string, int, uint, byte[], uint[]> Compact => new()
        {
            { "4-bit, even count", 4, 4, Hex("12 34"), new uint[] { 1, 2, 3, 4 } },
            { "4-bit, odd count: the last low nibble is padding", 4, 3, Hex("AB C0"), new uint[] { 10, 11, 12 } },
            { "4-bit, one sample", 4, 1, Hex("F0"), new uint[] { 15 } },
            { "8-bit", 8, 3, Hex("01 FF 80"), new uint[] { 1, 255, 128 } },
            { "16-bit", 16, 2, Hex("01 02 FF FF"), new uint[] { 258, 65535 } },
        };

        [Theory]
        [MemberData(nameof(Compact))]
        public void Stz2(string label, int fieldSize, uint count, byte[] packed, uint[] sizes)
        {
            var stz2 = Single<SampleSizeBox>(FullBox("stz2", 0, 0, U24(0), U8(fieldSize), U32(count), packed));

            Assert.True(stz2.IsCompact, label);
            Assert.Equal(0u, stz2.ConstantSampleSize);
            Assert.Equal(fieldSize, stz2.FieldSize);
            Assert.Equal(count, stz2.SampleCount);
            Assert.Equal(20, stz2.EntriesOffset);
            Assert.Equal(sizes, stz2.EntrySizes);
            Assert.Equal($"sample_count={count} field_size={fieldSize}", stz2.Summary);
        }

        [Theory]
        [InlineData(0)]
        [InlineData(12)]
        [InlineData(32)]
        public void Stz2UndefinedFieldSizeIsInvalid(int fieldSize)
        {
            var (error, box) = ReadFailing(FullBox("stz2", 0, 0, U24(0), U8(fieldSize), U32(1), U32(0)), "stz2");

            Assert.Equal(Mp4ErrorKind.InvalidField, error.Kind);
            Assert.Equal(15, error.Offset);
            Assert.IsNotType<SampleSizeBox>(box);
        }

        [Theory]
        [InlineData(4, 3u, 1)]    // needs 2 bytes
        [InlineData(8, 3u, 2)]    // needs 3
        [InlineData(16, 2u, 3)]   // needs 4
        public void Stz2PackedSizesShortOfTheCountAreTableTooShort(int fieldSize, uint count, int bytes)
        {
            var (error, _) = ReadFailing(FullBox("stz2", 0, 0, U24(0), U8(fieldSize), U32(count), Zeros(bytes)), "stz2");

            Assert.Equal(Mp4ErrorKind.TableTooShort, error.Kind);
        }
    }
}
