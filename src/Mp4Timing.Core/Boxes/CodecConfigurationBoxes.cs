using System;
using System.Collections.Generic;
using Mp4Timing.IO;

namespace Mp4Timing.Boxes
{
    /// <summary>avcC (AVCDecoderConfigurationRecord): H.264 profile, level, NAL length size and parameter set counts.</summary>
    public sealed class AvcConfigurationBox : Box
    {
        /// <summary>configurationVersion.</summary>
        public byte ConfigurationVersion { get; private set; }

        /// <summary>AVCProfileIndication (66 baseline, 77 main, 100 high...).</summary>
        public byte ProfileIndication { get; private set; }

        /// <summary>profile_compatibility.</summary>
        public byte ProfileCompatibility { get; private set; }

        /// <summary>AVCLevelIndication (level × 10).</summary>
        public byte LevelIndication { get; private set; }

        /// <summary>lengthSizeMinusOne + 1: bytes in each NAL unit length prefix.</summary>
        public int NalUnitLengthSize { get; private set; }

        /// <summary>numOfSequenceParameterSets.</summary>
        public int SequenceParameterSetCount { get; private set; }

        /// <summary>numOfPictureParameterSets.</summary>
        public int PictureParameterSetCount { get; private set; }

        /// <summary>chroma_format (0 monochrome, 1 = 4:2:0...), from the extension of the High profiles (100, 110, 122, 144) when stored.</summary>
        public int? ChromaFormat { get; private set; }

        /// <summary>bit_depth_luma_minus8 + 8, from the extension of the High profiles when stored.</summary>
        public int? BitDepthLuma { get; private set; }

        /// <summary>bit_depth_chroma_minus8 + 8, from the extension of the High profiles when stored.</summary>
        public int? BitDepthChroma { get; private set; }
        /// <summary>The sequence parameter set NAL units, as stored (for the bitstream readers).</summary>
        internal IReadOnlyList<byte[]> SequenceParameterSets { get; private set; } = Array.Empty<byte[]>();

        /// <summary>The picture parameter set NAL units, as stored.</summary>
        internal IReadOnlyList<byte[]> PictureParameterSets { get; private set; } = Array.Empty<byte[]>();

        /// <inheritdoc />
        public override string Summary =>
            FormattableString.Invariant($"profile={ProfileIndication} level={LevelIndication / 10.0:0.0} nal_length={NalUnitLengthSize} sps={SequenceParameterSetCount} pps={PictureParameterSetCount}");

        internal override void ReadPayload(BoxDataReader reader, BoxReadOptions options)
        {
            ConfigurationVersion = reader.ReadByte();
            ProfileIndication = reader.ReadByte();
            ProfileCompatibility = reader.ReadByte();
            LevelIndication = reader.ReadByte();
            NalUnitLengthSize = (reader.ReadByte() & 0x3) + 1;
            SequenceParameterSetCount = reader.ReadByte() & 0x1F;
            SequenceParameterSets = ReadParameterSets(reader, SequenceParameterSetCount);
            PictureParameterSetCount = reader.ReadByte();
            PictureParameterSets = ReadParameterSets(reader, PictureParameterSetCount);
            // ISO/IEC 14496-15 5.3.3.1.2: the High profiles add chroma format and bit depths; many writers leave them out.
            if (reader.Remaining >= 3 && (ProfileIndication == 100 || ProfileIndication == 110 || ProfileIndication == 122 || ProfileIndication == 144))
            {
                ChromaFormat = reader.ReadByte() & 0x3;
                BitDepthLuma = (reader.ReadByte() & 0x7) + 8;
                BitDepthChroma = (reader.ReadByte() & 0x7) + 8;
            }
        }

        /// <summary>Each parameter set is a 16-bit length and a NAL unit; the box bounds every length.</summary>
        internal static byte[][] ReadParameterSets(BoxDataReader reader, int count)
        {
            var sets = new byte[count][];
            for (int i = 0; i < count; i++)
            {
                sets[i] = reader.ReadBytes(reader.ReadUInt16());
            }
            return sets;
        }
    }

