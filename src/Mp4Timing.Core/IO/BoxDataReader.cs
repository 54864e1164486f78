using System;
using System.IO;
using System.Text;

namespace Mp4Timing.IO
{
    /// <summary>
    /// A big-endian reader over a region of a seekable stream. Every read is checked against
    /// <see cref="Limit"/> (the end of the enclosing box), so a lying length fails cleanly instead of
    /// reading into the next box. Reads are served from one reusable buffer; the stream is only
    /// touched when a read leaves the buffered window, so payloads that are never read (mdat) cost nothing.
    /// </summary>
    internal sealed class BoxDataReader
    {
        private const int DefaultBufferSize = 64 * 1024;

        private readonly Stream _stream;
        private readonly byte[] _buffer;
        private long _bufferStart;
        private int _bufferLength;
        private long _position;
        private long _limit;

        /// <summary>Creates a reader over <paramref name="stream"/>, which must be seekable.</summary>
        public BoxDataReader(Stream stream, string? sourceName, int bufferSize = DefaultBufferSize)
        {
            _stream = stream ?? throw new ArgumentNullException(nameof(stream));
            if (!stream.CanSeek) throw new ArgumentException("The stream must be seekable.", nameof(stream));
            if (bufferSize < 32) throw new ArgumentOutOfRangeException(nameof(bufferSize));
            _buffer = new byte[bufferSize];
            SourceName = sourceName;
            StreamLength = stream.Length;
            _limit = StreamLength;
        }

        /// <summary>The file name used in error messages.</summary>
        public string? SourceName { get; }

        /// <summary>The length of the underlying stream when the reader was made.</summary>
        public long StreamLength { get; }

        /// <summary>The box path named in error messages (set by whoever is reading a box).</summary>
        public string? BoxPath { get; set; }

        /// <summary>The absolute position of the next read.</summary>
        public long Position
        {
            get => _position;
            set
            {
                if (value < 0 || value > _limit)
                {
                    throw Fail(Mp4ErrorKind.TruncatedBox, $"cannot move to byte {value}: the enclosing space ends at byte {_limit}");
                }
                _position = value;
            }
        }

        /// <summary>The absolute position no read may pass (the end of the enclosing box).</summary>
        public long Limit
        {
            get => _limit;
            set
            {
                if (value < 0 || value > StreamLength)
                {
                    throw Fail(Mp4ErrorKind.BoxSizeOutOfRange, $"the enclosing space would end at byte {value}, past the end of the file at byte {StreamLength}");
                }
                _limit = value;
            }
        }

        /// <summary>
        /// How far a buffer fill may read ahead (absolute position). Fills stop at <see cref="Limit"/> anyway;
        /// walkers of top-level headers set this just past the header so that a file of many small
        /// top-level boxes is not read in full.
        /// </summary>
        public long ReadAheadLimit { get; set; } = long.MaxValue;

        /// <summary>
        /// When true, a buffer fill reads on past <see cref="Limit"/> (up to <see cref="ReadAheadLimit"/>, the buffer
        /// size and the end of the file), so that the next region read, if it follows closely, is already buffered:
        /// for readers that visit many small regions in file order (sample headers). Reads are still checked
        /// against Limit.
        /// </summary>
        public bool FillPastLimit { get; set; }

        /// <summary>Bytes left before <see cref="Limit"/>.</summary>
        public long Remaining => _limit - _position;

        /// <summary>Points the reader at <c>[start, end)</c>.</summary>
        public void Seek(long start, long end)
        {
            Limit = end;
            Position = start;
        }

        /// <summary>Skips <paramref name="count"/> bytes without reading them.</summary>
        public void Skip(long count)
        {
            if (count < 0 || count > Remaining)
            {
                throw Fail(Mp4ErrorKind.TruncatedBox, $"cannot skip {count} bytes: only {Remaining} remain in the box");
            }
            _position += count;
        }

        /// <summary>Reads one byte.</summary>
        public byte ReadByte()
        {
            int i = Take(1);
            return _buffer[i];
        }

        /// <summary>Reads a big-endian unsigned 16-bit integer.</summary>
        public ushort ReadUInt16()
        {
            int i = Take(2);
            return (ushort)((_buffer[i] << 8) | _buffer[i + 1]);
        }

