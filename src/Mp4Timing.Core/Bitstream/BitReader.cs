using System;
using Mp4Timing.IO;

namespace Mp4Timing.Bitstream
{
    /// <summary>
    /// Reads the bits of one header (an H.264/HEVC NAL unit's RBSP, an AV1 OBU, a VP9 or MPEG picture
    /// header) most significant bit first: fixed-width fields, Exp-Golomb codes (ue(v), se(v)) and AV1's
    /// uvlc(). The bytes are copied in first, a bounded prefix of the unit, with the emulation prevention
    /// bytes of H.264/HEVC removed (00 00 03 becomes 00 00).
    /// </summary>
    /// <remarks>
    /// A read past the loaded bytes, or an Exp-Golomb code longer than 32 bits, returns 0 and sets
    /// <see cref="Failed"/>: a header parser reads straight through and checks once, so damaged bytes
    /// never throw and never loop. One instance is reused for every header of a track.
    /// </remarks>
    internal sealed class BitReader
    {
        /// <summary>The most bytes one header may load: far more than any header needs, small enough to stay cheap.</summary>
        public const int MaxBytes = 64 * 1024;

        private byte[] _data = new byte[256];
        private byte[] _raw = new byte[256];
        private int _length;
        private long _bit;

        /// <summary>True once a read went past the end of the bytes or met an impossible code.</summary>
        public bool Failed { get; private set; }

        /// <summary>The bytes loaded (after emulation prevention bytes were removed).</summary>
        public int Length => _length;

        /// <summary>Bits read so far.</summary>
        public long Position => _bit;

        /// <summary>Bits left before the end of the loaded bytes.</summary>
        public long BitsLeft => ((long)_length * 8) - _bit;

        /// <summary>Loads <paramref name="count"/> bytes of <paramref name="source"/> from <paramref name="offset"/>.</summary>
        public void Load(byte[] source, int offset, int count, bool removeEmulationPrevention)
        {
            if (source is null) throw new ArgumentNullException(nameof(source));
            if (offset < 0 || count < 0 || count > source.Length - offset) throw new ArgumentOutOfRangeException(nameof(count));
            count = Math.Min(count, MaxBytes);
            Reserve(ref _data, count);
            if (!removeEmulationPrevention)
            {
                Buffer.BlockCopy(source, offset, _data, 0, count);
                _length = count;
            }
            else
            {
                _length = Unescape(source, offset, count, _data);
            }
            _bit = 0;
            Failed = false;
        }

        /// <summary>Loads <paramref name="count"/> bytes (at most <see cref="MaxBytes"/>) from the reader's position, which moves past them.</summary>
        public void Load(BoxDataReader reader, long count, bool removeEmulationPrevention)
        {
            int n = (int)Math.Min(Math.Min(count, reader.Remaining), MaxBytes);
            if (n < 0) n = 0;
            Reserve(ref _raw, n);
            reader.ReadInto(_raw, 0, n);
            Load(_raw, 0, n, removeEmulationPrevention);
        }

        /// <summary>
        /// Loads the NAL unit that starts at the reader's position (its header byte included): at most
        /// <paramref name="maxBytes"/>, ending at <paramref name="end"/> or before an embedded start code
        /// (00 00 00, 00 00 01, 00 00 02), where ffmpeg ends a unit too; emulation prevention bytes are removed.
        /// Returns where the unit ends, or -1 when only a prefix was loaded and the end is not known yet.
        /// </summary>
        public long LoadNalUnit(BoxDataReader reader, long end, int maxBytes)
        {
            long start = reader.Position;
            int n = (int)Math.Max(0, Math.Min(Math.Min(end - start, maxBytes), MaxBytes));
            Reserve(ref _raw, n);
            reader.ReadInto(_raw, 0, n);
            int stop = FindStartCode(_raw, n);
            Load(_raw, 0, stop >= 0 ? stop : n, removeEmulationPrevention: true);
            if (stop >= 0) return start + stop;
            return start + n == end ? end : -1;
        }

        /// <summary>Where the first 00 00 0x (x below 3) of <paramref name="data"/> starts, or -1.</summary>
        internal static int FindStartCode(byte[] data, int count)
        {
            int zeros = 0;
            for (int i = 0; i < count; i++)
            {
                byte b = data[i];
                if (zeros >= 2 && b < 3) return i - 2;
                zeros = b == 0 ? zeros + 1 : 0;
            }
            return -1;
        }