    /// <summary>hvcC (HEVCDecoderConfigurationRecord): H.265 profile, tier, level, chroma format and bit depth.</summary>
    public sealed class HevcConfigurationBox : Box
    {
        /// <summary>general_profile_space.</summary>
        public int GeneralProfileSpace { get; private set; }

        /// <summary>general_tier_flag (false: Main tier, true: High tier).</summary>
        public bool GeneralTierFlag { get; private set; }

        /// <summary>general_profile_idc (1 Main, 2 Main 10...).</summary>
        public int GeneralProfileIdc { get; private set; }

        /// <summary>general_profile_compatibility_flags (32 bits, flag j in bit 31 - j).</summary>
        public uint GeneralProfileCompatibilityFlags { get; private set; }

        /// <summary>general_constraint_indicator_flags: the 48 bits (6 bytes) as stored, first byte highest.</summary>
        public ulong GeneralConstraintIndicatorFlags { get; private set; }

        /// <summary>general_level_idc (level × 30).</summary>
        public byte GeneralLevelIdc { get; private set; }

        /// <summary>chromaFormat (1 = 4:2:0).</summary>
        public int ChromaFormat { get; private set; }

        /// <summary>bitDepthLumaMinus8 + 8.</summary>
        public int BitDepthLuma { get; private set; }

        /// <summary>bitDepthChromaMinus8 + 8.</summary>
        public int BitDepthChroma { get; private set; }

        /// <summary>lengthSizeMinusOne + 1.</summary>
        public int NalUnitLengthSize { get; private set; }

        /// <summary>numOfArrays (VPS/SPS/PPS/SEI arrays).</summary>
        public byte ArrayCount { get; private set; }

        /// <summary>The NAL units of the arrays (VPS, SPS, PPS, SEI), as stored (for the bitstream readers).</summary>
        internal IReadOnlyList<byte[]> NalUnits { get; private set; } = Array.Empty<byte[]>();

        /// <inheritdoc />
        public override string Summary =>
            FormattableString.Invariant($"profile={GeneralProfileIdc} tier={(GeneralTierFlag ? "high" : "main")} level={GeneralLevelIdc / 30.0:0.0} chroma={ChromaFormat} depth={BitDepthLuma} nal_length={NalUnitLengthSize}");

        internal override void ReadPayload(BoxDataReader reader, BoxReadOptions options)
        {
            reader.ReadByte();
            byte profile = reader.ReadByte();
            GeneralProfileSpace = profile >> 6;
            GeneralTierFlag = (profile & 0x20) != 0;
            GeneralProfileIdc = profile & 0x1F;
            GeneralProfileCompatibilityFlags = reader.ReadUInt32();
            GeneralConstraintIndicatorFlags = (ulong)reader.ReadUInt16() << 32 | reader.ReadUInt32();
            GeneralLevelIdc = reader.ReadByte();
            reader.Skip(2 + 1);
            ChromaFormat = reader.ReadByte() & 0x3;
            BitDepthLuma = (reader.ReadByte() & 0x7) + 8;
            BitDepthChroma = (reader.ReadByte() & 0x7) + 8;
            reader.Skip(2);
            NalUnitLengthSize = (reader.ReadByte() & 0x3) + 1;
            ArrayCount = reader.ReadByte();
            // The arrays are kept for the bitstream readers only: where they run past the box, the ones before
            // are kept and the box's fields above stand (they are what the box is read for).
            var units = new List<byte[]>();
            for (int i = 0; i < ArrayCount && reader.Remaining >= 3; i++)
            {
                reader.ReadByte();
                int count = reader.ReadUInt16();
                for (int k = 0; k < count && reader.Remaining >= 2; k++)
                {
                    int length = reader.ReadUInt16();
                    if (length > reader.Remaining) break;
                    units.Add(reader.ReadBytes(length));
                }
            }
            NalUnits = units;
        }
    }

