using System.Collections.Generic;
using Mp4Timing.IO;

namespace Mp4Timing.Boxes
{
    /// <summary>One tfra entry: a random access sample of a track and the fragment that holds it.</summary>
    public readonly struct TrackFragmentRandomAccessEntry
    {
        /// <summary>Creates an entry.</summary>
        public TrackFragmentRandomAccessEntry(long time, long moofOffset, uint trafNumber, uint trunNumber, uint sampleNumber)
        {
            Time = time;
            MoofOffset = moofOffset;
            TrafNumber = trafNumber;
            TrunNumber = trunNumber;
            SampleNumber = sampleNumber;
        }

        /// <summary>time, in media ticks.</summary>
        public long Time { get; }

        /// <summary>moof_offset.</summary>
        public long MoofOffset { get; }

        /// <summary>traf_number (1-based).</summary>
        public uint TrafNumber { get; }

        /// <summary>trun_number (1-based).</summary>
        public uint TrunNumber { get; }

        /// <summary>sample_number (1-based).</summary>
        public uint SampleNumber { get; }
    }

    /// <summary>tfra (TrackFragmentRandomAccessBox): random access points of one track in a fragmented file.</summary>
    public sealed class TrackFragmentRandomAccessBox : FullBox
    {
        /// <summary>track_ID.</summary>
        public uint TrackId { get; private set; }

        /// <summary>The entries.</summary>
        public IReadOnlyList<TrackFragmentRandomAccessEntry> Entries { get; private set; } = new TrackFragmentRandomAccessEntry[0];

        /// <inheritdoc />
        public override string Summary => $"track_ID={TrackId} entries={Entries.Count}";

        internal override void ReadFields(BoxDataReader reader, BoxReadOptions options)
        {
            RequireVersion(reader, 1);
            TrackId = reader.ReadUInt32();
            uint sizes = reader.ReadUInt32();
            int trafBytes = (int)((sizes >> 4) & 3) + 1;
            int trunBytes = (int)((sizes >> 2) & 3) + 1;
            int sampleBytes = (int)(sizes & 3) + 1;
            bool wide = Version == 1;
            int entrySize = (wide ? 16 : 8) + trafBytes + trunBytes + sampleBytes;
            int count = reader.CheckEntryCount(reader.ReadUInt32(), entrySize, "tfra");
            var entries = new TrackFragmentRandomAccessEntry[count];
            for (int i = 0; i < count; i++)
            {
                long time = reader.ReadUIntAsInt64(wide, "time");
                long moof = reader.ReadUIntAsInt64(wide, "moof_offset");
                entries[i] = new TrackFragmentRandomAccessEntry(time, moof, ReadVariable(reader, trafBytes), ReadVariable(reader, trunBytes), ReadVariable(reader, sampleBytes));
            }
            Entries = entries;
        }

        private static uint ReadVariable(BoxDataReader reader, int bytes)
        {
            uint value = 0;
            for (int i = 0; i < bytes; i++) value = (value << 8) | reader.ReadByte();
            return value;
        }
    }

    /// <summary>mfro (MovieFragmentRandomAccessOffsetBox): the size of the enclosing mfra, for finding it from the end of the file.</summary>
    public sealed class MovieFragmentRandomAccessOffsetBox : FullBox
    {
        /// <summary>size of the mfra box.</summary>
        public uint MfraSize { get; private set; }

        /// <inheritdoc />
        public override string Summary => $"mfra_size={MfraSize}";

        internal override void ReadFields(BoxDataReader reader, BoxReadOptions options)
        {
            MfraSize = reader.ReadUInt32();
        }
    }
}
