using Mp4Timing.IO;

namespace Mp4Timing.Boxes
{
    /// <summary>trex (TrackExtendsBox): the defaults that fragments of a track fall back on.</summary>
    public sealed class TrackExtendsBox : FullBox
    {
        /// <summary>track_ID.</summary>
        public uint TrackId { get; private set; }

        /// <summary>default_sample_description_index.</summary>
        public uint DefaultSampleDescriptionIndex { get; private set; }

        /// <summary>default_sample_duration.</summary>
        public uint DefaultSampleDuration { get; private set; }

        /// <summary>default_sample_size.</summary>
        public uint DefaultSampleSize { get; private set; }

        /// <summary>default_sample_flags.</summary>
        public uint DefaultSampleFlags { get; private set; }

        /// <inheritdoc />
        public override string Summary =>
            $"track_ID={TrackId} duration={DefaultSampleDuration} size={DefaultSampleSize} flags=0x{DefaultSampleFlags:X8}";

        internal override void ReadFields(BoxDataReader reader, BoxReadOptions options)
        {
            TrackId = reader.ReadUInt32();
            DefaultSampleDescriptionIndex = reader.ReadUInt32();
            DefaultSampleDuration = reader.ReadUInt32();
            DefaultSampleSize = reader.ReadUInt32();
            DefaultSampleFlags = reader.ReadUInt32();
        }
    }

    /// <summary>mehd (MovieExtendsHeaderBox): the duration of the whole fragmented movie, in movie ticks.</summary>
    public sealed class MovieExtendsHeaderBox : FullBox
    {
        /// <summary>fragment_duration.</summary>
        public long FragmentDuration { get; private set; }

        /// <inheritdoc />
        public override string Summary => $"fragment_duration={FragmentDuration}";

        internal override void ReadFields(BoxDataReader reader, BoxReadOptions options)
        {
            FragmentDuration = reader.ReadDuration(Version == 1, "fragment_duration");
        }
    }
}
