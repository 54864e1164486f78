using System.IO;
using Mp4Timing.IO;

namespace Mp4Timing.Ffmpeg
{
    /// <summary>
    /// Looks at the start of a sample as ffmpeg's bitstream parsers do to decide the key flag: an H.264
    /// IDR slice, or a recovery-point SEI before the first slice; an HEVC IRAP picture (NAL types
    /// 16-23); an AV1 KEY_FRAME header; a VP8/VP9 key frame. Reads only headers. Null means the
    /// parser could not tell (no slice or frame header found): ffmpeg then keeps the demuxer's flag.
    /// </summary>
    internal sealed class KeyFrameProbe
    {
        private const int H264Idr = 5;
        private const int H264NonIdrSlice = 1;
        private const int H264Sei = 6;
        private const int RecoveryPointPayload = 6;

        private readonly BoxDataReader _reader;
        private readonly int _lengthSize;
        private bool _reducedStillPicture;

        public KeyFrameProbe(Stream stream, int nalLengthSize)
        {
            // Samples are probed in file order and are often smaller than the buffer: read on past each one.
            _reader = new BoxDataReader(stream, null, 4096) { FillPastLimit = true };
            _lengthSize = nalLengthSize is >= 1 and <= 4 ? nalLengthSize : 4;
        }

        /// <summary>The key flag ffmpeg's parser gives a sample of <paramref name="codec"/>, or null when it cannot tell.</summary>
        public bool? IsKeyFrame(string codec, long position, long size)
        {
            try
            {
                _reader.Seek(position, position + size);
                return codec switch
                {
                    "avc1" or "avc3" => H264(),
                    "hvc1" or "hev1" => HevcIrap(),
                    "av01" => Av1(),
                    "vp09" => Vp9(),
                    "vp08" => _reader.Remaining > 0 ? (_reader.ReadByte() & 1) == 0 : (bool?)null,
                    _ => null,
                };
            }
            catch (Mp4FormatException)
            {
                return null;
            }
        }

        /// <summary>
        /// H.264 as ffmpeg's parser reads a length-prefixed sample: NAL units by their length prefixes,
        /// but inside each one it also follows any Annex B start code to a further NAL unit. The first
        /// slice decides: an IDR is key, another slice is key only after a recovery-point SEI. A sample
        /// with no slice (or a broken length) is not key ("missing picture").
        /// </summary>
        private bool? H264()
        {
            bool recovery = false;
            long nextUnit = _reader.Position;
            while (true)
            {
                if (_reader.Position >= nextUnit)
                {
                    if (_reader.Remaining <= _lengthSize) return false;
                    long length = ReadLength();
                    if (length <= 0 || length > _reader.Remaining) return false;
                    nextUnit = _reader.Position + length;
                }
                else if (!SkipToStartCode(nextUnit))
                {
                    if (_reader.Position >= _reader.Limit) return false;
                    continue;
                }
                long unitEnd = EndOfUnit(nextUnit);
                int type = _reader.ReadByte() & 0x1F;
                if (type == H264Idr) return true;
                if (type == H264NonIdrSlice) return recovery;
                if (type == H264Sei && HasRecoveryPoint(unitEnd)) recovery = true;
                _reader.Position = unitEnd;
            }
        }

        /// <summary>Moves to the byte after the next 00 00 01 before <paramref name="end"/>; false (at <paramref name="end"/>) when there is none.</summary>
        private bool SkipToStartCode(long end)
        {
            int zeros = 0;
            while (_reader.Position < end)
            {
                byte b = _reader.ReadByte();
                if (b == 1 && zeros >= 2) return _reader.Position < end;
                zeros = b == 0 ? zeros + 1 : 0;
            }
            return false;
        }

