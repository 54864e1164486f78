using System.IO;
using System.Linq;
using static Mp4Timing.Tests.Support.Mp4Bytes;

namespace Mp4Timing.Tests.Support
{
    /// <summary>Whole movies built by hand: moov/trak/stbl with the tables a test names, and fragments.</summary>
    internal static class MovieBytes
    {
        public static byte[] Mvhd(uint timescale, uint duration = 0, int version = 0) => version == 0
            ? FullBox("mvhd", 0, 0, U32(0), U32(0), U32(timescale), U32(duration), U32(0x00010000), U16(0x0100), Zeros(10), Zeros(36), Zeros(24), U32(2))
            : FullBox("mvhd", 1, 0, U64(0), U64(0), U32(timescale), U64(duration), U32(0x00010000), U16(0x0100), Zeros(10), Zeros(36), Zeros(24), U32(2));

        public static byte[] Tkhd(uint trackId) =>
            FullBox("tkhd", 0, 3, U32(0), U32(0), U32(trackId), U32(0), U32(0), Zeros(8), U16(0), U16(0), U16(0), U16(0), Zeros(36), U32(0), U32(0));

        public static byte[] Mdhd(uint timescale, ulong duration = 0, int version = 0) => version == 0
            ? FullBox("mdhd", 0, 0, U32(0), U32(0), U32(timescale), U32((uint)duration), U16(0x55C4), U16(0))
            : FullBox("mdhd", 1, 0, U64(0), U64(0), U32(timescale), U64(duration), U16(0x55C4), U16(0));

        public static byte[] Hdlr(string handler) => FullBox("hdlr", 0, 0, U32(0), Ascii(handler), Zeros(12), Ascii("Handler"), U8(0));

        public static byte[] Elst(int version, params (long Duration, long MediaTime, short Rate)[] edits) =>
            Box("edts", FullBox("elst", version, 0, U32((uint)edits.Length), Cat(edits.Select(e => version == 1
                ? Cat(U64((ulong)e.Duration), I64(e.MediaTime), U16(e.Rate), U16(0))
                : Cat(U32((uint)e.Duration), I32((int)e.MediaTime), U16(e.Rate), U16(0))).ToArray())));

        public static byte[] Stsd(string codec = "avc1") =>
            FullBox("stsd", 0, 0, U32(1), Box(codec, Zeros(6), U16(1), Zeros(70)));

        public static byte[] Stts(params (uint Count, uint Delta)[] runs) =>
            FullBox("stts", 0, 0, U32((uint)runs.Length), Cat(runs.Select(r => Cat(U32(r.Count), U32(r.Delta))).ToArray()));

        public static byte[] Ctts(int version, params (uint Count, int Offset)[] runs) =>
            FullBox("ctts", version, 0, U32((uint)runs.Length), Cat(runs.Select(r => Cat(U32(r.Count), I32(r.Offset))).ToArray()));

        public static byte[] Stss(params uint[] samples) =>
            FullBox("stss", 0, 0, U32((uint)samples.Length), Cat(samples.Select(U32).ToArray()));

        public static byte[] Stsc(params (uint FirstChunk, uint SamplesPerChunk, uint Description)[] entries) =>
            FullBox("stsc", 0, 0, U32((uint)entries.Length), Cat(entries.Select(e => Cat(U32(e.FirstChunk), U32(e.SamplesPerChunk), U32(e.Description))).ToArray()));

        public static byte[] Stsz(params uint[] sizes) =>
            FullBox("stsz", 0, 0, U32(0), U32((uint)sizes.Length), Cat(sizes.Select(U32).ToArray()));

        public static byte[] StszConstant(uint size, uint count) => FullBox("stsz", 0, 0, U32(size), U32(count));

        public static byte[] Stz2(int fieldSize, params uint[] sizes)
        {
            byte[] packed = fieldSize switch
            {
                16 => Cat(sizes.Select(s => U16((int)s)).ToArray()),
                8 => sizes.Select(s => (byte)s).ToArray(),
                _ => Enumerable.Range(0, (sizes.Length + 1) / 2)
                    .Select(i => (byte)((sizes[2 * i] << 4) | (2 * i + 1 < sizes.Length ? sizes[2 * i + 1] : 0))).ToArray(),
            };
            return FullBox("stz2", 0, 0, Zeros(3), U8(fieldSize), U32((uint)sizes.Length), packed);
        }

        public static byte[] Stco(params uint[] offsets) =>
            FullBox("stco", 0, 0, U32((uint)offsets.Length), Cat(offsets.Select(U32).ToArray()));

