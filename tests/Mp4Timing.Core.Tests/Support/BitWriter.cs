using System.Collections.Generic;
using System.Linq;
using static Mp4Timing.Tests.Support.Mp4Bytes;
using static Mp4Timing.Tests.Support.MovieBytes;

namespace Mp4Timing.Tests.Support
{
    /// <summary>Writes header syntax bit by bit, as the codec specifications lay it out: u(n), ue(v), se(v), leb128.</summary>
    internal sealed class BitWriter
    {
        private readonly List<int> _bits = new List<int>();

        public BitWriter U(int count, long value)
        {
            for (int i = count - 1; i >= 0; i--) _bits.Add((int)((value >> i) & 1));
            return this;
        }

        public BitWriter Flag(bool value) => U(1, value ? 1 : 0);

        public BitWriter Ue(long value)
        {
            long code = value + 1;
            int length = 0;
            while ((code >> length) > 1) length++;
            return U(length, 0).U(length + 1, code);
        }

        public BitWriter Se(long value) => Ue(value > 0 ? (2 * value) - 1 : -2 * value);

        /// <summary>The bits, then rbsp_trailing_bits (a 1 and zeros to the byte boundary).</summary>
        public byte[] Rbsp() => new BitWriter().Append(this).U(1, 1).Aligned();

        /// <summary>The bits, zero-padded to the byte boundary.</summary>
        public byte[] Aligned()
        {
            var bits = new List<int>(_bits);
            while (bits.Count % 8 != 0) bits.Add(0);
            var bytes = new byte[bits.Count / 8];
            for (int i = 0; i < bits.Count; i++) bytes[i / 8] |= (byte)(bits[i] << (7 - (i % 8)));
            return bytes;
        }

        private BitWriter Append(BitWriter other)
        {
            _bits.AddRange(other._bits);
            return this;
        }

        /// <summary>A NAL unit: its header byte(s) and the RBSP with emulation prevention bytes inserted (00 00 0x, x below 4, gets 03).</summary>
        public static byte[] Nal(byte[] header, byte[] rbsp)
        {
            var result = new List<byte>(header);
            int zeros = 0;
            foreach (byte b in rbsp)
            {
                if (zeros >= 2 && b <= 3)
                {
                    result.Add(3);
                    zeros = 0;
                }
                result.Add(b);
                zeros = b == 0 ? zeros + 1 : 0;
            }
            return result.ToArray();
        }

        /// <summary>NAL units each with a 4-byte length prefix: one sample of an avc1/hvc1 track.</summary>
        public static byte[] LengthPrefixed(params byte[][] units) => Cat(units.Select(u => Cat(U32((uint)u.Length), u)).ToArray());

        /// <summary>leb128() with the fewest bytes.</summary>
        public static byte[] Leb128(long value)
        {
            var bytes = new List<byte>();
            do
            {
                byte b = (byte)(value & 0x7F);
                value >>= 7;
                if (value != 0) b |= 0x80;
                bytes.Add(b);
            }
            while (value != 0);
            return bytes.ToArray();
        }

        /// <summary>An AV1 OBU with obu_has_size_field set (and an extension header when temporal/spatial ids are given).</summary>
        public static byte[] Obu(int type, byte[] payload, int? temporalId = null, int spatialId = 0)
        {
            byte header = (byte)((type << 3) | 0x2 | (temporalId.HasValue ? 0x4 : 0));
            byte[] extension = temporalId.HasValue ? new[] { (byte)((temporalId.Value << 5) | (spatialId << 3)) } : new byte[0];
            return Cat(new[] { header }, extension, Leb128(payload.Length), payload);
        }
    }

    /// <summary>Movies of one video track whose samples are real bytes in mdat, for the bitstream readers.</summary>
    internal static class PictureMovie
    {
        /// <summary>A VisualSampleEntry of <paramref name="codec"/> with the given child boxes (avcC, hvcC, av1C, esds...).</summary>
        public static byte[] Entry(string codec, params byte[][] children) => Box(codec, Zeros(6), U16(1), Zeros(70), Cat(children));

        /// <summary>avcC with 4-byte NAL lengths and the given parameter set NAL units.</summary>
        public static byte[] AvcC(byte[][] sps, byte[][] pps) =>
            Box("avcC", U8(1), U8(66), U8(0xC0), U8(30), U8(0xFF), U8(0xE0 | sps.Length), Cat(sps.Select(s => Cat(U16(s.Length), s)).ToArray()),
                U8(pps.Length), Cat(pps.Select(p => Cat(U16(p.Length), p)).ToArray()));

        /// <summary>hvcC with 4-byte NAL lengths and one array per given NAL unit.</summary>
        public static byte[] HvcC(params byte[][] units) =>
            Box("hvcC", U8(1), U8(1), Zeros(4), Zeros(6), U8(90), U16(0xF000), U8(0xFC), U8(0xFD), U8(0xF8), U8(0xF8), U16(0), U8(0x0F),
                U8(units.Length), Cat(units.Select(u => Cat(U8((u[0] >> 1) & 0x3F), U16(1), U16(u.Length), u)).ToArray()));

        /// <summary>av1C with the given configOBUs.</summary>
        public static byte[] Av1C(byte[] configObus) => Box("av1C", U8(0x81), U8(0x00), U8(0x0C), U8(0), configObus);

