using System.Linq;
using Mp4Timing.Boxes;
using static Mp4Timing.Tests.Support.Mp4Bytes;

namespace Mp4Timing.Tests.Boxes
{
    /// <summary>
    /// stss (ISO/IEC 14496-12 8.6.2) and QuickTime's stps (partial sync samples): entry_count, then 1-based
    /// sample_number entries. sdtp (8.6.4): one byte per sample, is_leading(2) sample_depends_on(2)
    /// sample_is_depended_on(2) sample_has_redundancy(2), to the end of the box.
    /// </summary>
    public class SyncSampleBoxTests
    {
        [Theory]
        [InlineData("stss")]
        [InlineData("stps")]
        public void SampleNumbers(string type)
        {
            var box = Single<SyncSampleBox>(FullBox(type, 0, 0, U32(3), U32(1), U32(31), U32(0xFFFFFFFF)));

            Assert.Equal(type, box.Type);
            Assert.Equal(3u, box.EntryCount);
            Assert.Equal(16, box.EntriesOffset);
            Assert.Equal(new uint[] { 1, 31, 0xFFFFFFFF }, box.SampleNumbers);
            Assert.Equal("entry_count=3 [1,31,4294967295]", box.Summary);
        }

        [Fact]
        public void SummaryShowsTheFirstEight()
        {
            byte[] numbers = Cat(Enumerable.Range(0, 9).Select(i => U32((uint)(1 + 30 * i))).ToArray());
            var stss = Single<SyncSampleBox>(FullBox("stss", 0, 0, U32(9), numbers));

            Assert.Equal(9, stss.SampleNumbers.Count);
            Assert.Equal("entry_count=9 [1,31,61,91,121,151,181,211,...]", stss.Summary);
        }

        [Fact]
        public void Empty()
        {
            var stss = Single<SyncSampleBox>(FullBox("stss", 0, 0, U32(0)));

            Assert.Empty(stss.SampleNumbers);
            Assert.Equal("entry_count=0", stss.Summary);
        }

        [Theory]
        [InlineData(0x20, 0, 2, 0, 0)] // I picture: depends on nothing
        [InlineData(0x10, 0, 1, 0, 0)] // P picture
        [InlineData(0x18, 0, 1, 2, 0)] // disposable B picture
        [InlineData(0xA6, 2, 2, 1, 2)] // 10 10 01 10
        [InlineData(0xC5, 3, 0, 1, 1)] // 11 00 01 01
        [InlineData(0x59, 1, 1, 2, 1)] // 01 01 10 01
        [InlineData(0xFF, 3, 3, 3, 3)]
        [InlineData(0x00, 0, 0, 0, 0)]
        public void SampleDependencyBits(int packed, int leading, int dependsOn, int dependedOn, int redundancy)
        {
            var dependency = new SampleDependency((byte)packed);

            Assert.Equal(leading, dependency.IsLeading);
            Assert.Equal(dependsOn, dependency.DependsOn);
            Assert.Equal(dependedOn, dependency.IsDependedOn);
            Assert.Equal(redundancy, dependency.HasRedundancy);
            Assert.Equal($"leading={leading} depends_on={dependsOn} depended_on={dependedOn} redundancy={redundancy}", dependency.ToString());
        }

        [Fact]
        public void Sdtp()
        {
            var sdtp = Single<SampleDependencyTypeBox>(Cat(Ftyp(), FullBox("sdtp", 0, 0, new byte[] { 0x20, 0x10, 0x18, 0xA6, 0xC5 })));

            Assert.Equal(5L, sdtp.EntryCount);
            Assert.Equal(Ftyp().Length + 12, sdtp.EntriesOffset);
            Assert.Equal(new byte[] { 0x20, 0x10, 0x18, 0xA6, 0xC5 }, sdtp.Entries.Select(e => e.Packed));
            Assert.Equal(new[] { 2, 1, 1, 2, 0 }, sdtp.Entries.Select(e => e.DependsOn));
            Assert.Equal(new[] { 0, 0, 2, 1, 1 }, sdtp.Entries.Select(e => e.IsDependedOn));
            Assert.Equal("entries=5", sdtp.Summary);
        }
    }
}