        public static byte[] Co64(params ulong[] offsets) =>
            FullBox("co64", 0, 0, U32((uint)offsets.Length), Cat(offsets.Select(U64).ToArray()));

        /// <summary>A trak: tkhd, an optional edts, and mdia with the given stbl children after stsd.</summary>
        public static byte[] Trak(uint trackId, uint timescale, string handler, byte[]? edts, params byte[][] tables) =>
            TrakWithCodec(trackId, timescale, handler, handler == "soun" ? "mp4a" : "avc1", edts, tables);

        /// <summary>
        /// A trak whose single sample entry has the given codec fourcc. Its dref points at external data
        /// (these tracks describe tables, not bytes), so sample offsets may lie past the end of the built file.
        /// </summary>
        public static byte[] TrakWithCodec(uint trackId, uint timescale, string handler, string codec, byte[]? edts, params byte[][] tables) =>
            TrakWithData(trackId, timescale, handler, codec, edts, dataInFile: false, tables);

        /// <summary>A trak whose dref says the data is in this file (flag 1) or elsewhere.</summary>
        public static byte[] TrakWithData(uint trackId, uint timescale, string handler, string codec, byte[]? edts, bool dataInFile, params byte[][] tables) =>
            Box("trak", Tkhd(trackId), edts ?? new byte[0],
                Box("mdia", Mdhd(timescale), Hdlr(handler),
                    Box("minf", Box("dinf", FullBox("dref", 0, 0, U32(1), dataInFile ? FullBox("url ", 0, 1) : FullBox("url ", 0, 0, Ascii("media.bin"), U8(0)))),
                        Box("stbl", Stsd(codec), Cat(tables)))));

        public static byte[] Movie(uint movieTimescale, params byte[][] traks) =>
            Cat(Ftyp(), Box("moov", Mvhd(movieTimescale), Cat(traks)), Box("mdat", Zeros(16)));

        public static Mp4Movie Open(byte[] bytes, System.Collections.Generic.List<Mp4FormatException>? warnings = null) =>
            Mp4Movie.Open(new MemoryStream(bytes, writable: false), "built.mp4", warnings is null ? null : warnings.Add);

        /// <summary>All ISO sample timings of the only (or given) track.</summary>
        public static SampleTiming[] Timings(byte[] bytes, uint trackId = 1, System.Collections.Generic.List<Mp4FormatException>? warnings = null)
        {
            using Mp4Movie movie = Open(bytes, warnings);
            return movie.ReadSampleTimings(movie.Tracks.Single(t => t.TrackId == trackId)).ToArray();
        }

        // Fragments.
        public static byte[] Mvex(params (uint TrackId, uint Duration, uint Size, uint Flags)[] trex) =>
            Box("mvex", Cat(trex.Select(t => FullBox("trex", 0, 0, U32(t.TrackId), U32(1), U32(t.Duration), U32(t.Size), U32(t.Flags))).ToArray()));

        public static byte[] Tfhd(uint trackId, uint flags, ulong? baseDataOffset = null, uint? duration = null, uint? size = null, uint? sampleFlags = null) =>
            FullBox("tfhd", 0, flags, U32(trackId),
                baseDataOffset.HasValue ? U64(baseDataOffset.Value) : new byte[0],
                duration.HasValue ? U32(duration.Value) : new byte[0],
                size.HasValue ? U32(size.Value) : new byte[0],
                sampleFlags.HasValue ? U32(sampleFlags.Value) : new byte[0]);

        public static byte[] Tfdt(ulong time, int version = 1) =>
            version == 1 ? FullBox("tfdt", 1, 0, U64(time)) : FullBox("tfdt", 0, 0, U32((uint)time));

        /// <summary>A trun; each sample record holds the fields the flags select (duration, size, flags, composition offset).</summary>
        public static byte[] Trun(int version, uint flags, int? dataOffset, uint? firstSampleFlags, params uint[][] samples) =>
            FullBox("trun", version, flags, U32((uint)samples.Length),
                dataOffset.HasValue ? I32(dataOffset.Value) : new byte[0],
                firstSampleFlags.HasValue ? U32(firstSampleFlags.Value) : new byte[0],
                Cat(samples.Select(s => Cat(s.Select(U32).ToArray())).ToArray()));

        public static byte[] Moof(uint sequence, params byte[][] trafs) =>
            Box("moof", FullBox("mfhd", 0, 0, U32(sequence)), Cat(trafs));
    }
}
