using System.Collections.Generic;
using Mp4Timing.IO;

namespace Mp4Timing.Boxes
{
    /// <summary>One sidx reference: a subsegment (or a nested sidx) and its duration.</summary>
    public readonly struct SegmentReference
    {
        /// <summary>Creates a reference.</summary>
        public SegmentReference(bool referencesIndex, uint referencedSize, uint subsegmentDuration, bool startsWithSap, int sapType, uint sapDeltaTime)
        {
            ReferencesIndex = referencesIndex;
            ReferencedSize = referencedSize;
            SubsegmentDuration = subsegmentDuration;
            StartsWithSap = startsWithSap;
            SapType = sapType;
            SapDeltaTime = sapDeltaTime;
        }

        /// <summary>reference_type: true when it points at another sidx.</summary>
        public bool ReferencesIndex { get; }

        /// <summary>referenced_size in bytes.</summary>
        public uint ReferencedSize { get; }

        /// <summary>subsegment_duration in sidx ticks.</summary>
        public uint SubsegmentDuration { get; }

        /// <summary>starts_with_SAP.</summary>
        public bool StartsWithSap { get; }

        /// <summary>SAP_type.</summary>
        public int SapType { get; }

        /// <summary>SAP_delta_time.</summary>
        public uint SapDeltaTime { get; }
    }

    /// <summary>sidx (SegmentIndexBox): the byte ranges and durations of the subsegments that follow.</summary>
    public sealed class SegmentIndexBox : FullBox
    {
        /// <summary>reference_ID.</summary>
        public uint ReferenceId { get; private set; }

        /// <summary>timescale.</summary>
        public uint Timescale { get; private set; }

        /// <summary>earliest_presentation_time.</summary>
        public long EarliestPresentationTime { get; private set; }

        /// <summary>first_offset.</summary>
        public long FirstOffset { get; private set; }

        /// <summary>The references.</summary>
        public IReadOnlyList<SegmentReference> References { get; private set; } = new SegmentReference[0];

        /// <inheritdoc />
        public override string Summary =>
            $"reference_ID={ReferenceId} timescale={Timescale} earliest_presentation_time={EarliestPresentationTime} references={References.Count}";

        internal override void ReadFields(BoxDataReader reader, BoxReadOptions options)
        {
            RequireVersion(reader, 1);
            ReferenceId = reader.ReadUInt32();
            Timescale = reader.ReadUInt32();
            EarliestPresentationTime = reader.ReadUIntAsInt64(Version == 1, "earliest_presentation_time");
            FirstOffset = reader.ReadUIntAsInt64(Version == 1, "first_offset");
            reader.Skip(2);
            int count = reader.CheckEntryCount(reader.ReadUInt16(), 12, "sidx");
            var references = new SegmentReference[count];
            for (int i = 0; i < count; i++)
            {
                uint sizeWord = reader.ReadUInt32();
                uint duration = reader.ReadUInt32();
                uint sapWord = reader.ReadUInt32();
                references[i] = new SegmentReference((sizeWord & 0x80000000) != 0, sizeWord & 0x7FFFFFFF, duration,
                    (sapWord & 0x80000000) != 0, (int)((sapWord >> 28) & 0x7), sapWord & 0x0FFFFFFF);
            }
            References = references;
        }
    }
}