        /// <summary>
        /// The composition offsets that show the samples in <paramref name="display"/> order: sample k (decode order,
        /// decode time k) is shown at display[k] + 1 ticks.
        /// </summary>
        public static int[] Shown(params int[] display) => display.Select((d, k) => d + 1 - k).ToArray();

        /// <summary>The whole file: ftyp, moov with the track (stss only when <paramref name="sync"/> is given), and mdat with the samples in order.</summary>
        public static byte[] Movie(byte[] sampleEntry, uint[]? sync, params byte[][] samples) => Movie(sampleEntry, sync, null, samples);

        /// <summary>
        /// As <see cref="Movie(byte[], uint[], byte[][])"/>, each sample lasting 1 tick at timescale 30, with a ctts of the
        /// given composition offsets (one per sample) when they are given.
        /// </summary>
        public static byte[] Movie(byte[] sampleEntry, uint[]? sync, int[]? compositionOffsets, byte[][] samples)
        {
            byte[] ftyp = Ftyp();
            byte[] Moov(uint offset) => Box("moov", Mvhd(1000),
                Box("trak", Tkhd(1),
                    Box("mdia", Mdhd(30), Hdlr("vide"),
                        Box("minf", Box("dinf", FullBox("dref", 0, 0, U32(1), FullBox("url ", 0, 1))),
                            Box("stbl", FullBox("stsd", 0, 0, U32(1), sampleEntry), Stts(((uint)samples.Length, 1)),
                                compositionOffsets is null ? new byte[0] : Ctts(0, compositionOffsets.Select(o => (1u, o)).ToArray()),
                                sync is null ? new byte[0] : Stss(sync),
                                Stsc((1, (uint)samples.Length, 1)), Stsz(samples.Select(s => (uint)s.Length).ToArray()), Stco(offset))))));
            uint dataOffset = (uint)(ftyp.Length + Moov(0).Length + 8);
            return Cat(ftyp, Moov(dataOffset), Box("mdat", Cat(samples)));
        }

        /// <summary>One sample of a movie fragment: its bytes, whether it is a sync sample, its composition offset.</summary>
        public readonly struct FragmentSample
        {
            public FragmentSample(byte[] data, bool sync, int compositionOffset = 0)
            {
                Data = data;
                Sync = sync;
                CompositionOffset = compositionOffset;
            }

            public byte[] Data { get; }

            public bool Sync { get; }

            public int CompositionOffset { get; }
        }

        /// <summary>
        /// A fragmented file: ftyp, moov with an empty stbl and trex, then per fragment a moof (mfhd sequence 1, 2...; one
        /// traf with default-base-is-moof, tfdt, and a trun giving each sample 1 tick, its size, flags and composition
        /// offset) and an mdat with its samples.
        /// </summary>
        public static byte[] FragmentedMovie(byte[] sampleEntry, params FragmentSample[][] fragments)
        {
            const uint DefaultBaseIsMoof = 0x020000, NonSync = 0x00010000, DependsOnNothing = 0x02000000;
            byte[] moov = Box("moov", Mvhd(1000),
                Box("trak", Tkhd(1),
                    Box("mdia", Mdhd(30), Hdlr("vide"),
                        Box("minf", Box("dinf", FullBox("dref", 0, 0, U32(1), FullBox("url ", 0, 1))),
                            Box("stbl", FullBox("stsd", 0, 0, U32(1), sampleEntry), Stts(), Stsc(), Stsz(), Stco())))),
                Mvex((1, 1, 0, 0)));
            var parts = new List<byte[]> { Ftyp("iso5"), moov };
            ulong decode = 0;
            for (int f = 0; f < fragments.Length; f++)
            {
                FragmentSample[] samples = fragments[f];
                uint[][] records = samples.Select(s => new[] { 1u, (uint)s.Data.Length, s.Sync ? DependsOnNothing : NonSync, unchecked((uint)s.CompositionOffset) }).ToArray();
                byte[] Moof(int dataOffset) => MovieBytes.Moof((uint)(f + 1), Box("traf", Tfhd(1, DefaultBaseIsMoof), Tfdt(decode),
                    Trun(1, 0x001 | 0x100 | 0x200 | 0x400 | 0x800, dataOffset, null, records)));
                parts.Add(Moof(Moof(0).Length + 8));
                parts.Add(Box("mdat", Cat(samples.Select(s => s.Data).ToArray())));
                decode += (ulong)samples.Length;
            }
            return Cat(parts.ToArray());
        }

        /// <summary>PictureType and PictureKind of every sample, in decode order.</summary>
        public static (PictureType? Type, string? Kind)[] Pictures(byte[] file)
        {
            using Mp4Movie movie = Open(file);
            Mp4Track track = movie.Tracks.Single();
            return movie.WithPictureTypes(track, movie.ReadSampleTimings(track)).Select(s => (s.PictureTypeValue, s.PictureKind)).ToArray();
        }

        /// <summary>The K flag ffmpeg's model gives every sample.</summary>
        public static bool[] FfmpegKeys(byte[] file)
        {
            using Mp4Movie movie = Open(file);
            return movie.ReadSampleTimings(movie.Tracks.Single(), TimingConvention.Ffmpeg).Select(s => s.IsSync).ToArray();
        }
    }
}
