using System.Linq;
using Mp4Timing.Boxes;
using static Mp4Timing.Tests.Support.Mp4Bytes;
using static Mp4Timing.Tests.Support.SpecBytes;

namespace Mp4Timing.Tests.Boxes
{
    /// <summary>
    /// stts (ISO/IEC 14496-12 8.6.1.2): entry_count, then (sample_count, sample_delta) runs, both unsigned.
    /// ctts (8.6.1.3): entry_count, then (sample_count, sample_offset); sample_offset is unsigned in version 0
    /// and signed in version 1, and read as signed in both (writers store negative offsets in version 0).
    /// </summary>
    public class TimeToSampleBoxTests
    {
        [Fact]
        public void Stts()
        {
            var stts = Single<TimeToSampleBox>(FullBox("stts", 0, 0, U32(3), U32(10), U32(1001), U32(1), U32(2002), U32(0x80000000), U32(0xFFFFFFFF)));

            Assert.Equal(3u, stts.EntryCount);
            Assert.Equal(16, stts.EntriesOffset);
            Assert.Equal(new uint[] { 10, 1, 0x80000000 }, stts.Entries.Select(e => e.SampleCount));
            Assert.Equal(new long[] { 1001, 2002, 4_294_967_295 }, stts.Entries.Select(e => e.Value));
            Assert.Equal("entry_count=3 [10\u00d71001 1\u00d72002 2147483648\u00d74294967295]", stts.Summary);
        }

        [Fact]
        public void SttsSummaryShowsTheFirstSixRuns()
        {
            byte[] runs = Cat(Enumerable.Range(1, 7).Select(i => Cat(U32(1), U32((uint)i))).ToArray());
            var stts = Single<TimeToSampleBox>(FullBox("stts", 0, 0, U32(7), runs));

            Assert.Equal(7, stts.Entries.Count);
            Assert.Equal("entry_count=7 [1\u00d71 1\u00d72 1\u00d73 1\u00d74 1\u00d75 1\u00d76 ...]", stts.Summary);
        }

        [Fact]
        public void SttsEmpty()
        {
            var stts = Single<TimeToSampleBox>(FullBox("stts", 0, 0, U32(0)));

            Assert.Equal(0u, stts.EntryCount);
            Assert.Empty(stts.Entries);
            Assert.Equal("entry_count=0", stts.Summary);
        }

        [Theory]
        [InlineData(0)]
        [InlineData(1)]
        public void CttsOffsetsAreSigned(int version)
        {
            // 0xFFFFFC00 is −1024: a version 0 box breaking the rule, or a legal version 1 box.
            byte[] file = FullBox("ctts", version, 0, U32(4),
                U32(1), U32(1024),
                U32(2), U32(0xFFFFFC00),
                U32(1), U32(0),
                U32(5), I32(int.MaxValue));

            var ctts = Single<CompositionOffsetBox>(file);

            Assert.Equal(version, ctts.Version);
            Assert.Equal(4u, ctts.EntryCount);
            Assert.Equal(new uint[] { 1, 2, 1, 5 }, ctts.Entries.Select(e => e.SampleCount));
            Assert.Equal(new long[] { 1024, -1024, 0, int.MaxValue }, ctts.Entries.Select(e => e.Value));
            Assert.Equal("entry_count=4 [1\u00d71024 2\u00d7-1024 1\u00d70 5\u00d72147483647]", ctts.Summary);
        }

        [Fact]
        public void CttsVersion1MostNegative()
        {
            var ctts = Single<CompositionOffsetBox>(FullBox("ctts", 1, 0, U32(1), U32(3), I32(int.MinValue)));

            Assert.Equal(int.MinValue, Assert.Single(ctts.Entries).Value);
        }

        [Fact]
        public void SampleRunToString()
        {
            Assert.Equal("3\u00d7-2", new SampleRun(3, -2).ToString());
        }
    }
}
