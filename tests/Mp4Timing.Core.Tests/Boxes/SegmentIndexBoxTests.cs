using System.Linq;
using Mp4Timing.Boxes;
using static Mp4Timing.Tests.Support.Mp4Bytes;

namespace Mp4Timing.Tests.Boxes
{
    /// <summary>
    /// sidx (ISO/IEC 14496-12 8.16.3): reference_ID, timescale, earliest_presentation_time and first_offset
    /// (32 or 64 bits by version), reserved(16), reference_count(16), then per reference
    /// reference_type(1) referenced_size(31), subsegment_duration(32), starts_with_SAP(1) SAP_type(3) SAP_delta_time(28).
    /// </summary>
    public class SegmentIndexBoxTests
    {
        private static readonly byte[] References = Cat(
            U32(0x00001234), U32(180000), U32(0x90000000),               // media, starts with a type 1 SAP
            U32(0x80000000 | 500), U32(90000), U32(0x30ABCDEF),           // an index, SAP type 3 later by 0x0ABCDEF
            U32(0x7FFFFFFF), U32(0xFFFFFFFF), U32(0xF0000000 | 0x0FFFFFFF)); // the extremes of every field

        private static void AssertReferences(SegmentIndexBox sidx)
        {
            Assert.Equal(3, sidx.References.Count);
            Assert.Equal(new[] { false, true, false }, sidx.References.Select(r => r.ReferencesIndex));
            Assert.Equal(new uint[] { 0x1234, 500, 0x7FFFFFFF }, sidx.References.Select(r => r.ReferencedSize));
            Assert.Equal(new uint[] { 180000, 90000, 0xFFFFFFFF }, sidx.References.Select(r => r.SubsegmentDuration));
            Assert.Equal(new[] { true, false, true }, sidx.References.Select(r => r.StartsWithSap));
            Assert.Equal(new[] { 1, 3, 7 }, sidx.References.Select(r => r.SapType));
            Assert.Equal(new uint[] { 0, 0x0ABCDEF, 0x0FFFFFFF }, sidx.References.Select(r => r.SapDeltaTime));
        }

        [Fact]
        public void Version0()
        {
            var sidx = Single<SegmentIndexBox>(FullBox("sidx", 0, 0, U32(1), U32(90000), U32(180000), U32(0xFFFFFFFF), U16(0), U16(3), References));

            Assert.Equal(1u, sidx.ReferenceId);
            Assert.Equal(90000u, sidx.Timescale);
            Assert.Equal(180000L, sidx.EarliestPresentationTime);
            Assert.Equal(4_294_967_295L, sidx.FirstOffset);
            AssertReferences(sidx);
            Assert.Equal("reference_ID=1 timescale=90000 earliest_presentation_time=180000 references=3", sidx.Summary);
        }

        [Fact]
        public void Version1()
        {
            var sidx = Single<SegmentIndexBox>(FullBox("sidx", 1, 0, U32(2), U32(48000), U64(0x1_0000_0000), U64(1024), U16(0), U16(3), References));

            Assert.Equal(2u, sidx.ReferenceId);
            Assert.Equal(48000u, sidx.Timescale);
            Assert.Equal(4_294_967_296L, sidx.EarliestPresentationTime);
            Assert.Equal(1024L, sidx.FirstOffset);
            AssertReferences(sidx);
        }

        [Fact]
        public void ReservedBitsBeforeTheCountAreIgnored()
        {
            var sidx = Single<SegmentIndexBox>(FullBox("sidx", 0, 0, U32(1), U32(1000), U32(0), U32(0), U16(0xFFFF), U16(0)));

            Assert.Empty(sidx.References);
        }
    }
}
