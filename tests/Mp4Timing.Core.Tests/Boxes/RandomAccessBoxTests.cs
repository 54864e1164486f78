using System.Linq;
using Mp4Timing.Boxes;
using static Mp4Timing.Tests.Support.Mp4Bytes;
using static Mp4Timing.Tests.Support.SpecBytes;

namespace Mp4Timing.Tests.Boxes
{
    /// <summary>
    /// tfra (ISO/IEC 14496-12 8.8.10): track_ID, reserved(26) length_size_of_traf_num(2)
    /// length_size_of_trun_num(2) length_size_of_sample_num(2), number_of_entry, then per entry time and
    /// moof_offset (32 or 64 bits by version) and traf_number, trun_number, sample_number in (size + 1) bytes.
    /// mfro (8.8.11): the size of the enclosing mfra.
    /// </summary>
    public class RandomAccessBoxTests
    {
        /// <summary>A value that needs all of <paramref name="bytes"/> bytes: 0x05, 0x0102, 0x010203, 0x01020304.</summary>
        private static uint Filling(int bytes, uint low) => bytes switch
        {
            1 => low,
            2 => 0x0100u | low,
            3 => 0x010200u | low,
            _ => 0x01020300u | low,
        };

        [Theory]
        [InlineData(0, 0, 0, 0)]
        [InlineData(0, 1, 2, 3)]
        [InlineData(0, 2, 1, 0)]
        [InlineData(1, 3, 0, 1)]
        [InlineData(1, 3, 3, 3)]
        [InlineData(1, 0, 0, 0)]
        public void Tfra(int version, int trafSize, int trunSize, int sampleSize)
        {
            int trafBytes = trafSize + 1, trunBytes = trunSize + 1, sampleBytes = sampleSize + 1;
            byte[] Time(ulong value) => version == 1 ? U64(value) : U32((uint)value);
            byte[] Entry(ulong time, ulong moof, uint low) => Cat(
                Time(time), Time(moof),
                UN(Filling(trafBytes, low), trafBytes), UN(Filling(trunBytes, low + 1), trunBytes), UN(Filling(sampleBytes, low + 2), sampleBytes));

            ulong secondTime = version == 1 ? 0x1_0000_0000UL : 0xFFFFFFFFUL;
            byte[] file = Box("mfra", FullBox("tfra", version, 0, U32(2), U32((uint)((trafSize << 4) | (trunSize << 2) | sampleSize)), U32(2),
                Entry(0, 1234, 1), Entry(secondTime, 5678, 4)));

            var tfra = Single<TrackFragmentRandomAccessBox>(file);

            Assert.Equal(2u, tfra.TrackId);
            Assert.Equal(2, tfra.Entries.Count);
            Assert.Equal(new[] { 0L, (long)secondTime }, tfra.Entries.Select(e => e.Time));
            Assert.Equal(new[] { 1234L, 5678L }, tfra.Entries.Select(e => e.MoofOffset));
            Assert.Equal(new[] { Filling(trafBytes, 1), Filling(trafBytes, 4) }, tfra.Entries.Select(e => e.TrafNumber));
            Assert.Equal(new[] { Filling(trunBytes, 2), Filling(trunBytes, 5) }, tfra.Entries.Select(e => e.TrunNumber));
            Assert.Equal(new[] { Filling(sampleBytes, 3), Filling(sampleBytes, 6) }, tfra.Entries.Select(e => e.SampleNumber));
            Assert.Equal(8 + 4 + 12 + 2 * ((version == 1 ? 16 : 8) + trafBytes + trunBytes + sampleBytes), tfra.Size);
            Assert.Equal("track_ID=2 entries=2", tfra.Summary);
        }

        [Fact]
        public void TfraReservedBitsAreIgnored()
        {
            var tfra = Single<TrackFragmentRandomAccessBox>(FullBox("tfra", 0, 0, U32(1), U32(0xFFFFFFC0), U32(1), U32(10), U32(20), U8(1), U8(1), U8(1)));

            var entry = Assert.Single(tfra.Entries);
            Assert.Equal(10L, entry.Time);
            Assert.Equal(20L, entry.MoofOffset);
            Assert.Equal(1u, entry.SampleNumber);
        }

        [Fact]
        public void Mfro()
        {
            byte[] mfro = FullBox("mfro", 0, 0, U32(8 + 16)); // mfra header + this 16-byte box
            var (boxes, errors) = Read(Box("mfra", mfro));

            Assert.Empty(errors);
            var box = Assert.IsType<MovieFragmentRandomAccessOffsetBox>(boxes[1]);
            Assert.Equal(24u, box.MfraSize);
            Assert.Equal(boxes[0].Size, box.MfraSize);
            Assert.Equal("mfra_size=24", box.Summary);
        }
    }
}
