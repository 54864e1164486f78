using System;
using Mp4Timing.IO;

namespace Mp4Timing.Boxes
{
    /// <summary>dac3 (AC3SpecificBox, ETSI TS 102 366 F.4): the AC-3 stream's sample rate code, coding mode and LFE.</summary>
    public sealed class Ac3SpecificBox : Box
    {
        /// <summary>fscod: 0 = 48 kHz, 1 = 44.1 kHz, 2 = 32 kHz.</summary>
        public int SampleRateCode { get; private set; }

        /// <summary>bsid: bit stream identification.</summary>
        public int BitStreamId { get; private set; }

        /// <summary>bsmod: bit stream mode (main audio, commentary...).</summary>
        public int BitStreamMode { get; private set; }

        /// <summary>acmod: audio coding mode (0 = 1+1, 1 = 1/0 ... 7 = 3/2).</summary>
        public int AudioCodingMode { get; private set; }

        /// <summary>lfeon: a low-frequency effects channel is present.</summary>
        public bool LfeOn { get; private set; }

        /// <summary>bit_rate_code.</summary>
        public int BitRateCode { get; private set; }

        /// <summary>The channels acmod and lfeon describe (5.1 = 6).</summary>
        public int Channels => Ac3Channels.Of(AudioCodingMode, LfeOn);

        /// <inheritdoc />
        public override string Summary => $"fscod={SampleRateCode} bsid={BitStreamId} acmod={AudioCodingMode} lfe={(LfeOn ? 1 : 0)} channels={Channels}";

        internal override void ReadPayload(BoxDataReader reader, BoxReadOptions options)
        {
            uint bits = reader.ReadUInt24();
            SampleRateCode = (int)(bits >> 22) & 0x3;
            BitStreamId = (int)(bits >> 17) & 0x1F;
            BitStreamMode = (int)(bits >> 14) & 0x7;
            AudioCodingMode = (int)(bits >> 11) & 0x7;
            LfeOn = ((bits >> 10) & 1) != 0;
            BitRateCode = (int)(bits >> 5) & 0x1F;
        }
    }

    /// <summary>dec3 (EC3SpecificBox, ETSI TS 102 366 F.6): the E-AC-3 data rate and its independent substreams (the first one described here).</summary>
    public sealed class Ec3SpecificBox : Box
    {
        /// <summary>data_rate, in kbit/s.</summary>
        public int DataRate { get; private set; }

        /// <summary>num_ind_sub + 1: independent substreams.</summary>
        public int IndependentSubstreams { get; private set; }

        /// <summary>fscod of the first independent substream.</summary>
        public int SampleRateCode { get; private set; }

        /// <summary>acmod of the first independent substream.</summary>
        public int AudioCodingMode { get; private set; }

        /// <summary>lfeon of the first independent substream.</summary>
        public bool LfeOn { get; private set; }

        /// <summary>num_dep_sub of the first independent substream.</summary>
        public int DependentSubstreams { get; private set; }

        /// <summary>chan_loc: the channels its dependent substreams add (a bit per location), 0 without them.</summary>
        public int ChannelLocations { get; private set; }

        /// <summary>The channels of the first independent substream and its dependent substreams.</summary>
        public int Channels
        {
            get
            {
                int channels = Ac3Channels.Of(AudioCodingMode, LfeOn);
                // chan_loc bits, most significant first: Lc/Rc, Lrs/Rrs, Cs, Ts, Lsd/Rsd, Lw/Rw, Lvh/Rvh, Cvh, LFE2.
                int[] added = { 2, 2, 1, 1, 2, 2, 2, 1, 1 };
                for (int i = 0; i < added.Length; i++)
                {
                    if ((ChannelLocations & (0x100 >> i)) != 0) channels += added[i];
                }
                return channels;
            }
        }

        /// <inheritdoc />
        public override string Summary => $"data_rate={DataRate} substreams={IndependentSubstreams} acmod={AudioCodingMode} lfe={(LfeOn ? 1 : 0)} channels={Channels}";

        internal override void ReadPayload(BoxDataReader reader, BoxReadOptions options)
        {
            ushort first = reader.ReadUInt16();
            DataRate = first >> 3;
            IndependentSubstreams = (first & 0x7) + 1;
            uint bits = reader.ReadUInt24();
            SampleRateCode = (int)(bits >> 22) & 0x3;
            AudioCodingMode = (int)(bits >> 9) & 0x7;
            LfeOn = ((bits >> 8) & 1) != 0;
            DependentSubstreams = (int)(bits >> 1) & 0xF;
            if (DependentSubstreams > 0 && reader.Remaining > 0)
            {
                ChannelLocations = (int)((bits & 1) << 8) | reader.ReadByte();
            }
        }
    }

    /// <summary>The channels of an AC-3 audio coding mode (ETSI TS 102 366 table 4.3) and LFE flag.</summary>
    internal static class Ac3Channels
    {
        private static readonly int[] ByCodingMode = { 2, 1, 2, 3, 3, 4, 4, 5 };