        /// <summary>Reads one bit.</summary>
        public int ReadBit()
        {
            if (_bit >= (long)_length * 8)
            {
                Failed = true;
                return 0;
            }
            int value = (_data[_bit >> 3] >> (7 - (int)(_bit & 7))) & 1;
            _bit++;
            return value;
        }

        /// <summary>Reads one bit as a flag.</summary>
        public bool ReadFlag() => ReadBit() != 0;

        /// <summary>Reads an unsigned field of <paramref name="count"/> bits (0 to 32), f(n) / u(n).</summary>
        public uint ReadBits(int count)
        {
            if (count < 0 || count > 32) throw new ArgumentOutOfRangeException(nameof(count));
            if (count > BitsLeft)
            {
                _bit = (long)_length * 8;
                Failed = true;
                return 0;
            }
            uint value = 0;
            for (int i = 0; i < count; i++) value = (value << 1) | (uint)ReadBit();
            return value;
        }

        /// <summary>Skips <paramref name="count"/> bits.</summary>
        public void Skip(long count)
        {
            if (count < 0 || count > BitsLeft)
            {
                _bit = (long)_length * 8;
                Failed = true;
                return;
            }
            _bit += count;
        }

        /// <summary>Reads ue(v), an unsigned Exp-Golomb code. Codes of more than 32 bits of value fail.</summary>
        public uint ReadUe()
        {
            int zeros = 0;
            while (ReadBit() == 0)
            {
                if (Failed || ++zeros > 31)
                {
                    Failed = true;
                    return 0;
                }
            }
            if (zeros == 0) return 0;
            return (uint)((1UL << zeros) - 1 + ReadBits(zeros));
        }

        /// <summary>Reads se(v), a signed Exp-Golomb code.</summary>
        public int ReadSe()
        {
            uint code = ReadUe();
            long value = (code & 1) != 0 ? ((long)code + 1) / 2 : -((long)code / 2);
            return (int)value;
        }

        /// <summary>Reads AV1's uvlc(): like ue(v), and a run of 32 or more zeros means the largest value.</summary>
        public uint ReadUvlc()
        {
            int zeros = 0;
            while (ReadBit() == 0)
            {
                if (Failed) return 0;
                zeros++;
                if (zeros > 64)
                {
                    Failed = true;
                    return 0;
                }
            }
            if (zeros >= 32) return uint.MaxValue;
            return (uint)((1UL << zeros) - 1 + ReadBits(zeros));
        }

        /// <summary>Goes back (or forward) to a bit position read before, forgetting a failure met after it.</summary>
        public void Seek(long position)
        {
            if (position < 0 || position > (long)_length * 8) throw new ArgumentOutOfRangeException(nameof(position));
            _bit = position;
            Failed = false;
        }

        /// <summary>Marks the header as unreadable (a parser found a value it cannot go on from).</summary>
        public void Fail()
        {
            _bit = (long)_length * 8;
            Failed = true;
        }

        /// <summary>The loaded byte at <paramref name="index"/> (for byte-oriented syntax such as SEI and OBU headers).</summary>
        public byte ByteAt(int index)
        {
            if (index < 0 || index >= _length)
            {
                Failed = true;
                return 0;
            }
            return _data[index];
        }

        /// <summary>
        /// Copies <paramref name="count"/> bytes, dropping each 03 that follows 00 00 (emulation prevention),
        /// as ffmpeg's RBSP extraction does; returns the bytes written.
        /// </summary>
        private static int Unescape(byte[] source, int offset, int count, byte[] destination)
        {
            int written = 0;
            int zeros = 0;
            for (int i = 0; i < count; i++)
            {
                byte b = source[offset + i];
                if (zeros >= 2 && b == 3)
                {
                    zeros = 0;
                    continue;
                }
                destination[written++] = b;
                zeros = b == 0 ? zeros + 1 : 0;
            }
            return written;
        }

        private static void Reserve(ref byte[] buffer, int count)
        {
            if (buffer.Length >= count) return;
            int size = buffer.Length;
            while (size < count) size *= 2;
            buffer = new byte[Math.Min(size, MaxBytes)];
        }
    }
}
