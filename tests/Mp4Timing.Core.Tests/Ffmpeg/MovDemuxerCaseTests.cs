using System.Collections.Generic;
using System.Linq;
using Mp4Timing.Tests.Support;
using static Mp4Timing.Tests.Support.Mp4Bytes;
using static Mp4Timing.Tests.Support.MovieBytes;

namespace Mp4Timing.Tests.Ffmpeg
{
    /// <summary>
    /// What ffmpeg's mov demuxer does with boxes the corpus does not exercise, on hand-built files whose sample data
    /// is in the file, so that ffmpeg reads them too. Each case states the packets ffprobe 5.1, the 6.1-dev ffprobe
    /// and FFmpeg 9.0's libavformat (libav.js) printed for these bytes ("pts/dts/flags" per packet, by track); the
    /// model must give them, and where those builds are installed, the same bytes are run through them again.
    /// </summary>
    public class MovDemuxerCaseTests
    {
        /// <summary>Where the samples' bytes start: after ftyp (24 bytes) and the mdat header.</summary>
        private const uint Data = 32;

        private static readonly string[] Versions = { "5.1", "6.1", "9.0" };

        public static IEnumerable<object[]> Cases() => AllCases().Select(c => new object[] { c.Name });

        public static IEnumerable<object[]> CasesByVersion() =>
            AllCases().SelectMany(c => Versions.Select(v => new object[] { c.Name, v }));

        [Theory]
        [MemberData(nameof(CasesByVersion))]
        public void TheModelGivesWhatFfmpegPrinted(string name, string version)
        {
            Case c = AllCases().Single(x => x.Name == name);
            foreach (var (track, expected) in c.Expected(version))
            {
                Assert.Equal(expected, FfmpegRuns.Model(c.Bytes, track, version));
            }
        }

        [FfmpegTheory("5.1")]
        [MemberData(nameof(Cases))]
        public void Ffprobe51PrintsItNow(string name) => CheckLive(name, "5.1");

        [FfmpegTheory("6.1")]
        [MemberData(nameof(Cases))]
        public void Ffprobe61PrintsItNow(string name) => CheckLive(name, "6.1");

        [FfmpegTheory("9.0")]
        [MemberData(nameof(Cases))]
        public void Libavformat90PrintsItNow(string name) => CheckLive(name, "9.0");

        private static void CheckLive(string name, string version)
        {
            Case c = AllCases().Single(x => x.Name == name);
            Dictionary<uint, List<string>> live = FfmpegRuns.Packets(version, c.Bytes);
            foreach (var (track, expected) in c.Expected(version))
            {
                Assert.Equal(expected, live.TryGetValue(track, out List<string>? lines) ? lines : new List<string>());
                Assert.Equal(expected, FfmpegRuns.Model(c.Bytes, track, version));
            }
        }

        private sealed class Case
        {
            public Case(string name, byte[] bytes, Dictionary<uint, string> all, Dictionary<uint, string>? from90 = null)
            {
                Name = name;
                Bytes = bytes;
                All = all;
                From90 = from90;
            }

            public string Name { get; }

            public byte[] Bytes { get; }

            private Dictionary<uint, string> All { get; }

            private Dictionary<uint, string>? From90 { get; }

            public IEnumerable<(uint Track, List<string> Packets)> Expected(string version)
            {
                Dictionary<uint, string> packets = version == "9.0" && From90 is not null ? From90 : All;
                return packets.Select(p => (p.Key, p.Value.Length == 0 ? new List<string>() : p.Value.Split(' ').ToList()));
            }
        }

