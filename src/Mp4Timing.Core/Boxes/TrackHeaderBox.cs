using System;
using Mp4Timing.IO;

namespace Mp4Timing.Boxes
{
    /// <summary>tkhd (TrackHeaderBox): the track's ID, duration in movie ticks and visual size.</summary>
    public sealed class TrackHeaderBox : FullBox
    {
        /// <summary>creation_time.</summary>
        public long CreationTime { get; private set; }

        /// <summary>modification_time.</summary>
        public long ModificationTime { get; private set; }

        /// <summary>track_ID.</summary>
        public uint TrackId { get; private set; }

        /// <summary>duration, in movie ticks; -1 when unknown (all ones).</summary>
        public long Duration { get; private set; }

        /// <summary>layer.</summary>
        public short Layer { get; private set; }

        /// <summary>alternate_group.</summary>
        public short AlternateGroup { get; private set; }

        /// <summary>volume (8.8 fixed point).</summary>
        public double Volume { get; private set; }

        /// <summary>width (16.16 fixed point).</summary>
        public double Width { get; private set; }

        /// <summary>height (16.16 fixed point).</summary>
        public double Height { get; private set; }

        /// <summary>Flag 0x1, track_enabled.</summary>
        public bool Enabled => (Flags & 0x1) != 0;

        /// <inheritdoc />
        public override string Summary =>
            FormattableString.Invariant($"track_ID={TrackId} duration={Duration}{(Width > 0 ? $" {Width}x{Height}" : "")}{(Enabled ? "" : " disabled")}");

        internal override void ReadFields(BoxDataReader reader, BoxReadOptions options)
        {
            RequireVersion(reader, 1);
            bool wide = Version == 1;
            CreationTime = reader.ReadDuration(wide, "creation_time");
            ModificationTime = reader.ReadDuration(wide, "modification_time");
            TrackId = reader.ReadUInt32();
            reader.Skip(4);
            Duration = reader.ReadDuration(wide, "duration");
            reader.Skip(8);
            Layer = reader.ReadInt16();
            AlternateGroup = reader.ReadInt16();
            Volume = reader.ReadFixed8x8();
            reader.Skip(2 + 36);
            Width = reader.ReadFixed16x16();
            Height = reader.ReadFixed16x16();
        }
    }
}
