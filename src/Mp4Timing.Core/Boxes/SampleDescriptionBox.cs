using Mp4Timing.IO;

namespace Mp4Timing.Boxes
{
    /// <summary>stsd (SampleDescriptionBox): the sample entries (codecs) of a track, as child boxes.</summary>
    public sealed class SampleDescriptionBox : FullBox
    {
        /// <summary>entry_count.</summary>
        public uint EntryCount { get; private set; }

        /// <inheritdoc />
        public override string Summary => $"entry_count={EntryCount}";

        internal override bool HasChildren => true;

        internal override void ReadFields(BoxDataReader reader, BoxReadOptions options)
        {
            EntryCount = reader.ReadUInt32();
        }
    }

    /// <summary>dref (DataReferenceBox): where the media data lives; its url/urn entries follow as child boxes.</summary>
    public sealed class DataReferenceBox : FullBox
    {
        /// <summary>entry_count.</summary>
        public uint EntryCount { get; private set; }

        /// <inheritdoc />
        public override string Summary => $"entry_count={EntryCount}";

        internal override bool HasChildren => true;

        internal override void ReadFields(BoxDataReader reader, BoxReadOptions options)
        {
            EntryCount = reader.ReadUInt32();
        }
    }

    /// <summary>A full box that holds child boxes after its version and flags (meta, iinf without count...).</summary>
    public sealed class FullContainerBox : FullBox
    {
        /// <inheritdoc />
        public override string Summary => "";

        internal override bool HasChildren => true;

        internal override void ReadFields(BoxDataReader reader, BoxReadOptions options)
        {
        }
    }
}

namespace Mp4Timing.Boxes
{
    /// <summary>'url ' and 'urn ' (DataEntryUrlBox, DataEntryUrnBox): where a track's media data is; flag 1 means "in this file".</summary>
    public sealed class DataEntryBox : FullBox
    {
        /// <summary>Flag 0x1: the media data is in the same file as the movie box.</summary>
        public bool SelfContained => (Flags & 1) != 0;

        /// <summary>location (and name for urn), when the data is elsewhere.</summary>
        public string Location { get; private set; } = "";

        /// <inheritdoc />
        public override string Summary => SelfContained ? "self-contained" : $"location=\"{Location}\"";

        internal override void ReadFields(BoxDataReader reader, BoxReadOptions options)
        {
            if (!SelfContained && reader.Remaining > 0) Location = reader.ReadNullTerminatedString(1024);
        }
    }
}
