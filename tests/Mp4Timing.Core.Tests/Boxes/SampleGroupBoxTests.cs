using System.Linq;
using Mp4Timing.Boxes;
using static Mp4Timing.Tests.Support.Mp4Bytes;
using static Mp4Timing.Tests.Support.SpecBytes;

namespace Mp4Timing.Tests.Boxes
{
    /// <summary>
    /// sgpd (ISO/IEC 14496-12:2015 8.9.3.2): grouping_type; default_length in version 1;
    /// default_sample_description_index in version 2 and later; entry_count; the entries.
    /// sbgp (8.9.2.2): grouping_type; grouping_type_parameter in version 1; entry_count; (sample_count, group_description_index).
    /// </summary>
    public class SampleGroupBoxTests
    {
        [Fact]
        public void SgpdVersion0()
        {
            // AAC's roll group: one AudioRollRecoveryEntry, roll_distance −1.
            var sgpd = Single<SampleGroupDescriptionBox>(FullBox("sgpd", 0, 0, Ascii("roll"), U32(1), I16(-1)));

            Assert.Equal("roll", sgpd.GroupingType);
            Assert.Equal(0u, sgpd.DefaultLength);
            Assert.Equal(0u, sgpd.DefaultGroupDescriptionIndex);
            Assert.Equal(1u, sgpd.EntryCount);
            Assert.Equal("grouping_type=roll entry_count=1", sgpd.Summary);
        }

        [Fact]
        public void SgpdVersion1()
        {
            // CENC 'seig': default_length 20 (reserved, crypt/skip, isProtected, Per_Sample_IV_Size, KID).
            byte[] entry = Cat(U8(0), U8(0), U8(1), U8(8), Uuid("00112233-4455-6677-8899-aabbccddeeff"));
            var sgpd = Single<SampleGroupDescriptionBox>(FullBox("sgpd", 1, 0, Ascii("seig"), U32(20), U32(2), entry, entry));

            Assert.Equal(1, sgpd.Version);
            Assert.Equal("seig", sgpd.GroupingType);
            Assert.Equal(20u, sgpd.DefaultLength);
            Assert.Equal(0u, sgpd.DefaultGroupDescriptionIndex);
            Assert.Equal(2u, sgpd.EntryCount);
            Assert.Equal("grouping_type=seig entry_count=2", sgpd.Summary);
        }

        [Fact]
        public void SgpdVersion2()
        {
            var sgpd = Single<SampleGroupDescriptionBox>(FullBox("sgpd", 2, 0, Ascii("sync"), U32(1), U32(1), U8(19)));

            Assert.Equal(2, sgpd.Version);
            Assert.Equal("sync", sgpd.GroupingType);
            Assert.Equal(0u, sgpd.DefaultLength);
            Assert.Equal(1u, sgpd.DefaultGroupDescriptionIndex);
            Assert.Equal(1u, sgpd.EntryCount);
        }

        [Fact]
        public void SbgpVersion0()
        {
            var sbgp = Single<SampleToGroupBox>(Cat(Ftyp(), FullBox("sbgp", 0, 0, Ascii("roll"), U32(2), U32(1), U32(1), U32(99), U32(0))));

            Assert.Equal("roll", sbgp.GroupingType);
            Assert.Equal(0u, sbgp.GroupingTypeParameter);
            Assert.Equal(2u, sbgp.EntryCount);
            Assert.Equal(Ftyp().Length + 20, sbgp.EntriesOffset);
            Assert.Equal(new uint[] { 1, 99 }, sbgp.Entries.Select(e => e.SampleCount));
            Assert.Equal(new uint[] { 1, 0 }, sbgp.Entries.Select(e => e.GroupDescriptionIndex));
            Assert.Equal("grouping_type=roll entry_count=2", sbgp.Summary);
            Assert.Equal("99\u21920", sbgp.Entries[1].ToString());
        }

        [Fact]
        public void SbgpVersion1()
        {
            var sbgp = Single<SampleToGroupBox>(FullBox("sbgp", 1, 0, Ascii("seig"), U32(0x00000007), U32(1), U32(48), U32(0x10001)));

            Assert.Equal(1, sbgp.Version);
            Assert.Equal("seig", sbgp.GroupingType);
            Assert.Equal(7u, sbgp.GroupingTypeParameter);
            Assert.Equal(24, sbgp.EntriesOffset);
            var entry = Assert.Single(sbgp.Entries);
            Assert.Equal(48u, entry.SampleCount);
            Assert.Equal(0x10001u, entry.GroupDescriptionIndex); // 0x10000 + 1: the first entry of the fragment-local sgpd
        }
    }
}
