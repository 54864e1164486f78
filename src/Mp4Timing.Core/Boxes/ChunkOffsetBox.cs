using System.Collections.Generic;
using Mp4Timing.IO;

namespace Mp4Timing.Boxes
{
    /// <summary>stco (ChunkOffsetBox, 32-bit) and co64 (ChunkLargeOffsetBox): the absolute file offset of every chunk.</summary>
    public sealed class ChunkOffsetBox : SampleTableBox
    {
        /// <summary>True for co64.</summary>
        public bool IsLarge => Type == "co64";

        /// <summary>chunk_offset entries, when the table was read.</summary>
        public IReadOnlyList<long> ChunkOffsets { get; private set; } = new long[0];

        /// <inheritdoc />
        public override string Summary => $"entry_count={EntryCount}" + (ChunkOffsets.Count > 0 ? $" first={ChunkOffsets[0]}" : "");

        internal override int EntrySize => IsLarge ? 8 : 4;

        internal override void ReadFields(BoxDataReader reader, BoxReadOptions options)
        {
            int count = ReadEntryCount(reader);
            if (!options.MaterializeTables) return;
            var offsets = new long[count];
            for (int i = 0; i < count; i++)
            {
                offsets[i] = IsLarge ? reader.ReadInt64() : reader.ReadUInt32();
            }
            ChunkOffsets = offsets;
        }
    }
}