        private static IEnumerable<Case> AllCases()
        {
            // QuickTime chapters: track 2 (text) is named by track 1's tref chap. ffmpeg reads the titles into the file's
            // chapters and lists stream 1 as data, with no packet.
            yield return new Case("chapter titles", File(120,
                    Video(1, 30, Tables(10, 1, Data), tref: Box("tref", Box("chap", U32(2)))),
                    Track(2, 1000, "text", TextEntry(), Tables(2, 5000, Data + 100))),
                new Dictionary<uint, string> { [1] = Frames(0, 10, 1), [2] = "" });

            // A timecode track: one packet, K (a data stream).
            yield return new Case("timecode track", File(120,
                    Video(1, 30, Tables(10, 1, Data), tref: Box("tref", Box("tmcd", U32(2)))),
                    Track(2, 30000, "tmcd", Box("tmcd", Zeros(6), U16(1), U32(0), U32(0), U32(30000), U32(1001), U8(30), U8(0)), Tables(1, 10010, Data + 100, size: 4))),
                new Dictionary<uint, string> { [1] = Frames(0, 10, 1), [2] = "0/0/K_" });

            // Edit rates 0 (a dwell) and 2: mov_fix_index ignores media_rate, as if both were 1.
            yield return new Case("edit rates ignored", File(100,
                    Video(1, 30, Tables(10, 1, Data), edts: Elst(0, (100, 2, 0), (200, 4, 2)))),
                new Dictionary<uint, string> { [1] = Frames(0, 9, 1) });

            // elst claims 3 entries and holds 1: mov_read_elst reads as many as the size holds (Mp4Timing reports the box as damaged).
            byte[] lying = Box("edts", FullBox("elst", 0, 0, U32(3), U32(300), I32(2), U16(1), U16(0)));
            yield return new Case("edit list count larger than its box", File(100, Video(1, 30, Tables(10, 1, Data), edts: lying)),
                new Dictionary<uint, string> { [1] = Frames(0, 8, 1) });

            // Track 2's dref is a QuickTime alias to another file: without -enable_drefs 1 its stream gets no packet.
            yield return new Case("alias to another file", File(100,
                    Video(1, 30, Tables(10, 1, Data)),
                    Video(2, 30, Tables(10, 1, Data), dref: Alias("Macintosh HD", "clip.mov", "Macintosh HD:Users:me:clip.mov"))),
                new Dictionary<uint, string> { [1] = Frames(0, 10, 1), [2] = "" });

            // A sample of more than 1 GiB ends mov_build_index: the two samples before it are all there is.
            yield return new Case("sample over 1 GiB", File(100,
                    Video(1, 30, Cat(Stts((5, 1)), Stsc((1, 5, 1)), Stsz(10, 10, 0x40000000, 10, 10), Stco(Data)))),
                new Dictionary<uint, string> { [1] = "0/0/K_ 1/1/K_" });

            // Two 'rap ' sample groups: the last one counts (samples 5 to 10), with stss (sample 1).
            yield return new Case("last rap sample group", File(100,
                    Video(1, 30, Cat(Tables(10, 1, Data), Stss(1), Rap((10, 1)), Rap((4, 0), (6, 1))))),
                new Dictionary<uint, string> { [1] = "0/0/K_ 1/1/__ 2/2/__ 3/3/__ " + Frames(4, 10, 1) });

            // An empty stss makes only the first sample key, unless a 'rap ' group is there to say which are.
            yield return new Case("rap sample group with empty stss", File(100,
                    Video(1, 30, Cat(Tables(10, 1, Data), Stss(), Rap((4, 0), (6, 1))))),
                new Dictionary<uint, string> { [1] = "0/0/__ 1/1/__ 2/2/__ 3/3/__ " + Frames(4, 10, 1) });

            // stps (QuickTime partial sync samples) adds key frames to stss.
            yield return new Case("partial sync samples", File(100,
                    Video(1, 30, Cat(Tables(10, 1, Data), Stss(1), FullBox("stps", 0, 0, U32(2), U32(4), U32(7))))),
                new Dictionary<uint, string> { [1] = "0/0/K_ 1/1/__ 2/2/__ 3/3/K_ 4/4/__ 5/5/__ 6/6/K_ 7/7/__ 8/8/__ 9/9/__" });

            // sdtp (disposable samples) changes no flag ffprobe prints.
            yield return new Case("sample dependencies", File(100,
                    Video(1, 30, Cat(Tables(10, 1, Data), Stss(1, 6), FullBox("sdtp", 0, 0, Enumerable.Repeat(new byte[] { 0x20, 0x18 }, 5).SelectMany(b => b).ToArray())))),
                new Dictionary<uint, string> { [1] = "0/0/K_ 1/1/__ 2/2/__ 3/3/__ 4/4/__ 5/5/K_ 6/6/__ 7/7/__ 8/8/__ 9/9/__" });

            // Two sample descriptions, stsc switching to the second at chunk 2: the timing is the track's as usual.
            yield return new Case("two sample descriptions", File(100,
                    Track(1, 30, "vide", Cat(VisualEntry("mp4v"), VisualEntry("mp4v")), Cat(Stts((10, 1)), Ctts(0, (10, 1)), Stsc((1, 5, 1), (2, 5, 2)), StszConstant(10, 10), Stco(Data, Data + 50)),
                        edts: Elst(0, (300, 1, 1)), entries: 2)),
                new Dictionary<uint, string> { [1] = "0/-1/K_ 1/0/K_ 2/1/K_ 3/2/K_ 4/3/K_ 5/4/K_ 6/5/K_ 7/6/K_ 8/7/K_ 9/8/KD" });

            // PNG is not intra-only: K where stss says.
            yield return new Case("png track", File(40, Track(1, 30, "vide", VisualEntry("png "), Cat(Tables(4, 1, Data, size: 9), Stss(1)))),
                new Dictionary<uint, string> { [1] = "0/0/K_ 1/1/__ 2/2/__ 3/3/__" });

            // AAC with stss naming sample 1: intra-only in 5.1 and 6.1 (all K), not in 9.0.
            yield return new Case("aac with stss", File(40, Track(1, 44100, "soun", AudioEntry("mp4a", 44100, 1), Cat(Tables(4, 1024, Data, size: 9), Stss(1)))),
                new Dictionary<uint, string> { [1] = "0/0/K_ 1024/1024/K_ 2048/2048/K_ 3072/3072/K_" },
                new Dictionary<uint, string> { [1] = "0/0/K_ 1024/1024/__ 2048/2048/__ 3072/3072/__" });

            // AC-4 in fragments, samples after the first flagged non-sync: 5.1 and 6.1 flag every fragment audio sample K, 9.0 follows the flags.
            yield return new Case("ac-4 fragments", Fragmented(AudioEntry("ac-4", 48000, 2), 6),
                new Dictionary<uint, string> { [1] = "0/0/K_ 2048/2048/K_ 4096/4096/K_ 6144/6144/K_ 8192/8192/K_ 10240/10240/K_" },
                new Dictionary<uint, string> { [1] = "0/0/K_ 2048/2048/__ 4096/4096/__ 6144/6144/__ 8192/8192/__ 10240/10240/__" });
        }