        public static int Of(int codingMode, bool lfe) => ByCodingMode[codingMode & 0x7] + (lfe ? 1 : 0);
    }

    /// <summary>alac inside an alac sample entry (ALACSpecificConfig, Apple's "magic cookie"): bit depth, channels and sample rate.</summary>
    public sealed class AlacSpecificBox : FullBox
    {
        /// <summary>frameLength: samples per frame.</summary>
        public uint FrameLength { get; private set; }

        /// <summary>bitDepth.</summary>
        public byte BitDepth { get; private set; }

        /// <summary>numChannels.</summary>
        public byte ChannelCount { get; private set; }

        /// <summary>avgBitRate.</summary>
        public uint AverageBitRate { get; private set; }

        /// <summary>sampleRate.</summary>
        public uint SampleRate { get; private set; }

        /// <inheritdoc />
        public override string Summary => $"depth={BitDepth} channels={ChannelCount} rate={SampleRate}";

        internal override void ReadFields(BoxDataReader reader, BoxReadOptions options)
        {
            FrameLength = reader.ReadUInt32();
            reader.Skip(1);
            BitDepth = reader.ReadByte();
            reader.Skip(3);
            ChannelCount = reader.ReadByte();
            reader.Skip(2 + 4);
            AverageBitRate = reader.ReadUInt32();
            SampleRate = reader.ReadUInt32();
        }
    }

    /// <summary>mhaC (MHADecoderConfigurationRecord, ISO/IEC 23008-3 20.5): the MPEG-H 3D Audio profile, level and reference channel layout.</summary>
    public sealed class MpegHConfigurationBox : Box
    {
        // ISO/IEC 23091-3 ChannelConfiguration (CICP): channels of each layout index, 0 where the index names none.
        private static readonly int[] CicpChannels = { 0, 1, 2, 3, 4, 5, 6, 8, 2, 3, 4, 7, 8, 24, 8, 12, 10, 12, 14, 12, 14 };

        /// <summary>configurationVersion.</summary>
        public byte ConfigurationVersion { get; private set; }

        /// <summary>mpegh3daProfileLevelIndication.</summary>
        public byte ProfileLevelIndication { get; private set; }

        /// <summary>referenceChannelLayout: a CICP ChannelConfiguration index.</summary>
        public byte ReferenceChannelLayout { get; private set; }

        /// <summary>The channels of the reference layout, when the index names one.</summary>
        public int? Channels => ReferenceChannelLayout < CicpChannels.Length && CicpChannels[ReferenceChannelLayout] > 0 ? CicpChannels[ReferenceChannelLayout] : (int?)null;

        /// <inheritdoc />
        public override string Summary => $"profile_level=0x{ProfileLevelIndication:X2} layout={ReferenceChannelLayout} channels={Channels}";

        internal override void ReadPayload(BoxDataReader reader, BoxReadOptions options)
        {
            ConfigurationVersion = reader.ReadByte();
            ProfileLevelIndication = reader.ReadByte();
            ReferenceChannelLayout = reader.ReadByte();
        }
    }

    /// <summary>dvcC, dvvC, dvwC (DOVIDecoderConfigurationRecord): the Dolby Vision profile and level.</summary>
    public sealed class DolbyVisionConfigurationBox : Box
    {
        /// <summary>dv_version_major.</summary>
        public byte VersionMajor { get; private set; }

        /// <summary>dv_version_minor.</summary>
        public byte VersionMinor { get; private set; }

        /// <summary>dv_profile.</summary>
        public int Profile { get; private set; }

        /// <summary>dv_level.</summary>
        public int Level { get; private set; }

        /// <summary>rpu_present_flag.</summary>
        public bool RpuPresent { get; private set; }

        /// <summary>el_present_flag.</summary>
        public bool EnhancementLayerPresent { get; private set; }

        /// <summary>bl_present_flag.</summary>
        public bool BaseLayerPresent { get; private set; }

        /// <summary>dv_bl_signal_compatibility_id.</summary>
        public int BaseLayerCompatibilityId { get; private set; }

        /// <inheritdoc />
        public override string Summary => $"version={VersionMajor}.{VersionMinor} profile={Profile} level={Level} compatibility={BaseLayerCompatibilityId}";

        internal override void ReadPayload(BoxDataReader reader, BoxReadOptions options)
        {
            VersionMajor = reader.ReadByte();
            VersionMinor = reader.ReadByte();
            ushort bits = reader.ReadUInt16();
            Profile = bits >> 9;
            Level = (bits >> 3) & 0x3F;
            RpuPresent = (bits & 0x4) != 0;
            EnhancementLayerPresent = (bits & 0x2) != 0;
            BaseLayerPresent = (bits & 0x1) != 0;
            if (reader.Remaining > 0) BaseLayerCompatibilityId = reader.ReadByte() >> 4;
        }
    }
}
