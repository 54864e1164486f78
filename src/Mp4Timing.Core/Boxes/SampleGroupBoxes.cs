using System.Collections.Generic;
using Mp4Timing.IO;

namespace Mp4Timing.Boxes
{
    /// <summary>sgpd (SampleGroupDescriptionBox): the descriptions of one grouping type (roll, seig, sync...).</summary>
    public sealed class SampleGroupDescriptionBox : FullBox
    {
        /// <summary>grouping_type.</summary>
        public string GroupingType { get; private set; } = "";

        /// <summary>default_length (version 1; 0 = each entry has its own length).</summary>
        public uint DefaultLength { get; private set; }

        /// <summary>default_group_description_index (version 2 and later).</summary>
        public uint DefaultGroupDescriptionIndex { get; private set; }

        /// <summary>entry_count.</summary>
        public uint EntryCount { get; private set; }

        /// <inheritdoc />
        public override string Summary => $"grouping_type={GroupingType} entry_count={EntryCount}";

        internal override void ReadFields(BoxDataReader reader, BoxReadOptions options)
        {
            GroupingType = reader.ReadFourCC().ToString();
            if (Version == 1) DefaultLength = reader.ReadUInt32();
            if (Version >= 2) DefaultGroupDescriptionIndex = reader.ReadUInt32();
            EntryCount = reader.ReadUInt32();
        }
    }

    /// <summary>One sbgp run: SampleCount consecutive samples belong to group description GroupDescriptionIndex (0 = none).</summary>
    public readonly struct SampleToGroupEntry
    {
        /// <summary>Creates an entry.</summary>
        public SampleToGroupEntry(uint sampleCount, uint groupDescriptionIndex)
        {
            SampleCount = sampleCount;
            GroupDescriptionIndex = groupDescriptionIndex;
        }

        /// <summary>sample_count.</summary>
        public uint SampleCount { get; }

        /// <summary>group_description_index.</summary>
        public uint GroupDescriptionIndex { get; }

        /// <inheritdoc />
        public override string ToString() => $"{SampleCount}→{GroupDescriptionIndex}";
    }

    /// <summary>sbgp (SampleToGroupBox): which samples belong to which group description.</summary>
    public sealed class SampleToGroupBox : SampleTableBox
    {
        /// <summary>grouping_type.</summary>
        public string GroupingType { get; private set; } = "";

        /// <summary>grouping_type_parameter (version 1).</summary>
        public uint GroupingTypeParameter { get; private set; }

        /// <summary>The runs, when the table was read.</summary>
        public IReadOnlyList<SampleToGroupEntry> Entries { get; private set; } = new SampleToGroupEntry[0];

        /// <inheritdoc />
        public override string Summary => $"grouping_type={GroupingType} entry_count={EntryCount}";

        internal override int EntrySize => 8;

        internal override void ReadFields(BoxDataReader reader, BoxReadOptions options)
        {
            GroupingType = reader.ReadFourCC().ToString();
            if (Version == 1) GroupingTypeParameter = reader.ReadUInt32();
            int count = ReadEntryCount(reader);
            if (!options.MaterializeTables) return;
            var entries = new SampleToGroupEntry[count];
            for (int i = 0; i < count; i++) entries[i] = new SampleToGroupEntry(reader.ReadUInt32(), reader.ReadUInt32());
            Entries = entries;
        }
    }
}
