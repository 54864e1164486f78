using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace Mp4Timing.Fuzz
{
    /// <summary>
    /// Small hand-built seeds (a few hundred bytes each) that reach the timing paths with every table
    /// present: a progressive video track with ctts, stss, sdtp and an edit; AAC with a priming edit and an
    /// empty edit; a fragmented file with trex defaults, tfdt, a full trun and a second moof without tfdt.
    /// </summary>
    internal static class HandmadeSeeds
    {
        public static int Write(string outputDirectory)
        {
            Directory.CreateDirectory(outputDirectory);
            var seeds = new Dictionary<string, byte[]>
            {
                ["handmade-progressive.mp4"] = Progressive(),
                ["handmade-audio-priming.m4a"] = AudioPriming(),
                ["handmade-fragmented.mp4"] = Fragmented(),
            };
            foreach (var (name, bytes) in seeds)
            {
                File.WriteAllBytes(Path.Combine(outputDirectory, name), bytes);
                Console.WriteLine($"{name}: {bytes.Length} bytes");
            }
            return 0;
        }

        private static byte[] Progressive()
        {
            const int samples = 8;
            byte[] ctts = Cat(U32(samples), Cat(new[] { 2, 5, 2, 0, 1, 5, 2, 0 }.Select(o => Cat(U32(1), U32((uint)o))).ToArray()));
            byte[] stbl = Box("stbl",
                FullBox("stsd", 0, 0, U32(1), Avc1()),
                FullBox("stts", 0, 0, U32(1), U32(samples), U32(1)),
                FullBox("ctts", 0, 0, ctts),
                FullBox("stss", 0, 0, U32(2), U32(1), U32(5)),
                FullBox("sdtp", 0, 0, new byte[] { 0x20, 0x10, 0x18, 0x18, 0x20, 0x10, 0x18, 0x18 }),
                FullBox("stsc", 0, 0, U32(1), U32(1), U32(4), U32(1)),
                FullBox("stsz", 0, 0, U32(0), U32(samples), Cat(Enumerable.Repeat(U32(4), samples).ToArray())),
                FullBox("stco", 0, 0, U32(2), U32(0), U32(16)));
            byte[] trak = Box("trak",
                Tkhd(1),
                Box("edts", FullBox("elst", 0, 0, U32(1), U32(266), U32(2), U32(0x00010000))),
                Box("mdia",
                    FullBox("mdhd", 0, 0, U32(0), U32(0), U32(30), U32(samples), U16(0x55C4), U16(0)),
                    Hdlr("vide"),
                    Box("minf", FullBox("vmhd", 0, 1, new byte[8]), stbl)));
            byte[] mdat = Box("mdat", new byte[4 * samples]);
            return WithChunkOffsets(Cat(Ftyp("isom"), Box("moov", Mvhd(1000), trak)), mdat);
        }

        private static byte[] AudioPriming()
        {
            const int samples = 5;
            byte[] stbl = Box("stbl",
                FullBox("stsd", 0, 0, U32(1), Mp4a()),
                FullBox("stts", 0, 0, U32(1), U32(samples), U32(1024)),
                FullBox("stsc", 0, 0, U32(1), U32(1), U32(samples), U32(1)),
                FullBox("stsz", 0, 0, U32(6), U32(samples)),
                FullBox("stco", 0, 0, U32(1), U32(0)));
            byte[] trak = Box("trak",
                Tkhd(1),
                Box("edts", FullBox("elst", 1, 0, U32(2),
                    U64(20), U64(ulong.MaxValue), U32(0x00010000),
                    U64(60), U64(1024), U32(0x00010000))),
                Box("mdia",
                    FullBox("mdhd", 0, 0, U32(0), U32(0), U32(48000), U32(samples * 1024), U16(0x55C4), U16(0)),
                    Hdlr("soun"),
                    Box("minf", FullBox("smhd", 0, 0, new byte[4]), stbl)));
            byte[] mdat = Box("mdat", new byte[6 * samples]);
            return WithChunkOffsets(Cat(Ftyp("M4A "), Box("moov", Mvhd(1000), trak)), mdat);
        }

        private static byte[] Fragmented()
        {
            byte[] stbl = Box("stbl",
                FullBox("stsd", 0, 0, U32(1), Avc1()),
                FullBox("stts", 0, 0, U32(0)),
                FullBox("stsc", 0, 0, U32(0)),
                FullBox("stsz", 0, 0, U32(0), U32(0)),
                FullBox("stco", 0, 0, U32(0)));
            byte[] moov = Box("moov",
                Mvhd(1000),
                Box("trak", Tkhd(1),
                    Box("mdia",
                        FullBox("mdhd", 0, 0, U32(0), U32(0), U32(15360), U32(0), U16(0x55C4), U16(0)),
                        Hdlr("vide"),
                        Box("minf", FullBox("vmhd", 0, 1, new byte[8]), stbl))),
                Box("mvex",
                    FullBox("mehd", 0, 0, U32(4096)),
                    FullBox("trex", 0, 0, U32(1), U32(1), U32(512), U32(4), U32(0x00010000))));
            // trun v1: data offset, first-sample flags, per-sample duration, size, flags, signed composition offset.
            byte[] Moof(uint sequence, bool withTfdt, int[] offsets)
            {
                var entries = offsets.Select(o => Cat(U32(512), U32(4), U32(o == 0 ? 0u : 0x00010000u), U32(unchecked((uint)o)))).ToArray();
                byte[] trun = FullBox("trun", 1, 0x000F05, U32((uint)offsets.Length), U32(0), U32(0x02000000), Cat(entries));
                byte[] traf = withTfdt
                    ? Box("traf", FullBox("tfhd", 0, 0x020008, U32(1), U32(512)), FullBox("tfdt", 1, 0, U64(0)), trun)
                    : Box("traf", FullBox("tfhd", 0, 0x020008, U32(1), U32(512)), trun);
                return Box("moof", FullBox("mfhd", 0, 0, U32(sequence)), traf);
            }
            byte[] first = Moof(1, true, new[] { 1024, 2560, 512, -512 });
            byte[] second = Moof(2, false, new[] { 1024, 1536, 512 });
            return Cat(Ftyp("iso5"), moov, first, Box("mdat", new byte[16]), second, Box("mdat", new byte[12]));
        }

        /// <summary>Puts mdat after the header and points every stco entry (0 = first chunk, n = n bytes in) into it.</summary>
        private static byte[] WithChunkOffsets(byte[] head, byte[] mdat)
        {
            byte[] file = Cat(head, mdat);
            uint dataStart = (uint)head.Length + 8;
            int at = IndexOf(file, Encoding.ASCII.GetBytes("stco"));
            uint count = ReadU32(file, at + 8);
            for (int i = 0; i < count; i++)
            {
                int field = at + 12 + 4 * i;
                WriteU32(file, field, dataStart + ReadU32(file, field));
            }
            return file;
        }

        private static byte[] Avc1()
        {
            byte[] sps = { 0x67, 0x64, 0x00, 0x0A, 0xAC, 0xD9, 0x42, 0x0B };
            byte[] pps = { 0x68, 0xEF, 0x84, 0x72 };
            byte[] avcC = Box("avcC", new byte[] { 1, 0x64, 0x00, 0x0A, 0xFF, 0xE1 }, U16(sps.Length), sps, new byte[] { 1 }, U16(pps.Length), pps);
            return Box("avc1", new byte[6], U16(1), new byte[16], U16(64), U16(48), U32(0x00480000), U32(0x00480000),
                U32(0), U16(1), new byte[32], U16(0x18), U16(0xFFFF), avcC);
        }

        private static byte[] Mp4a() =>
            Box("mp4a", new byte[6], U16(1), new byte[8], U16(2), U16(16), U16(0), U16(0), U32(48000u << 16));

        private static byte[] Ftyp(string major) => Box("ftyp", Ascii(major), U32(512), Ascii("isom"), Ascii("iso2"), Ascii("mp41"));

        private static byte[] Mvhd(uint timescale) =>
            FullBox("mvhd", 0, 0, U32(0), U32(0), U32(timescale), U32(0), U32(0x00010000), U16(0x0100), new byte[10],
                U32(0x00010000), new byte[12], U32(0x00010000), new byte[12], U32(0x40000000), new byte[24], U32(2));

        private static byte[] Tkhd(uint trackId) =>
            FullBox("tkhd", 0, 3, U32(0), U32(0), U32(trackId), U32(0), U32(0), new byte[8], U16(0), U16(0), U16(0), U16(0),
                U32(0x00010000), new byte[12], U32(0x00010000), new byte[12], U32(0x40000000), U32(64u << 16), U32(48u << 16));

        private static byte[] Hdlr(string handler) => FullBox("hdlr", 0, 0, U32(0), Ascii(handler), new byte[12], Ascii("Handler\0"));

        private static byte[] Box(string type, params byte[][] payload)
        {
            byte[] body = Cat(payload);
            return Cat(U32((uint)(8 + body.Length)), Ascii(type), body);
        }

        private static byte[] FullBox(string type, int version, uint flags, params byte[][] payload) =>
            Box(type, new[] { (byte)version, (byte)(flags >> 16), (byte)(flags >> 8), (byte)flags }, Cat(payload));

        private static byte[] Cat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

        private static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);

        private static byte[] U16(int value) => new[] { (byte)(value >> 8), (byte)value };

        private static byte[] U32(uint value) => new[] { (byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value };

        private static byte[] U64(ulong value) => Cat(U32((uint)(value >> 32)), U32((uint)value));

        private static uint ReadU32(byte[] b, int at) => (uint)(b[at] << 24 | b[at + 1] << 16 | b[at + 2] << 8 | b[at + 3]);

        private static void WriteU32(byte[] b, int at, uint value) => U32(value).CopyTo(b, at);

        private static int IndexOf(byte[] haystack, byte[] needle)
        {
            for (int i = 0; i + needle.Length <= haystack.Length; i++)
            {
                if (haystack.AsSpan(i, needle.Length).SequenceEqual(needle)) return i;
            }
            throw new InvalidOperationException("not found");
        }
    }
}