        // ---- builders: files whose samples are in the file -----------------------------------------------------

        /// <summary>ftyp, an mdat of <paramref name="dataBytes"/> zero bytes (so samples start at <see cref="Data"/>), then moov.</summary>
        private static byte[] File(int dataBytes, params byte[][] traks) =>
            Cat(Ftyp(), Box("mdat", Zeros(dataBytes)), Box("moov", Mvhd(1000), Cat(traks)));

        private static string Frames(long from, long to, long step) =>
            string.Join(" ", Enumerable.Range(0, (int)((to - from) / step)).Select(i => from + i * step).Select(t => $"{t}/{t}/K_"));

        private static byte[] Tables(uint count, uint delta, uint offset, uint size = 10) =>
            Cat(Stts((count, delta)), Stsc((1, count, 1)), StszConstant(size, count), Stco(offset));

        private static byte[] Video(uint id, uint timescale, byte[] tables, byte[]? edts = null, byte[]? tref = null, byte[]? dref = null) =>
            Track(id, timescale, "vide", VisualEntry("mp4v"), tables, edts, tref, dref);

        private static byte[] Track(uint id, uint timescale, string handler, byte[] entry, byte[] tables, byte[]? edts = null, byte[]? tref = null,
            byte[]? dref = null, int entries = 1) =>
            Box("trak", Tkhd(id), edts ?? new byte[0], tref ?? new byte[0],
                Box("mdia", Mdhd(timescale), Hdlr(handler),
                    Box("minf", Box("dinf", dref ?? FullBox("dref", 0, 0, U32(1), FullBox("url ", 0, 1))),
                        Box("stbl", FullBox("stsd", 0, 0, U32((uint)entries), entry), tables))));

        private static byte[] VisualEntry(string codec) =>
            Box(codec, Zeros(6), U16(1), Zeros(16), U16(64), U16(36), U32(0x480000), U32(0x480000), U32(0), U16(1), Zeros(32), U16(24), U16(0xFFFF));

        private static byte[] AudioEntry(string codec, uint rate, int channels) =>
            Box(codec, Zeros(6), U16(1), Zeros(8), U16(channels), U16(16), U16(0), U16(0), U32(rate << 16));

        private static byte[] TextEntry() =>
            Box("text", Zeros(6), U16(1), U32(0), U32(0), Zeros(4), Zeros(8), Zeros(6), U16(0), Zeros(6), U8(0));

        private static byte[] Rap(params (uint Count, uint Index)[] runs) =>
            FullBox("sbgp", 0, 0, Ascii("rap "), U32((uint)runs.Length), Cat(runs.Select(r => Cat(U32(r.Count), U32(r.Index))).ToArray()));

        /// <summary>A QuickTime alias record (dref alis) whose absolute path names another file.</summary>
        private static byte[] Alias(string volume, string file, string path)
        {
            byte[] Padded(string text, int length) => Cat(Ascii(text), Zeros(length - text.Length));
            byte[] record = Cat(Zeros(10), U8(volume.Length), Padded(volume, 27), Zeros(12), U8(file.Length), Padded(file, 63), Zeros(16),
                U16(1), U16(1), Zeros(16), U16(2), U16(path.Length), Ascii(path), U16(0xFFFF), U16(0));
            return FullBox("dref", 0, 0, U32(1), FullBox("alis", 0, 0, record));
        }

        /// <summary>A fragmented file of one audio track: one moof with a trun of <paramref name="count"/> samples, the first sync, the rest non-sync.</summary>
        private static byte[] Fragmented(byte[] entry, int count)
        {
            byte[] moov = Box("moov", Mvhd(1000),
                Track(1, 48000, "soun", entry, Cat(Stts(), Stsc(), Stsz(), Stco())),
                Mvex((1, 2048, 16, 0)));
            uint[][] flags = Enumerable.Range(0, count).Select(i => new[] { i == 0 ? 0x02000000u : 0x01010000u }).ToArray();
            byte[] Moof(int dataOffset) => MovieBytes.Moof(1, Box("traf", Tfhd(1, 0x020000), Tfdt(0), Trun(0, 0x401, dataOffset, null, flags)));
            int moofSize = Moof(0).Length;
            return Cat(Box("ftyp", Ascii("iso6"), U32(0), Ascii("iso6")), moov, Moof(moofSize + 8), Box("mdat", Zeros(16 * count)));
        }
    }
}
