using static Mp4Timing.Tests.Support.Mp4Bytes;
using static Mp4Timing.Tests.Support.SpecBytes;

namespace Mp4Timing.Tests.Support
{
    /// <summary>Sample entries built by hand (ISO/IEC 14496-12 12.1.3, 12.2.3), with the child boxes a test gives.</summary>
    internal static class EntryBytes
    {
        /// <summary>A VisualSampleEntry: reserved, data_reference_index 1, width, height, 72 dpi, frame_count 1, depth 0x18, then the children.</summary>
        public static byte[] Visual(string codec, ushort width, ushort height, params byte[][] children) => Box(codec,
            Zeros(6), U16(1), Zeros(16), U16(width), U16(height), U32(0x00480000), U32(0x00480000), U32(0), U16(1),
            Zeros(32), U16(0x0018), I16(-1), Cat(children));

        /// <summary>An AudioSampleEntry (version 0): channelcount, samplesize, samplerate (16.16), then the children.</summary>
        public static byte[] Audio(string codec, ushort channels, ushort sampleSize, uint rate, params byte[][] children) => Box(codec,
            Zeros(6), U16(1), U16(0), Zeros(6), U16(channels), U16(sampleSize), U16(0), U16(0), U32(rate << 16), Cat(children));

        /// <summary>
        /// A trak like <see cref="MovieBytes.TrakWithCodec"/> but with the given stsd (entries with their configuration
        /// boxes) and tkhd width and height (16.16).
        /// </summary>
        public static byte[] TrakWithStsd(uint trackId, uint timescale, string handler, byte[] stsd, byte[]? edts, params byte[][] tables) =>
            TrakWithStsd(trackId, timescale, handler, stsd, edts, dataInFile: false, tables);

        /// <summary>The same, with a dref that says the data is in this file (flag 1) or in media.bin.</summary>
        public static byte[] TrakWithStsd(uint trackId, uint timescale, string handler, byte[] stsd, byte[]? edts, bool dataInFile, params byte[][] tables) =>
            Box("trak",
                FullBox("tkhd", 0, 3, U32(0), U32(0), U32(trackId), U32(0), U32(0), Zeros(8), U16(0), U16(0), U16(0), U16(0), Zeros(36),
                    U32(handler == "vide" ? 1920u << 16 : 0), U32(handler == "vide" ? 1080u << 16 : 0)),
                edts ?? new byte[0],
                Box("mdia", MovieBytes.Mdhd(timescale), MovieBytes.Hdlr(handler),
                    Box("minf", Box("dinf", FullBox("dref", 0, 0, U32(1), dataInFile ? FullBox("url ", 0, 1) : FullBox("url ", 0, 0, Ascii("media.bin"), U8(0)))),
                        Box("stbl", stsd, Cat(tables)))));

        /// <summary>The first sample entry of a one-track movie built around <paramref name="entry"/>, as Mp4Timing reads it (with its children).</summary>
        public static Mp4Timing.Boxes.SampleEntry ReadEntry(byte[] entry, string handler = "vide")
        {
            byte[] movie = MovieBytes.Movie(1000, TrakWithStsd(1, 1000, handler, Stsd(entry), null, MovieBytes.Stts(), MovieBytes.Stsz(), MovieBytes.Stsc(), MovieBytes.Stco()));
            using Mp4Movie opened = MovieBytes.Open(movie);
            return System.Linq.Enumerable.Single(opened.TablesOf(opened.Tracks[0]).SampleEntries);
        }

        /// <summary>stsd with the given entries.</summary>
        public static byte[] Stsd(params byte[][] entries) => FullBox("stsd", 0, 0, U32((uint)entries.Length), Cat(entries));

        /// <summary>sinf of a protected entry: frma (original format), schm (scheme), schi/tenc.</summary>
        public static byte[] Sinf(string originalFormat, string scheme) => Box("sinf",
            Box("frma", Ascii(originalFormat)),
            FullBox("schm", 0, 0, Ascii(scheme), U32(0x00010000)),
            Box("schi", FullBox("tenc", 1, 0, Zeros(2), U8(1), U8(8), Zeros(16))));

        /// <summary>An esds with an ES_Descriptor, a DecoderConfigDescriptor (objectTypeIndication, streamType) and, when given, a DecoderSpecificInfo.</summary>
        public static byte[] Esds(byte objectType, byte streamType, byte[]? decoderSpecificInfo)
        {
            byte[] dsi = decoderSpecificInfo is null ? new byte[0] : Cat(U8(0x05), U8(decoderSpecificInfo.Length), decoderSpecificInfo);
            byte[] config = Cat(U8(objectType), U8((streamType << 2) | 1), U24(0), U32(0), U32(0), dsi);
            byte[] es = Cat(U16(1), U8(0), U8(0x04), U8(config.Length), config, U8(0x06), U8(1), U8(2));
            return FullBox("esds", 0, 0, U8(0x03), U8(es.Length), es);
        }
    }
}