        /// <summary>Reads a big-endian signed 16-bit integer.</summary>
        public short ReadInt16() => unchecked((short)ReadUInt16());

        /// <summary>Reads a big-endian unsigned 24-bit integer.</summary>
        public uint ReadUInt24()
        {
            int i = Take(3);
            return ((uint)_buffer[i] << 16) | ((uint)_buffer[i + 1] << 8) | _buffer[i + 2];
        }

        /// <summary>Reads a big-endian unsigned 32-bit integer.</summary>
        public uint ReadUInt32()
        {
            int i = Take(4);
            return ((uint)_buffer[i] << 24) | ((uint)_buffer[i + 1] << 16) | ((uint)_buffer[i + 2] << 8) | _buffer[i + 3];
        }

        /// <summary>Reads a big-endian signed 32-bit integer.</summary>
        public int ReadInt32() => unchecked((int)ReadUInt32());

        /// <summary>Reads a big-endian unsigned 64-bit integer.</summary>
        public ulong ReadUInt64()
        {
            ulong high = ReadUInt32();
            return (high << 32) | ReadUInt32();
        }

        /// <summary>Reads a big-endian signed 64-bit integer.</summary>
        public long ReadInt64() => unchecked((long)ReadUInt64());

        /// <summary>Reads an unsigned integer of 4 or 8 bytes (a version-dependent field) as Int64; 8-byte values above Int64.MaxValue are an error.</summary>
        public long ReadUIntAsInt64(bool wide, string field)
        {
            if (!wide) return ReadUInt32();
            long start = _position;
            ulong value = ReadUInt64();
            if (value > long.MaxValue)
            {
                throw Fail(Mp4ErrorKind.InvalidField, $"{field} is {value}, beyond the signed 64-bit range", start);
            }
            return (long)value;
        }

        /// <summary>
        /// Reads a version-dependent duration or time field (4 or 8 bytes). All bits set means "unknown"
        /// in the specification and is returned as -1; other 8-byte values beyond Int64 are an error.
        /// </summary>
        public long ReadDuration(bool wide, string field)
        {
            if (!wide)
            {
                uint value = ReadUInt32();
                return value == uint.MaxValue ? -1 : value;
            }
            long start = _position;
            ulong wideValue = ReadUInt64();
            if (wideValue == ulong.MaxValue) return -1;
            if (wideValue > long.MaxValue)
            {
                throw Fail(Mp4ErrorKind.InvalidField, $"{field} is {wideValue}, beyond the signed 64-bit range", start);
            }
            return (long)wideValue;
        }

        /// <summary>Reads a four-character code.</summary>
        public FourCC ReadFourCC() => new FourCC(ReadUInt32());

        /// <summary>Reads a 16.16 fixed-point number.</summary>
        public double ReadFixed16x16() => ReadInt32() / 65536.0;

        /// <summary>Reads an 8.8 fixed-point number.</summary>
        public double ReadFixed8x8() => ReadInt16() / 256.0;

        /// <summary>Reads <paramref name="count"/> bytes into a new array; the count is checked against the box first.</summary>
        public byte[] ReadBytes(int count)
        {
            if (count < 0 || count > Remaining)
            {
                throw Fail(Mp4ErrorKind.TruncatedBox, $"needs {count} bytes, only {Remaining} remain in the box");
            }
            var result = new byte[count];
            int done = 0;
            while (done < count)
            {
                int chunk = Math.Min(count - done, _buffer.Length);
                int i = Take(chunk);
                Buffer.BlockCopy(_buffer, i, result, done, chunk);
                done += chunk;
            }
            return result;
        }

        /// <summary>
        /// Reads <paramref name="count"/> bytes into <paramref name="destination"/> at <paramref name="offset"/>
        /// (no allocation: for readers that look at many small regions, such as sample headers).
        /// </summary>
        public void ReadInto(byte[] destination, int offset, int count)
        {
            if (count < 0 || count > Remaining)
            {
                throw Fail(Mp4ErrorKind.TruncatedBox, $"needs {count} bytes, only {Remaining} remain in the box");
            }
            int done = 0;
            while (done < count)
            {
                int chunk = Math.Min(count - done, _buffer.Length);
                int i = Take(chunk);
                Buffer.BlockCopy(_buffer, i, destination, offset + done, chunk);
                done += chunk;
            }
        }

