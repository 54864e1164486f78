using System.Linq;
using System.Text;
using Mp4Timing.Boxes;
using static Mp4Timing.Tests.Support.Mp4Bytes;
using static Mp4Timing.Tests.Support.SpecBytes;

namespace Mp4Timing.Tests.Boxes
{
    /// <summary>
    /// meta (ISO/IEC 14496-12 8.11.1, a FullBox; QuickTime's metadata atom has no version and flags),
    /// ilst (Apple item list: one box per key, ©-keys or 1-based indexes into keys), data (type indicator:
    /// one reserved byte + 24-bit well-known type, 32-bit locale, value), keys (QTFF: entry_count, then
    /// key_size, key_namespace, key_value).
    /// </summary>
    public class MetadataBoxTests
    {
        private static byte[] Hdlr(string handler) => FullBox("hdlr", 0, 0, U32(0), Ascii(handler), Zeros(12), CString(""));

        private static byte[] Data(uint type, byte[] value) => Box("data", U32(type), U32(0), value);

        private static byte[] Key(string ns, string value) => Cat(U32((uint)(8 + Encoding.UTF8.GetByteCount(value))), Ascii(ns), Encoding.UTF8.GetBytes(value));

        [Fact]
        public void IsoMetaWithIlst()
        {
            // moov/udta/meta as ffmpeg writes it: a FullBox, hdlr 'mdir', ilst with ©too.
            byte[] ilst = Box("ilst",
                TypedBox(Latin1("\u00a9too"), Data(1, Encoding.UTF8.GetBytes("Lavf59.27.100"))),
                TypedBox(Latin1("\u00a9nam"), Data(1, Encoding.UTF8.GetBytes("Caf\u00e9"))));
            byte[] file = Box("udta", FullBox("meta", 0, 0, Hdlr("mdir"), ilst));

            var (boxes, errors) = Read(file);

            Assert.Empty(errors);
            Assert.Equal(new[] { "udta", "meta", "hdlr", "ilst", "\u00a9too", "data", "\u00a9nam", "data" }, boxes.Select(b => b.Type));
            var meta = Assert.IsType<MetaBox>(boxes[1]);
            Assert.True(meta.IsFullBox);
            Assert.Equal(0, meta.Version);
            Assert.Equal(0u, meta.Flags);
            Assert.Equal("", meta.Summary);
            Assert.Equal(meta.Offset + 12, boxes[2].Offset);
            Assert.Equal("mdir", Assert.IsType<HandlerBox>(boxes[2]).HandlerType);

            var list = Assert.IsType<ItemListBox>(boxes[3]);
            Assert.Equal(new[] { "\u00a9too", "\u00a9nam" }, list.Keys);
            Assert.Equal("keys: \u00a9too, \u00a9nam", list.Summary);
            Assert.Equal(list.Offset + 8, boxes[4].Offset);

            Assert.IsType<MetadataItemBox>(boxes[4]);
            Assert.Equal("", boxes[4].Summary);
            var tool = Assert.IsType<MetadataDataBox>(boxes[5]);
            Assert.Equal(1u, tool.DataType);
            Assert.Equal("Lavf59.27.100", tool.Text);
            Assert.Equal("\"Lavf59.27.100\"", tool.Summary);
            Assert.Equal("Caf\u00e9", Assert.IsType<MetadataDataBox>(boxes[7]).Text);
            Assert.Equal("/udta/meta/ilst/\u00a9nam/data", boxes[7].BoxPath);
        }