    /// <summary>av1C (AV1CodecConfigurationRecord).</summary>
    public sealed class Av1ConfigurationBox : Box
    {
        /// <summary>seq_profile.</summary>
        public int SeqProfile { get; private set; }

        /// <summary>seq_level_idx_0.</summary>
        public int SeqLevelIdx0 { get; private set; }

        /// <summary>seq_tier_0.</summary>
        public bool SeqTier0 { get; private set; }

        /// <summary>Bit depth from high_bitdepth and twelve_bit.</summary>
        public int BitDepth { get; private set; }

        /// <summary>monochrome.</summary>
        public bool Monochrome { get; private set; }

        /// <summary>chroma_subsampling_x.</summary>
        public bool ChromaSubsamplingX { get; private set; }

        /// <summary>chroma_subsampling_y.</summary>
        public bool ChromaSubsamplingY { get; private set; }

        /// <summary>configOBUs: the OBUs after the four fixed bytes (normally the sequence header), for the bitstream readers.</summary>
        internal byte[] ConfigObus { get; private set; } = Array.Empty<byte>();

        /// <inheritdoc />
        public override string Summary => $"profile={SeqProfile} level_idx={SeqLevelIdx0} tier={(SeqTier0 ? 1 : 0)} depth={BitDepth}";

        internal override void ReadPayload(BoxDataReader reader, BoxReadOptions options)
        {
            reader.ReadByte();
            byte b = reader.ReadByte();
            SeqProfile = b >> 5;
            SeqLevelIdx0 = b & 0x1F;
            b = reader.ReadByte();
            SeqTier0 = (b & 0x80) != 0;
            bool high = (b & 0x40) != 0;
            bool twelve = (b & 0x20) != 0;
            BitDepth = high ? (twelve ? 12 : 10) : 8;
            Monochrome = (b & 0x10) != 0;
            ChromaSubsamplingX = (b & 0x08) != 0;
            ChromaSubsamplingY = (b & 0x04) != 0;
            if (reader.Remaining == 0) return;
            reader.ReadByte();
            ConfigObus = reader.ReadBytes((int)Math.Min(reader.Remaining, Bitstream.BitReader.MaxBytes));
        }
    }

    /// <summary>vpcC (VPCodecConfigurationBox, version 1).</summary>
    public sealed class VpConfigurationBox : FullBox
    {
        /// <summary>profile.</summary>
        public byte Profile { get; private set; }

        /// <summary>level.</summary>
        public byte Level { get; private set; }

        /// <summary>bitDepth.</summary>
        public int BitDepth { get; private set; }

        /// <summary>chromaSubsampling.</summary>
        public int ChromaSubsampling { get; private set; }

        /// <summary>videoFullRangeFlag.</summary>
        public bool VideoFullRange { get; private set; }

        /// <inheritdoc />
        public override string Summary => $"profile={Profile} level={Level} depth={BitDepth} chroma={ChromaSubsampling}";

        internal override void ReadFields(BoxDataReader reader, BoxReadOptions options)
        {
            Profile = reader.ReadByte();
            Level = reader.ReadByte();
            byte b = reader.ReadByte();
            BitDepth = b >> 4;
            ChromaSubsampling = (b >> 1) & 0x7;
            VideoFullRange = (b & 1) != 0;
        }
    }

    /// <summary>dOps (OpusSpecificBox): pre-skip and channel setup of an Opus track.</summary>
    public sealed class OpusSpecificBox : Box
    {
        /// <summary>Version.</summary>
        public byte OpusVersion { get; private set; }

        /// <summary>OutputChannelCount.</summary>
        public byte OutputChannelCount { get; private set; }

        /// <summary>PreSkip: samples (at 48 kHz) to drop from the start of decoding.</summary>
        public ushort PreSkip { get; private set; }

        /// <summary>InputSampleRate.</summary>
        public uint InputSampleRate { get; private set; }

        /// <summary>OutputGain (Q7.8 dB).</summary>
        public short OutputGain { get; private set; }