        /// <summary>Reads a 16-byte UUID as stored (big-endian, RFC 4122 order).</summary>
        public Guid ReadUuid()
        {
            byte[] b = ReadBytes(16);
            return new Guid(
                (b[0] << 24) | (b[1] << 16) | (b[2] << 8) | b[3],
                (short)((b[4] << 8) | b[5]),
                (short)((b[6] << 8) | b[7]),
                b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
        }

        /// <summary>Reads a NUL-terminated UTF-8 string; the box end also ends the string.</summary>
        public string ReadNullTerminatedString(int maxBytes = 4096)
        {
            var bytes = new System.Collections.Generic.List<byte>();
            while (Remaining > 0 && bytes.Count < maxBytes)
            {
                byte b = ReadByte();
                if (b == 0) break;
                bytes.Add(b);
            }
            return Encoding.UTF8.GetString(bytes.ToArray());
        }

        /// <summary>Reads a fixed-size field holding a string, dropping NUL padding.</summary>
        public string ReadFixedString(int count, Encoding? encoding = null)
        {
            byte[] bytes = ReadBytes(count);
            int length = Array.IndexOf(bytes, (byte)0);
            if (length < 0) length = bytes.Length;
            return (encoding ?? Encoding.UTF8).GetString(bytes, 0, length);
        }

        /// <summary>
        /// Checks that <paramref name="count"/> entries of <paramref name="entrySize"/> bytes fit in the box
        /// before anything is allocated for them: a lying count fails here, not in the allocator.
        /// </summary>
        public int CheckEntryCount(long count, int entrySize, string table)
        {
            long available = Remaining / entrySize;
            if (count < 0 || count > available || count > int.MaxValue)
            {
                throw Fail(Mp4ErrorKind.TableTooShort,
                    $"{table} claims {count} entries of {entrySize} bytes, but the box holds only {Remaining} bytes ({available} entries)");
            }
            return (int)count;
        }

        /// <summary>
        /// Reads <c>[start, end)</c> into the buffer now (as much of it as fits), for a box about to be read as a
        /// whole: its nested containers then cost no read each. Position and Limit are left at the range; every
        /// reader seeks before reading anyway. Does nothing for a range outside the file or already buffered.
        /// </summary>
        public void Prefetch(long start, long end)
        {
            if (start < 0 || start >= end || end > StreamLength) return;
            if (start >= _bufferStart && end <= _bufferStart + _bufferLength) return;
            _limit = end;
            _position = start;
            Fill(0);
        }

        /// <summary>Makes the exception for a problem at the current position.</summary>
        public Mp4FormatException Fail(Mp4ErrorKind kind, string detail) => Fail(kind, detail, _position);

        /// <summary>Makes the exception for a problem at <paramref name="offset"/>.</summary>
        public Mp4FormatException Fail(Mp4ErrorKind kind, string detail, long offset) =>
            new Mp4FormatException(kind, SourceName, BoxPath, offset, detail);

        /// <summary>Makes <paramref name="count"/> bytes at the position available; returns their index in the buffer.</summary>
        private int Take(int count)
        {
            if (count > _limit - _position)
            {
                throw Fail(Mp4ErrorKind.TruncatedBox, $"needs {count} more bytes, only {_limit - _position} remain in the box");
            }
            long offsetInBuffer = _position - _bufferStart;
            if (offsetInBuffer < 0 || offsetInBuffer + count > _bufferLength)
            {
                Fill(count);
                offsetInBuffer = 0;
            }
            _position += count;
            return (int)offsetInBuffer;
        }

        private void Fill(int needed)
        {
            _stream.Position = _position;
            long window = Math.Max(needed, (FillPastLimit ? ReadAheadLimit : Math.Min(_limit, ReadAheadLimit)) - _position);
            long wanted = Math.Min(Math.Min(_buffer.Length, window), StreamLength - _position);
            int filled = 0;
            while (filled < wanted)
            {
                int read = _stream.Read(_buffer, filled, (int)wanted - filled);
                if (read <= 0) break;
                filled += read;
            }
            _bufferStart = _position;
            _bufferLength = filled;
            if (filled < needed)
            {
                _bufferLength = 0;
                throw Fail(Mp4ErrorKind.TruncatedBox, $"the file ends at byte {_position + filled}, {needed} bytes were needed");
            }
        }
    }
}
