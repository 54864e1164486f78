using Mp4Timing.IO;

namespace Mp4Timing.Boxes
{
    /// <summary>cslg (CompositionToDecodeBox): bounds of the composition offsets and the shift that makes them non-negative.</summary>
    public sealed class CompositionToDecodeBox : FullBox
    {
        /// <summary>compositionToDTSShift.</summary>
        public long CompositionToDtsShift { get; private set; }

        /// <summary>leastDecodeToDisplayDelta.</summary>
        public long LeastDecodeToDisplayDelta { get; private set; }

        /// <summary>greatestDecodeToDisplayDelta.</summary>
        public long GreatestDecodeToDisplayDelta { get; private set; }

        /// <summary>compositionStartTime.</summary>
        public long CompositionStartTime { get; private set; }

        /// <summary>compositionEndTime.</summary>
        public long CompositionEndTime { get; private set; }

        /// <inheritdoc />
        public override string Summary =>
            $"shift={CompositionToDtsShift} least={LeastDecodeToDisplayDelta} greatest={GreatestDecodeToDisplayDelta} start={CompositionStartTime} end={CompositionEndTime}";

        internal override void ReadFields(BoxDataReader reader, BoxReadOptions options)
        {
            RequireVersion(reader, 1);
            bool wide = Version == 1;
            CompositionToDtsShift = wide ? reader.ReadInt64() : reader.ReadInt32();
            LeastDecodeToDisplayDelta = wide ? reader.ReadInt64() : reader.ReadInt32();
            GreatestDecodeToDisplayDelta = wide ? reader.ReadInt64() : reader.ReadInt32();
            CompositionStartTime = wide ? reader.ReadInt64() : reader.ReadInt32();
            CompositionEndTime = wide ? reader.ReadInt64() : reader.ReadInt32();
        }
    }
}
