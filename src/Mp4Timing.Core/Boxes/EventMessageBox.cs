using Mp4Timing.IO;

namespace Mp4Timing.Boxes
{
    /// <summary>emsg (DASHEventMessageBox): an in-band event (SCTE-35, ID3...).</summary>
    public sealed class EventMessageBox : FullBox
    {
        /// <summary>scheme_id_uri.</summary>
        public string SchemeIdUri { get; private set; } = "";

        /// <summary>value.</summary>
        public string Value { get; private set; } = "";

        /// <summary>timescale.</summary>
        public uint Timescale { get; private set; }

        /// <summary>presentation_time_delta (version 0), relative to the segment's earliest presentation time.</summary>
        public uint? PresentationTimeDelta { get; private set; }

        /// <summary>presentation_time (version 1), absolute.</summary>
        public long? PresentationTime { get; private set; }

        /// <summary>event_duration.</summary>
        public uint EventDuration { get; private set; }

        /// <summary>id.</summary>
        public uint Id { get; private set; }

        /// <summary>Size of message_data in bytes.</summary>
        public long MessageDataSize { get; private set; }

        /// <inheritdoc />
        public override string Summary =>
            $"scheme={SchemeIdUri} value={Value} time={(PresentationTime ?? PresentationTimeDelta)} duration={EventDuration} id={Id}";

        internal override void ReadFields(BoxDataReader reader, BoxReadOptions options)
        {
            RequireVersion(reader, 1);
            if (Version == 0)
            {
                SchemeIdUri = reader.ReadNullTerminatedString();
                Value = reader.ReadNullTerminatedString();
                Timescale = reader.ReadUInt32();
                PresentationTimeDelta = reader.ReadUInt32();
                EventDuration = reader.ReadUInt32();
                Id = reader.ReadUInt32();
            }
            else
            {
                Timescale = reader.ReadUInt32();
                PresentationTime = reader.ReadUIntAsInt64(true, "presentation_time");
                EventDuration = reader.ReadUInt32();
                Id = reader.ReadUInt32();
                SchemeIdUri = reader.ReadNullTerminatedString();
                Value = reader.ReadNullTerminatedString();
            }
            MessageDataSize = reader.Remaining;
        }
    }
}
