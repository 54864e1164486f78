using Mp4Timing.Boxes;
using static Mp4Timing.Tests.Support.Mp4Bytes;
using static Mp4Timing.Tests.Support.SpecBytes;

namespace Mp4Timing.Tests.Boxes
{
    /// <summary>
    /// hdlr (ISO/IEC 14496-12 8.4.3): pre_defined(32), handler_type, reserved(32)[3], name. ISO's name is a
    /// NUL-terminated UTF-8 string; QuickTime's handler reference atom puts component type (mhlr/dhlr) in
    /// pre_defined, manufacturer/flags/flags mask in the reserved words and a Pascal string as the name.
    /// </summary>
    public class HandlerBoxTests
    {
        public static TheoryData<string, byte[], string, string, string, string> Cases => new()
        {
            // label, payload after version/flags, component type, handler type, name, summary
            { "ISO video", Cat(U32(0), Ascii("vide"), Zeros(12), CString("VideoHandler")), "", "vide", "VideoHandler", "handler_type=vide name=\"VideoHandler\"" },
            { "ISO empty name", Cat(U32(0), Ascii("soun"), Zeros(12), CString("")), "", "soun", "", "handler_type=soun" },
            { "ISO name ended by the box", Cat(U32(0), Ascii("soun"), Zeros(12), Ascii("SoundHandler")), "", "soun", "SoundHandler", "handler_type=soun name=\"SoundHandler\"" },
            { "ISO UTF-8 name", Cat(U32(0), Ascii("text"), Zeros(12), CString("Sous-titres fran\u00e7ais")), "", "text", "Sous-titres fran\u00e7ais", "handler_type=text name=\"Sous-titres fran\u00e7ais\"" },
            { "ISO no name at all", Cat(U32(0), Ascii("meta"), Zeros(12)), "", "meta", "", "handler_type=meta" },
            { "QuickTime media handler", Cat(Ascii("mhlr"), Ascii("vide"), Ascii("appl"), U32(0), U32(0), Pascal("Apple Video Media Handler")), "mhlr", "vide", "Apple Video Media Handler", "handler_type=vide name=\"Apple Video Media Handler\"" },
            { "QuickTime data handler", Cat(Ascii("dhlr"), Ascii("alis"), Ascii("appl"), U32(0x40000000), U32(0x0001001F), Pascal("Apple Alias Data Handler")), "dhlr", "alis", "Apple Alias Data Handler", "handler_type=alis name=\"Apple Alias Data Handler\"" },
            { "QuickTime empty Pascal name", Cat(Ascii("mhlr"), Ascii("tmcd"), Zeros(12), new byte[] { 0 }), "mhlr", "tmcd", "", "handler_type=tmcd" },
            { "QuickTime Pascal name with padding", Cat(Ascii("mhlr"), Ascii("soun"), Zeros(12), Pascal("SoundHandler"), Zeros(3)), "mhlr", "soun", "SoundHandler", "handler_type=soun name=\"SoundHandler\"" },
        };

        [Theory]
        [MemberData(nameof(Cases))]
        public void Decodes(string label, byte[] payload, string componentType, string handlerType, string name, string summary)
        {
            var hdlr = Single<HandlerBox>(FullBox("hdlr", 0, 0, payload));

            Assert.True(hdlr.Type == "hdlr", label);
            Assert.Equal(componentType, hdlr.ComponentType);
            Assert.Equal(handlerType, hdlr.HandlerType);
            Assert.Equal(name, hdlr.Name);
            Assert.Equal(summary, hdlr.Summary);
        }

        [Fact]
        public void ShorterThanHandlerTypeIsAnError()
        {
            var (error, box) = ReadFailing(FullBox("hdlr", 0, 0, U32(0), Ascii("vi")), "hdlr");

            Assert.Equal(Mp4ErrorKind.TruncatedBox, error.Kind);
            Assert.IsNotType<HandlerBox>(box);
        }
    }
}