        /// <summary>ChannelMappingFamily.</summary>
        public byte ChannelMappingFamily { get; private set; }

        /// <inheritdoc />
        public override string Summary => $"channels={OutputChannelCount} pre_skip={PreSkip} input_rate={InputSampleRate}";

        internal override void ReadPayload(BoxDataReader reader, BoxReadOptions options)
        {
            OpusVersion = reader.ReadByte();
            OutputChannelCount = reader.ReadByte();
            PreSkip = reader.ReadUInt16();
            InputSampleRate = reader.ReadUInt32();
            OutputGain = reader.ReadInt16();
            ChannelMappingFamily = reader.ReadByte();
        }
    }

    /// <summary>esds (ESDBox): the MPEG-4 elementary stream descriptor (object type, bitrates, AudioSpecificConfig).</summary>
    public sealed class ElementaryStreamDescriptorBox : FullBox
    {
        private const byte EsDescriptorTag = 0x03;
        private const byte DecoderConfigTag = 0x04;
        private const byte DecoderSpecificInfoTag = 0x05;

        private static readonly int[] SamplingFrequencies =
            { 96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350 };

        /// <summary>ES_ID.</summary>
        public ushort EsId { get; private set; }

        /// <summary>objectTypeIndication (0x40 MPEG-4 audio, 0x6B MP3...).</summary>
        public byte ObjectTypeIndication { get; private set; }

        /// <summary>streamType (4 visual, 5 audio).</summary>
        public byte StreamType { get; private set; }

        /// <summary>bufferSizeDB.</summary>
        public uint BufferSize { get; private set; }

        /// <summary>maxBitrate.</summary>
        public uint MaxBitrate { get; private set; }

        /// <summary>avgBitrate.</summary>
        public uint AvgBitrate { get; private set; }

        /// <summary>audioObjectType from the AudioSpecificConfig (2 = AAC LC, 5 = SBR, 29 = PS; escaped values above 31 included), when present.</summary>
        public int? AudioObjectType { get; private set; }

        /// <summary>Sampling frequency from the AudioSpecificConfig (table index or explicit 24-bit value), when present.</summary>
        public int? SamplingFrequency { get; private set; }

        /// <summary>channelConfiguration from the AudioSpecificConfig (0: defined in a program config element), when present.</summary>
        public int? ChannelConfiguration { get; private set; }

        /// <summary>With explicit SBR or PS signalling (audioObjectType 5 or 29): the sampling frequency of the SBR output (extensionSamplingFrequency).</summary>
        public int? ExtensionSamplingFrequency { get; private set; }

        /// <summary>profile_and_level_indication of an MPEG-4 Visual decoder specific info (the byte after its visual_object_sequence_start_code 00 00 01 B0), when present.</summary>
        public byte? VisualProfileLevelIndication { get; private set; }

        /// <inheritdoc />
        public override string Summary =>
            $"object_type=0x{ObjectTypeIndication:X2} stream_type={StreamType} avg_bitrate={AvgBitrate}"
            + (AudioObjectType.HasValue ? $" aot={AudioObjectType} rate={SamplingFrequency} channels={ChannelConfiguration}" : "");

        internal override void ReadFields(BoxDataReader reader, BoxReadOptions options)
        {
            if (reader.Remaining == 0) return;
            byte tag = reader.ReadByte();
            long length = ReadDescriptorLength(reader);
            if (tag != EsDescriptorTag) return;
            long end = Bound(reader, length);
            EsId = reader.ReadUInt16();
            byte flags = reader.ReadByte();
            if ((flags & 0x80) != 0) reader.Skip(2);
            if ((flags & 0x40) != 0) reader.Skip(reader.ReadByte());
            if ((flags & 0x20) != 0) reader.Skip(2);
            while (reader.Position < end)
            {
                tag = reader.ReadByte();
                length = ReadDescriptorLength(reader);
                long next = Bound(reader, length);
                if (tag == DecoderConfigTag)
                {
                    ReadDecoderConfig(reader, next);
                }
                reader.Position = next;
            }
        }