        /// <summary>Where the NAL unit starting here ends: at an embedded 00 00 0x (x below 3), or at <paramref name="end"/>.</summary>
        private long EndOfUnit(long end)
        {
            long start = _reader.Position;
            int zeros = 0;
            long found = end;
            while (_reader.Position < end)
            {
                byte b = _reader.ReadByte();
                if (zeros >= 2 && b < 3)
                {
                    found = _reader.Position - 3;
                    break;
                }
                zeros = b == 0 ? zeros + 1 : 0;
            }
            _reader.Position = start;
            return found;
        }

        private bool? HevcIrap()
        {
            while (_reader.Remaining > _lengthSize)
            {
                long length = ReadLength();
                if (length <= 0 || length > _reader.Remaining) return null;
                long next = _reader.Position + length;
                int type = (_reader.ReadByte() >> 1) & 0x3F;
                if (type < 32) return type >= 16 && type <= 23;
                _reader.Position = next;
            }
            return null;
        }

        /// <summary>AV1: the first frame header decides (KEY_FRAME is frame_type 0; a reduced still-picture header is always key).</summary>
        private bool? Av1()
        {
            while (_reader.Remaining > 0)
            {
                byte header = _reader.ReadByte();
                int type = (header >> 3) & 0xF;
                if ((header & 0x4) != 0) _reader.ReadByte();
                long size = (header & 0x2) != 0 ? ReadLeb128() : _reader.Remaining;
                if (size > _reader.Remaining) return null;
                long next = _reader.Position + size;
                if (type == 1 && size > 0)
                {
                    // sequence_header_obu: seq_profile(3) still_picture(1) reduced_still_picture_header(1)
                    _reducedStillPicture = (_reader.ReadByte() & 0x08) != 0;
                }
                else if ((type == 3 || type == 6) && size > 0)
                {
                    if (_reducedStillPicture) return true;
                    byte bits = _reader.ReadByte();
                    bool showExistingFrame = (bits & 0x80) != 0;
                    return !showExistingFrame && ((bits >> 5) & 0x3) == 0;
                }
                _reader.Position = next;
            }
            return null;
        }

        /// <summary>VP9 uncompressed header: frame_marker(2) profile(2, +1 for profile 3) show_existing_frame(1) frame_type(1, 0 = key).</summary>
        private bool? Vp9()
        {
            if (_reader.Remaining == 0) return null;
            int bits = _reader.ReadByte();
            int profile = ((bits >> 5) & 1) | (((bits >> 4) & 1) << 1);
            int at = 4;
            if (profile == 3) at++;
            bool showExisting = ((bits >> (7 - at)) & 1) != 0;
            if (showExisting) return false;
            return ((bits >> (6 - at)) & 1) == 0;
        }

        private long ReadLeb128()
        {
            long value = 0;
            for (int i = 0; i < 8; i++)
            {
                byte b = _reader.ReadByte();
                value |= (long)(b & 0x7F) << (7 * i);
                if ((b & 0x80) == 0) break;
            }
            return value;
        }

        /// <summary>Walks the SEI messages of one NAL unit (payloadType, payloadSize, payload...) looking for a recovery point.</summary>
        private bool HasRecoveryPoint(long end)
        {
            while (_reader.Position < end - 1)
            {
                int payloadType = ReadSeiNumber(end);
                int payloadSize = ReadSeiNumber(end);
                if (payloadType == RecoveryPointPayload) return true;
                if (payloadSize > end - _reader.Position) return false;
                _reader.Skip(payloadSize);
                if (_reader.Position < end && PeekByte() == 0x80) return false;
            }
            return false;
        }

        private int ReadSeiNumber(long end)
        {
            int value = 0;
            while (_reader.Position < end)
            {
                byte b = _reader.ReadByte();
                value += b;
                if (b != 0xFF) break;
            }
            return value;
        }

        private byte PeekByte()
        {
            byte b = _reader.ReadByte();
            _reader.Position--;
            return b;
        }

        private long ReadLength()
        {
            long length = 0;
            for (int i = 0; i < _lengthSize; i++) length = (length << 8) | _reader.ReadByte();
            return length;
        }
    }
}
