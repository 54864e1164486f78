using Mp4Timing.Boxes;
using Mp4Timing.IO;

namespace Mp4Timing.Bitstream
{
    /// <summary>What the NAL units of one H.264 sample say, up to and including its first slice header.</summary>
    internal readonly struct H264AccessUnit
    {
        public H264AccessUnit(bool hasSlice, int nalType, H264SliceHeader? slice, bool recoveryPoint, H264PictureParameterSet? pps)
        {
            HasSlice = hasSlice;
            NalType = nalType;
            Slice = slice;
            RecoveryPoint = recoveryPoint;
            Pps = pps;
        }

        /// <summary>True when a slice NAL unit (type 1 or 5) was found.</summary>
        public bool HasSlice { get; }

        /// <summary>nal_unit_type of the first slice (5: IDR).</summary>
        public int NalType { get; }

        /// <summary>The first slice's header, when it could be read.</summary>
        public H264SliceHeader? Slice { get; }

        /// <summary>A recovery point SEI came before the first slice.</summary>
        public bool RecoveryPoint { get; }

        /// <summary>The PPS the first slice refers to, when known.</summary>
        public H264PictureParameterSet? Pps { get; }
    }

    /// <summary>
    /// Walks the NAL units of H.264 samples as ffmpeg's H.264 parser does: by their length prefixes, and
    /// inside a unit on to any Annex B start code it holds. SPS and PPS units update the parameter sets
    /// (which start from avcC), an SEI is searched for a recovery point, and the first slice ends the walk.
    /// Only headers are read: a slice is loaded up to its first 64 bytes.
    /// </summary>
    internal sealed class H264AccessUnitReader
    {
        private const int SliceHeaderBytes = 64;
        private const int RecoveryPointPayload = 6;

        private readonly H264ParameterSets _sets = new H264ParameterSets();
        private readonly BitReader _bits;
        private readonly int _lengthSize;

        public H264AccessUnitReader(AvcConfigurationBox? configuration, int nalLengthSize, BitReader bits)
        {
            _bits = bits;
            _lengthSize = nalLengthSize is >= 1 and <= 4 ? nalLengthSize : 4;
            if (configuration is not null) _sets.AddConfiguration(configuration.SequenceParameterSets, configuration.PictureParameterSets, bits);
        }

        /// <summary>Reads the sample the reader is bounded to (position at its start, limit at its end).</summary>
        public H264AccessUnit Read(BoxDataReader reader)
        {
            bool recovery = false;
            long nextUnit = reader.Position;
            while (true)
            {
                if (reader.Position >= nextUnit)
                {
                    if (reader.Remaining <= _lengthSize) return NoSlice(recovery);
                    long length = ReadLength(reader);
                    if (length <= 0 || length > reader.Remaining) return NoSlice(recovery);
                    nextUnit = reader.Position + length;
                }
                else if (!SkipToStartCode(reader, nextUnit))
                {
                    if (reader.Position >= reader.Limit) return NoSlice(recovery);
                    continue;
                }

                long start = reader.Position;
                int header = PeekByte(reader);
                int type = header & 0x1F;
                if (type == H264NalType.Slice || type == H264NalType.Idr)
                {
                    _bits.LoadNalUnit(reader, nextUnit, SliceHeaderBytes);
                    _bits.Skip(8);
                    H264SliceHeader? slice = H264SliceHeader.Read(_bits, type);
                    return new H264AccessUnit(true, type, slice, recovery, slice is H264SliceHeader s ? _sets.Pps(s.PpsId) : null);
                }

                long unitEnd;
                if (type == H264NalType.Sps || type == H264NalType.Pps || type == H264NalType.Sei)
                {
                    unitEnd = _bits.LoadNalUnit(reader, nextUnit, BitReader.MaxBytes);
                    if (unitEnd < 0) unitEnd = EndOfUnit(reader, start, nextUnit);
                    _bits.Skip(8);
                    if (type == H264NalType.Sps) _sets.AddSps(_bits);
                    else if (type == H264NalType.Pps) _sets.AddPps(_bits);
                    else if (HasRecoveryPoint(_bits)) recovery = true;
                }
                else
                {
                    unitEnd = EndOfUnit(reader, start, nextUnit);
                }
                reader.Position = unitEnd;
            }
        }

        private static H264AccessUnit NoSlice(bool recovery) => new H264AccessUnit(false, 0, null, recovery, null);

        /// <summary>
        /// The SEI messages of one unit (7.3.2.3: payloadType and payloadSize as runs of FF bytes, then the
        /// payload), read as ffmpeg does: while more than two bytes remain and the next is not the
        /// trailing 0x80. A recovery point counts when its recovery_frame_cnt is valid (at most 65535).
        /// </summary>
        internal static bool HasRecoveryPoint(BitReader bits)
        {
            while (bits.BitsLeft > 16 && bits.ByteAt((int)(bits.Position >> 3)) != 0x80)
            {
                int type = ReadSeiNumber(bits);
                int size = ReadSeiNumber(bits);
                if (bits.Failed || size > bits.BitsLeft / 8) return false;
                long next = bits.Position + (8L * size);
                if (type == RecoveryPointPayload)
                {
                    uint frames = bits.ReadUe();
                    return !bits.Failed && frames <= 65535;
                }
                bits.Seek(next);
            }
            return false;
        }

        private static int ReadSeiNumber(BitReader bits)
        {
            int value = 0;
            while (true)
            {
                if (bits.BitsLeft < 8 || value > 1 << 24)
                {
                    bits.Fail();
                    return 0;
                }
                uint b = bits.ReadBits(8);
                value += (int)b;
                if (b != 0xFF) return value;
            }
        }

        /// <summary>Moves to the byte after the next 00 00 01 before <paramref name="end"/>; false (at <paramref name="end"/>) when there is none.</summary>
        private static bool SkipToStartCode(BoxDataReader reader, long end)
        {
            int zeros = 0;
            while (reader.Position < end)
            {
                byte b = reader.ReadByte();
                if (b == 1 && zeros >= 2) return reader.Position < end;
                zeros = b == 0 ? zeros + 1 : 0;
            }
            return false;
        }

        /// <summary>Where the NAL unit at <paramref name="start"/> ends: at an embedded 00 00 0x (x below 3), or at <paramref name="end"/>.</summary>
        private static long EndOfUnit(BoxDataReader reader, long start, long end)
        {
            reader.Position = start;
            int zeros = 0;
            while (reader.Position < end)
            {
                byte b = reader.ReadByte();
                if (zeros >= 2 && b < 3) return reader.Position - 3;
                zeros = b == 0 ? zeros + 1 : 0;
            }
            return end;
        }

        private static int PeekByte(BoxDataReader reader)
        {
            byte b = reader.ReadByte();
            reader.Position--;
            return b;
        }

        private long ReadLength(BoxDataReader reader)
        {
            long length = 0;
            for (int i = 0; i < _lengthSize; i++) length = (length << 8) | reader.ReadByte();
            return length;
        }
    }
}