        [Fact]
        public void QuickTimeMetaWithKeysAndIndexedItems()
        {
            // QuickTime's moov/meta: no version/flags, hdlr 'mdta', keys, ilst items named 1 and 2.
            byte[] keys = FullBox("keys", 0, 0, U32(2), Key("mdta", "com.apple.quicktime.make"), Key("mdta", "com.apple.quicktime.model"));
            byte[] ilst = Box("ilst",
                TypedBox(U32(1), Data(1, Ascii("Apple"))),
                TypedBox(U32(2), Data(1, Ascii("iPhone 12"))));
            byte[] file = Box("moov", Box("meta", Hdlr("mdta"), keys, ilst));

            var (boxes, errors) = Read(file);

            Assert.Empty(errors);
            var meta = Assert.IsType<MetaBox>(boxes[1]);
            Assert.False(meta.IsFullBox);
            Assert.Equal("QuickTime form", meta.Summary);
            Assert.Equal(meta.Offset + 8, boxes[2].Offset);
            Assert.Equal("mdta", Assert.IsType<HandlerBox>(boxes[2]).HandlerType);

            var keyBox = Assert.IsType<MetadataKeysBox>(boxes[3]);
            Assert.Equal(new[] { "mdta:com.apple.quicktime.make", "mdta:com.apple.quicktime.model" }, keyBox.Keys);
            Assert.Equal("keys: mdta:com.apple.quicktime.make, mdta:com.apple.quicktime.model", keyBox.Summary);

            var list = Assert.IsType<ItemListBox>(boxes[4]);
            Assert.Equal(new[] { "#1", "#2" }, list.Keys);
            Assert.Equal(new[] { "Apple", "iPhone 12" }, boxes.OfType<MetadataDataBox>().Select(d => d.Text));
            Assert.Equal(2, boxes.OfType<MetadataItemBox>().Count());
            Assert.Equal("0x00000002", boxes.OfType<MetadataItemBox>().Last().Type);
        }

        [Fact]
        public void MetaTooShortForAnHdlrIsAFullBox()
        {
            var meta = Single<MetaBox>(FullBox("meta", 0, 0));

            Assert.True(meta.IsFullBox);
        }

        [Theory]
        [InlineData(21u, "01", "type=21 1 bytes")]          // BE signed integer
        [InlineData(13u, "FF D8 FF E0", "type=13 4 bytes")] // JPEG cover art
        [InlineData(0u, "00 00 00 01 00 0A 00 00", "type=0 8 bytes")] // implicit (trkn)
        public void DataOfOtherTypesIsNotText(uint type, string value, string summary)
        {
            var data = Single<MetadataDataBox>(Data(type, Hex(value)));

            Assert.Equal(type, data.DataType);
            Assert.Null(data.Text);
            Assert.Equal(summary, data.Summary);
        }

        [Fact]
        public void DataTypeIgnoresTheTypeSetByte()
        {
            var data = Single<MetadataDataBox>(Data(0x01000001, Ascii("x")));

            Assert.Equal(1u, data.DataType);
            Assert.Equal("x", data.Text);
        }

        [Fact]
        public void DataTextIsCutAt256Bytes()
        {
            var data = Single<MetadataDataBox>(Data(1, Ascii(new string('a', 300))));

            Assert.Equal(new string('a', 256), data.Text);
        }

        [Fact]
        public void KeysEmpty()
        {
            var keys = Single<MetadataKeysBox>(FullBox("keys", 0, 0, U32(0)));

            Assert.Empty(keys.Keys);
            Assert.Equal("keys: ", keys.Summary);
        }

        [Theory]
        [InlineData(7u)]   // smaller than its own header
        [InlineData(40u)]  // more than the box holds
        public void KeyWithAWrongSizeIsAnError(uint size)
        {
            var (error, box) = ReadFailing(FullBox("keys", 0, 0, U32(1), U32(size), Ascii("mdta"), Ascii("abc")), "keys");

            Assert.Equal(Mp4ErrorKind.TruncatedBox, error.Kind);
            Assert.IsNotType<MetadataKeysBox>(box);
        }

        [Fact]
        public void IlstStopsListingKeysAtABrokenItem()
        {
            // The second item claims 4 bytes; the listing stops there (the walker reports the bad header).
            byte[] ilst = Box("ilst", TypedBox(Latin1("\u00a9day"), Data(1, Ascii("2024"))), U32(4), Latin1("\u00a9ART"));
            var (boxes, errors) = Read(ilst);

            Assert.Equal(new[] { "\u00a9day", "\u00a9ART" }, Assert.IsType<ItemListBox>(boxes[0]).Keys);
            Assert.Equal(Mp4ErrorKind.BoxSizeOutOfRange, Assert.Single(errors).Kind);
        }
    }
}
