using System;
using System.Collections.Generic;
using System.Linq;
using Mp4Timing.IO;

namespace Mp4Timing.Boxes
{
    /// <summary>One edit: plays media [MediaTime, MediaTime + SegmentDuration) at the current point of the presentation.</summary>
    public sealed class EditListEntry
    {
        internal EditListEntry(long segmentDuration, long mediaTime, short mediaRateInteger, short mediaRateFraction)
        {
            SegmentDuration = segmentDuration;
            MediaTime = mediaTime;
            MediaRateInteger = mediaRateInteger;
            MediaRateFraction = mediaRateFraction;
        }

        /// <summary>segment_duration, in movie (mvhd) ticks.</summary>
        public long SegmentDuration { get; }

        /// <summary>media_time, in media (mdhd) ticks; -1 marks an empty edit.</summary>
        public long MediaTime { get; }

        /// <summary>media_rate_integer.</summary>
        public short MediaRateInteger { get; }

        /// <summary>media_rate_fraction.</summary>
        public short MediaRateFraction { get; }

        /// <summary>The media rate (16.16 fixed point: the fraction is the unsigned low half): 1 plays, 0 holds (dwells on) the sample at MediaTime.</summary>
        public double MediaRate => MediaRateInteger + (ushort)MediaRateFraction / 65536.0;

        /// <summary>True for an empty edit (media_time -1): time passes with nothing shown.</summary>
        public bool IsEmpty => MediaTime == -1;

        /// <inheritdoc />
        public override string ToString() => FormattableString.Invariant($"duration={SegmentDuration} media_time={MediaTime} rate={MediaRate}");
    }

    /// <summary>elst (EditListBox): maps the media timeline onto the presentation timeline.</summary>
    public sealed class EditListBox : FullBox
    {
        /// <summary>The edits, in presentation order.</summary>
        public IReadOnlyList<EditListEntry> Entries { get; private set; } = new EditListEntry[0];

        /// <inheritdoc />
        public override string Summary => string.Join("; ", Entries.Select(e => e.ToString()));

        internal override void ReadFields(BoxDataReader reader, BoxReadOptions options)
        {
            RequireVersion(reader, 1);
            bool wide = Version == 1;
            int count = reader.CheckEntryCount(reader.ReadUInt32(), wide ? 20 : 12, "elst");
            var entries = new EditListEntry[count];
            for (int i = 0; i < count; i++)
            {
                long duration = reader.ReadUIntAsInt64(wide, "segment_duration");
                long mediaTime = wide ? reader.ReadInt64() : reader.ReadInt32();
                short rateInteger = reader.ReadInt16();
                short rateFraction = reader.ReadInt16();
                entries[i] = new EditListEntry(duration, mediaTime, rateInteger, rateFraction);
            }
            Entries = entries;
        }
    }
}
