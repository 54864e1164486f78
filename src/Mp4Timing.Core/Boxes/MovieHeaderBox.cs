using Mp4Timing.IO;

namespace Mp4Timing.Boxes
{
    /// <summary>mvhd (MovieHeaderBox): the movie timescale, in which edit list durations are counted.</summary>
    public sealed class MovieHeaderBox : FullBox
    {
        /// <summary>creation_time (seconds since 1904-01-01 UTC).</summary>
        public long CreationTime { get; private set; }

        /// <summary>modification_time (seconds since 1904-01-01 UTC).</summary>
        public long ModificationTime { get; private set; }

        /// <summary>timescale: movie ticks per second.</summary>
        public uint Timescale { get; private set; }

        /// <summary>duration, in movie ticks (the longest track, edits applied); -1 when a version 1 box stores all 1s (unknown).</summary>
        public long Duration { get; private set; }

        /// <summary>rate (16.16 fixed point, 1.0 normal).</summary>
        public double Rate { get; private set; }

        /// <summary>volume (8.8 fixed point, 1.0 full).</summary>
        public double Volume { get; private set; }

        /// <summary>next_track_ID.</summary>
        public uint NextTrackId { get; private set; }

        /// <inheritdoc />
        public override string Summary => $"timescale={Timescale} duration={Duration} ({Seconds.Format(Duration, Timescale)})";

        internal override void ReadFields(BoxDataReader reader, BoxReadOptions options)
        {
            RequireVersion(reader, 1);
            bool wide = Version == 1;
            CreationTime = reader.ReadUIntAsInt64(wide, "creation_time");
            ModificationTime = reader.ReadUIntAsInt64(wide, "modification_time");
            Timescale = reader.ReadUInt32();
            Duration = reader.ReadDuration(wide);
            Rate = reader.ReadFixed16x16();
            Volume = reader.ReadFixed8x8();
            reader.Skip(2 + 8 + 36 + 24);
            NextTrackId = reader.ReadUInt32();
        }
    }
}
