using System.IO;
using Mp4Timing.Boxes;
using Mp4Timing.IO;

namespace Mp4Timing.Ffmpeg
{
    /// <summary>
    /// Reads whole sample tables into arrays, as stored, for the ffmpeg model (which, like ffmpeg,
    /// needs random access to its index). Each count was checked against its box when the box was
    /// read, so no array is larger than the bytes behind it.
    /// </summary>
    internal sealed class TableArrays
    {
        private readonly Stream _stream;
        private readonly string? _source;

        public TableArrays(Stream stream, string? source)
        {
            _stream = stream;
            _source = source;
        }

        /// <summary>(count, value) pairs, both as raw 32-bit words.</summary>
        public (uint Count, uint Value)[] Pairs(SampleTableBox? box)
        {
            if (box is null) return new (uint, uint)[0];
            BoxDataReader reader = Open(box.BoxPath, box.EntriesOffset, box.Offset + box.Size);
            var pairs = new (uint, uint)[box.EntryCount];
            for (int i = 0; i < pairs.Length; i++) pairs[i] = (reader.ReadUInt32(), reader.ReadUInt32());
            return pairs;
        }

        public uint[] Words(SampleTableBox? box)
        {
            if (box is null) return new uint[0];
            BoxDataReader reader = Open(box.BoxPath, box.EntriesOffset, box.Offset + box.Size);
            var words = new uint[box.EntryCount];
            for (int i = 0; i < words.Length; i++) words[i] = reader.ReadUInt32();
            return words;
        }

        public (uint First, uint Count, uint Id)[] SampleToChunk(SampleToChunkBox? box)
        {
            if (box is null) return new (uint, uint, uint)[0];
            BoxDataReader reader = Open(box.BoxPath, box.EntriesOffset, box.Offset + box.Size);
            var entries = new (uint, uint, uint)[box.EntryCount];
            for (int i = 0; i < entries.Length; i++) entries[i] = (reader.ReadUInt32(), reader.ReadUInt32(), reader.ReadUInt32());
            return entries;
        }

        public long[] ChunkOffsets(ChunkOffsetBox? box)
        {
            if (box is null) return new long[0];
            BoxDataReader reader = Open(box.BoxPath, box.EntriesOffset, box.Offset + box.Size);
            var offsets = new long[box.EntryCount];
            for (int i = 0; i < offsets.Length; i++) offsets[i] = box.IsLarge ? reader.ReadInt64() : reader.ReadUInt32();
            return offsets;
        }

        /// <summary>Per-sample sizes (empty when the size is constant), decoded by the same cursor the ISO reading uses.</summary>
        public uint[] Sizes(SampleSizeBox box)
        {
            if (box.ConstantSampleSize != 0) return new uint[0];
            var cursor = new Timing.SizeCursor(_stream, _source, box);
            var sizes = new uint[box.SampleCount];
            for (int i = 0; i < sizes.Length; i++) sizes[i] = (uint)cursor.Next();
            return sizes;
        }

        private BoxDataReader Open(string boxPath, long start, long end)
        {
            var reader = new BoxDataReader(_stream, _source, 16 * 1024) { BoxPath = boxPath };
            reader.Seek(start, end);
            return reader;
        }
    }
}
