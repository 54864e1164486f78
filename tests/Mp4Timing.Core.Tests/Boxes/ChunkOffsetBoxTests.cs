using Mp4Timing.Boxes;
using static Mp4Timing.Tests.Support.Mp4Bytes;

namespace Mp4Timing.Tests.Boxes
{
    /// <summary>stco / co64 (ISO/IEC 14496-12 8.7.5): entry_count, then chunk_offset as unsigned 32 or 64 bits.</summary>
    public class ChunkOffsetBoxTests
    {
        [Fact]
        public void Stco()
        {
            var stco = Single<ChunkOffsetBox>(FullBox("stco", 0, 0, U32(3), U32(48), U32(0x80000000), U32(0xFFFFFFF0)));

            Assert.False(stco.IsLarge);
            Assert.Equal(4, stco.EntrySize);
            Assert.Equal(3u, stco.EntryCount);
            Assert.Equal(new long[] { 48, 2_147_483_648, 4_294_967_280 }, stco.ChunkOffsets);
            Assert.Equal("entry_count=3 first=48", stco.Summary);
        }

        [Fact]
        public void Co64AboveFourGigabytes()
        {
            var co64 = Single<ChunkOffsetBox>(FullBox("co64", 0, 0, U32(3), U64(0x1_0000_0000), U64(0x2_8000_0000), U64(0x7FFF_FFFF_FFFF_FFFF)));

            Assert.True(co64.IsLarge);
            Assert.Equal(8, co64.EntrySize);
            Assert.Equal(new long[] { 4_294_967_296, 10_737_418_240, long.MaxValue }, co64.ChunkOffsets);
            Assert.Equal("entry_count=3 first=4294967296", co64.Summary);
        }

        [Fact]
        public void Empty()
        {
            var stco = Single<ChunkOffsetBox>(FullBox("stco", 0, 0, U32(0)));

            Assert.Empty(stco.ChunkOffsets);
            Assert.Equal("entry_count=0", stco.Summary);
        }

        [Fact]
        public void Co64CountedInEightByteEntries()
        {
            // Two 32-bit words are one 64-bit entry, not two.
            var (error, _) = Support.SpecBytes.ReadFailing(FullBox("co64", 0, 0, U32(2), U32(0), U32(48)), "co64");

            Assert.Equal(Mp4ErrorKind.TableTooShort, error.Kind);
        }
    }
}
