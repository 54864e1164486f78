using System.Collections.Generic;
using Mp4Timing.IO;

namespace Mp4Timing.Boxes
{
    /// <summary>One stsc entry: from FirstChunk on (until the next entry's first chunk), each chunk holds SamplesPerChunk samples.</summary>
    public readonly struct SampleToChunkEntry
    {
        /// <summary>Creates an entry.</summary>
        public SampleToChunkEntry(uint firstChunk, uint samplesPerChunk, uint sampleDescriptionIndex)
        {
            FirstChunk = firstChunk;
            SamplesPerChunk = samplesPerChunk;
            SampleDescriptionIndex = sampleDescriptionIndex;
        }

        /// <summary>first_chunk (1-based).</summary>
        public uint FirstChunk { get; }

        /// <summary>samples_per_chunk.</summary>
        public uint SamplesPerChunk { get; }

        /// <summary>sample_description_index (1-based into stsd).</summary>
        public uint SampleDescriptionIndex { get; }

        /// <inheritdoc />
        public override string ToString() => $"first_chunk={FirstChunk} samples_per_chunk={SamplesPerChunk} sdi={SampleDescriptionIndex}";
    }

    /// <summary>stsc (SampleToChunkBox): how many samples each chunk holds, run-length coded by chunk.</summary>
    public sealed class SampleToChunkBox : SampleTableBox
    {
        /// <summary>The entries, when the table was read.</summary>
        public IReadOnlyList<SampleToChunkEntry> Entries { get; private set; } = new SampleToChunkEntry[0];

        /// <inheritdoc />
        public override string Summary => $"entry_count={EntryCount}" + (Entries.Count > 0 ? $" [{Entries[0]}{(Entries.Count > 1 ? " ..." : "")}]" : "");

        internal override int EntrySize => 12;

        internal override void ReadFields(BoxDataReader reader, BoxReadOptions options)
        {
            int count = ReadEntryCount(reader);
            if (!options.MaterializeTables) return;
            var entries = new SampleToChunkEntry[count];
            for (int i = 0; i < count; i++)
            {
                entries[i] = new SampleToChunkEntry(reader.ReadUInt32(), reader.ReadUInt32(), reader.ReadUInt32());
            }
            Entries = entries;
        }
    }
}