        private void ReadDecoderConfig(BoxDataReader reader, long end)
        {
            ObjectTypeIndication = reader.ReadByte();
            StreamType = (byte)(reader.ReadByte() >> 2);
            BufferSize = reader.ReadUInt24();
            MaxBitrate = reader.ReadUInt32();
            AvgBitrate = reader.ReadUInt32();
            while (reader.Position < end)
            {
                byte tag = reader.ReadByte();
                long length = ReadDescriptorLength(reader);
                long next = Bound(reader, length);
                if (tag == DecoderSpecificInfoTag && length >= 2 && StreamType == 5)
                {
                    ReadAudioSpecificConfig(reader.ReadBytes((int)Math.Min(length, 16)));
                }
                else if (tag == DecoderSpecificInfoTag && length >= 5 && StreamType == 4)
                {
                    byte[] start = reader.ReadBytes(5);
                    if (start[0] == 0 && start[1] == 0 && start[2] == 1 && start[3] == 0xB0) VisualProfileLevelIndication = start[4];
                }
                reader.Position = next;
            }
        }

        /// <summary>
        /// AudioSpecificConfig (ISO/IEC 14496-3 1.6.2.1): audioObjectType (5 bits, 31 escapes to 32 + 6 bits),
        /// samplingFrequencyIndex (4 bits, 15 means an explicit 24-bit frequency), channelConfiguration (4 bits),
        /// and for explicit SBR/PS the extension frequency. A config cut short keeps what was read.
        /// </summary>
        private void ReadAudioSpecificConfig(byte[] config)
        {
            var bits = new BitCursor(config);
            if (!bits.TryRead(5, out int aot)) return;
            if (aot == 31)
            {
                if (!bits.TryRead(6, out int escaped)) return;
                aot = 32 + escaped;
            }
            AudioObjectType = aot;
            if (!TryReadFrequency(ref bits, out int? frequency)) return;
            SamplingFrequency = frequency;
            if (!bits.TryRead(4, out int channels)) return;
            ChannelConfiguration = channels;
            if (aot == 5 || aot == 29)
            {
                if (TryReadFrequency(ref bits, out int? extension)) ExtensionSamplingFrequency = extension;
            }
        }

        private static bool TryReadFrequency(ref BitCursor bits, out int? frequency)
        {
            frequency = null;
            if (!bits.TryRead(4, out int index)) return false;
            if (index == 0xF)
            {
                if (!bits.TryRead(24, out int explicitFrequency)) return false;
                frequency = explicitFrequency;
                return true;
            }
            frequency = index < SamplingFrequencies.Length ? SamplingFrequencies[index] : (int?)null;
            return true;
        }

        /// <summary>Reads bits, most significant first, from a few bytes.</summary>
        private struct BitCursor
        {
            private readonly byte[] _bytes;
            private int _bit;

            public BitCursor(byte[] bytes)
            {
                _bytes = bytes;
                _bit = 0;
            }

            public bool TryRead(int count, out int value)
            {
                value = 0;
                if (_bit + count > _bytes.Length * 8) return false;
                for (int i = 0; i < count; i++, _bit++)
                {
                    value = (value << 1) | ((_bytes[_bit >> 3] >> (7 - (_bit & 7))) & 1);
                }
                return true;
            }
        }

        private static long ReadDescriptorLength(BoxDataReader reader)
        {
            long length = 0;
            for (int i = 0; i < 4; i++)
            {
                byte b = reader.ReadByte();
                length = (length << 7) | (uint)(b & 0x7F);
                if ((b & 0x80) == 0) break;
            }
            return length;
        }

        private static long Bound(BoxDataReader reader, long length)
        {
            if (length > reader.Remaining)
            {
                throw reader.Fail(Mp4ErrorKind.TruncatedBox, $"a descriptor claims {length} bytes, only {reader.Remaining} remain in esds");
            }
            return reader.Position + length;
        }
    }
}
