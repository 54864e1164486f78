using System;
using System.Collections.Generic;
using Mp4Timing.IO;

namespace Mp4Timing.Boxes
{
    /// <summary>pssh (ProtectionSystemSpecificHeaderBox): DRM system data.</summary>
    public sealed class ProtectionSystemHeaderBox : FullBox
    {
        /// <summary>SystemID (e.g. edef8ba9-79d6-4ace-a3c8-27dcd51d21ed for Widevine).</summary>
        public Guid SystemId { get; private set; }

        /// <summary>KIDs (version 1).</summary>
        public IReadOnlyList<Guid> KeyIds { get; private set; } = new Guid[0];

        /// <summary>DataSize.</summary>
        public uint DataSize { get; private set; }

        /// <inheritdoc />
        public override string Summary => $"system={SystemId} kids={KeyIds.Count} data={DataSize} bytes";

        internal override void ReadFields(BoxDataReader reader, BoxReadOptions options)
        {
            SystemId = reader.ReadUuid();
            if (Version > 0)
            {
                int count = reader.CheckEntryCount(reader.ReadUInt32(), 16, "pssh KID");
                var ids = new Guid[count];
                for (int i = 0; i < count; i++) ids[i] = reader.ReadUuid();
                KeyIds = ids;
            }
            DataSize = reader.ReadUInt32();
        }
    }

    /// <summary>senc (SampleEncryptionBox): per-sample IVs and subsample maps; only counted here.</summary>
    public sealed class SampleEncryptionBox : FullBox
    {
        /// <summary>sample_count.</summary>
        public uint SampleCount { get; private set; }

        /// <summary>Flag 0x2: subsample encryption maps are present.</summary>
        public bool UsesSubsampleEncryption => (Flags & 0x2) != 0;

        /// <inheritdoc />
        public override string Summary => $"sample_count={SampleCount}" + (UsesSubsampleEncryption ? " subsamples" : "");

        internal override void ReadFields(BoxDataReader reader, BoxReadOptions options)
        {
            SampleCount = reader.ReadUInt32();
        }
    }

    /// <summary>saiz (SampleAuxiliaryInformationSizesBox).</summary>
    public sealed class SampleAuxiliaryInformationSizesBox : FullBox
    {
        /// <summary>aux_info_type, when flag 1 is set.</summary>
        public string? AuxInfoType { get; private set; }

        /// <summary>default_sample_info_size (0: each sample has its own size).</summary>
        public byte DefaultSampleInfoSize { get; private set; }

        /// <summary>sample_count.</summary>
        public uint SampleCount { get; private set; }

        /// <inheritdoc />
        public override string Summary => $"default_size={DefaultSampleInfoSize} sample_count={SampleCount}";

        internal override void ReadFields(BoxDataReader reader, BoxReadOptions options)
        {
            if ((Flags & 1) != 0)
            {
                AuxInfoType = reader.ReadFourCC().ToString();
                reader.Skip(4);
            }
            DefaultSampleInfoSize = reader.ReadByte();
            SampleCount = reader.ReadUInt32();
        }
    }

    /// <summary>saio (SampleAuxiliaryInformationOffsetsBox).</summary>
    public sealed class SampleAuxiliaryInformationOffsetsBox : FullBox
    {
        /// <summary>aux_info_type, when flag 1 is set.</summary>
        public string? AuxInfoType { get; private set; }

        /// <summary>entry_count.</summary>
        public uint EntryCount { get; private set; }

        /// <inheritdoc />
        public override string Summary => $"entry_count={EntryCount}";

        internal override void ReadFields(BoxDataReader reader, BoxReadOptions options)
        {
            if ((Flags & 1) != 0)
            {
                AuxInfoType = reader.ReadFourCC().ToString();
                reader.Skip(4);
            }
            EntryCount = reader.ReadUInt32();
        }
    }

    /// <summary>frma (OriginalFormatBox): the codec of an encrypted (encv/enca) sample entry.</summary>
    public sealed class OriginalFormatBox : Box
    {
        /// <summary>data_format.</summary>
        public string DataFormat { get; private set; } = "";

        /// <inheritdoc />
        public override string Summary => $"data_format={DataFormat}";

        internal override void ReadPayload(BoxDataReader reader, BoxReadOptions options)
        {
            DataFormat = reader.ReadFourCC().ToString();
        }
    }

    /// <summary>schm (SchemeTypeBox): the protection scheme (cenc, cbcs...).</summary>
    public sealed class SchemeTypeBox : FullBox
    {
        /// <summary>scheme_type.</summary>
        public string SchemeType { get; private set; } = "";

        /// <summary>scheme_version.</summary>
        public uint SchemeVersion { get; private set; }

        /// <inheritdoc />
        public override string Summary => $"scheme={SchemeType} version=0x{SchemeVersion:X}";

        internal override void ReadFields(BoxDataReader reader, BoxReadOptions options)
        {
            SchemeType = reader.ReadFourCC().ToString();
            SchemeVersion = reader.ReadUInt32();
        }
    }

    /// <summary>tenc (TrackEncryptionBox): default protection of a track's samples.</summary>
    public sealed class TrackEncryptionBox : FullBox
    {
        /// <summary>default_isProtected.</summary>
        public byte DefaultIsProtected { get; private set; }

        /// <summary>default_Per_Sample_IV_Size.</summary>
        public byte DefaultPerSampleIvSize { get; private set; }

        /// <summary>default_KID.</summary>
        public Guid DefaultKeyId { get; private set; }

        /// <inheritdoc />
        public override string Summary => $"protected={DefaultIsProtected} iv_size={DefaultPerSampleIvSize} kid={DefaultKeyId}";

        internal override void ReadFields(BoxDataReader reader, BoxReadOptions options)
        {
            reader.Skip(2);
            DefaultIsProtected = reader.ReadByte();
            DefaultPerSampleIvSize = reader.ReadByte();
            DefaultKeyId = reader.ReadUuid();
        }
    }
}
