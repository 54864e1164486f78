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
