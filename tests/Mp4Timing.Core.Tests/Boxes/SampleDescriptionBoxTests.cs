using System.Linq;
using Mp4Timing.Boxes;
using static Mp4Timing.Tests.Support.Mp4Bytes;

namespace Mp4Timing.Tests.Boxes
{
    /// <summary>
    /// stsd (ISO/IEC 14496-12 8.5.2) and dref (8.7.2): a FullBox with entry_count, the entries following as
    /// child boxes (sample entries; url / urn data entries).
    /// </summary>
    public class SampleDescriptionBoxTests
    {
        [Fact]
        public void StsdCountsItsEntriesAndReadsThemAsChildren()
        {
            byte[] avc1 = Box("avc1", Zeros(6), U16(1), Zeros(70));
            byte[] mp4a = Box("mp4a", Zeros(6), U16(1), Zeros(20));
            var (boxes, errors) = Read(FullBox("stsd", 0, 0, U32(2), avc1, mp4a));

            Assert.Empty(errors);
            var stsd = Assert.IsType<SampleDescriptionBox>(boxes[0]);
            Assert.Equal(2u, stsd.EntryCount);
            Assert.Equal("entry_count=2", stsd.Summary);
            Assert.Equal(new[] { "stsd", "avc1", "mp4a" }, boxes.Select(b => b.Type));
            Assert.Equal(16, boxes[1].Offset);
            Assert.Equal(16 + avc1.Length, boxes[2].Offset);
            Assert.Equal(new[] { "/stsd/avc1", "/stsd/mp4a" }, boxes.Skip(1).Select(b => b.BoxPath));
        }

        [Fact]
        public void Dref()
        {
            // One 'url ' entry with flag 1: the media data is in the same file (no location string).
            byte[] file = Box("dinf", FullBox("dref", 0, 0, U32(2), FullBox("url ", 0, 1), FullBox("urn ", 0, 0, Ascii("urn:x\0"))));
            var (boxes, errors) = Read(file);

            Assert.Empty(errors);
            var dref = Assert.IsType<DataReferenceBox>(boxes[1]);
            Assert.Equal(2u, dref.EntryCount);
            Assert.Equal("entry_count=2", dref.Summary);
            Assert.Equal(new[] { "dinf", "dref", "url ", "urn " }, boxes.Select(b => b.Type));
            Assert.Equal(dref.Offset + 16, boxes[2].Offset);
            Assert.Equal("/dinf/dref/url ", boxes[2].BoxPath);
        }
    }
}
