using System.Collections.Generic;
using Mp4Timing.IO;

namespace Mp4Timing.Boxes
{
    /// <summary>mfhd (MovieFragmentHeaderBox): the fragment's sequence number.</summary>
    public sealed class MovieFragmentHeaderBox : FullBox
    {
        /// <summary>sequence_number.</summary>
        public uint SequenceNumber { get; private set; }

        /// <inheritdoc />
        public override string Summary => $"sequence_number={SequenceNumber}";

        internal override void ReadFields(BoxDataReader reader, BoxReadOptions options)
        {
            SequenceNumber = reader.ReadUInt32();
        }
    }

    /// <summary>tfhd (TrackFragmentHeaderBox): the track of a traf, its data base and per-fragment defaults.</summary>
    public sealed class TrackFragmentHeaderBox : FullBox
    {
        /// <summary>Flag: base_data_offset present.</summary>
        public const uint BaseDataOffsetPresent = 0x000001;
        /// <summary>Flag: sample_description_index present.</summary>
        public const uint SampleDescriptionIndexPresent = 0x000002;
        /// <summary>Flag: default_sample_duration present.</summary>
        public const uint DefaultSampleDurationPresent = 0x000008;
        /// <summary>Flag: default_sample_size present.</summary>
        public const uint DefaultSampleSizePresent = 0x000010;
        /// <summary>Flag: default_sample_flags present.</summary>
        public const uint DefaultSampleFlagsPresent = 0x000020;
        /// <summary>Flag: duration-is-empty.</summary>
        public const uint DurationIsEmptyFlag = 0x010000;
        /// <summary>Flag: default-base-is-moof.</summary>
        public const uint DefaultBaseIsMoofFlag = 0x020000;

        /// <summary>track_ID.</summary>
        public uint TrackId { get; private set; }

        /// <summary>base_data_offset, when present.</summary>
        public long? BaseDataOffset { get; private set; }

        /// <summary>sample_description_index, when present.</summary>
        public uint? SampleDescriptionIndex { get; private set; }

        /// <summary>default_sample_duration, when present.</summary>
        public uint? DefaultSampleDuration { get; private set; }

        /// <summary>default_sample_size, when present.</summary>
        public uint? DefaultSampleSize { get; private set; }

        /// <summary>default_sample_flags, when present.</summary>
        public uint? DefaultSampleFlags { get; private set; }

        /// <summary>duration-is-empty: the fragment has no samples, only a duration.</summary>
        public bool DurationIsEmpty => (Flags & DurationIsEmptyFlag) != 0;

        /// <summary>default-base-is-moof: data offsets count from the start of the moof.</summary>
        public bool DefaultBaseIsMoof => (Flags & DefaultBaseIsMoofFlag) != 0;

        /// <inheritdoc />
        public override string Summary
        {
            get
            {
                var parts = new List<string> { $"track_ID={TrackId}" };
                if (BaseDataOffset.HasValue) parts.Add($"base_data_offset={BaseDataOffset}");
                if (SampleDescriptionIndex.HasValue) parts.Add($"sdi={SampleDescriptionIndex}");
                if (DefaultSampleDuration.HasValue) parts.Add($"duration={DefaultSampleDuration}");
                if (DefaultSampleSize.HasValue) parts.Add($"size={DefaultSampleSize}");
                if (DefaultSampleFlags.HasValue) parts.Add($"flags=0x{DefaultSampleFlags:X8}");
                if (DefaultBaseIsMoof) parts.Add("default-base-is-moof");
                if (DurationIsEmpty) parts.Add("duration-is-empty");
                return string.Join(" ", parts);
            }
        }

        internal override void ReadFields(BoxDataReader reader, BoxReadOptions options)
        {
            TrackId = reader.ReadUInt32();
            if ((Flags & BaseDataOffsetPresent) != 0) BaseDataOffset = reader.ReadUIntAsInt64(true, "base_data_offset");
            if ((Flags & SampleDescriptionIndexPresent) != 0) SampleDescriptionIndex = reader.ReadUInt32();
            if ((Flags & DefaultSampleDurationPresent) != 0) DefaultSampleDuration = reader.ReadUInt32();
            if ((Flags & DefaultSampleSizePresent) != 0) DefaultSampleSize = reader.ReadUInt32();
            if ((Flags & DefaultSampleFlagsPresent) != 0) DefaultSampleFlags = reader.ReadUInt32();
        }
    }

    /// <summary>tfdt (TrackFragmentBaseMediaDecodeTimeBox): the decode time of the fragment's first sample, in media ticks.</summary>
    public sealed class TrackFragmentDecodeTimeBox : FullBox
    {
        /// <summary>baseMediaDecodeTime.</summary>
        public long BaseMediaDecodeTime { get; private set; }

        /// <inheritdoc />
        public override string Summary => $"baseMediaDecodeTime={BaseMediaDecodeTime}";

        internal override void ReadFields(BoxDataReader reader, BoxReadOptions options)
        {
            RequireVersion(reader, 1);
            BaseMediaDecodeTime = reader.ReadUIntAsInt64(Version == 1, "baseMediaDecodeTime");
        }
    }

    /// <summary>One trun sample; absent fields fall back on tfhd, then trex defaults.</summary>
    public readonly struct TrackRunSample
    {
        /// <summary>Creates a sample record.</summary>
        public TrackRunSample(uint? duration, uint? size, uint? flags, long? compositionTimeOffset)
        {
            Duration = duration;
            Size = size;
            Flags = flags;
            CompositionTimeOffset = compositionTimeOffset;
        }

        /// <summary>sample_duration, when present.</summary>
        public uint? Duration { get; }

        /// <summary>sample_size, when present.</summary>
        public uint? Size { get; }

        /// <summary>sample_flags, when present.</summary>
        public uint? Flags { get; }

        /// <summary>sample_composition_time_offset (signed), when present.</summary>
        public long? CompositionTimeOffset { get; }

        /// <inheritdoc />
        public override string ToString() => $"duration={Duration} size={Size} flags={Flags:X8} cto={CompositionTimeOffset}";
    }

    /// <summary>
    /// trun (TrackRunBox): a run of contiguous samples of a track fragment. Composition offsets are read
    /// as signed 32-bit in both versions (writers store negative values in version 0 too).
    /// </summary>
    public sealed class TrackRunBox : FullBox
    {
        /// <summary>Flag: data_offset present.</summary>
        public const uint DataOffsetPresent = 0x000001;
        /// <summary>Flag: first_sample_flags present.</summary>
        public const uint FirstSampleFlagsPresent = 0x000004;
        /// <summary>Flag: sample_duration present per sample.</summary>
        public const uint SampleDurationPresent = 0x000100;
        /// <summary>Flag: sample_size present per sample.</summary>
        public const uint SampleSizePresent = 0x000200;
        /// <summary>Flag: sample_flags present per sample.</summary>
        public const uint SampleFlagsPresent = 0x000400;
        /// <summary>Flag: sample_composition_time_offset present per sample.</summary>
        public const uint SampleCompositionTimeOffsetPresent = 0x000800;

        /// <summary>sample_count.</summary>
        public uint SampleCount { get; private set; }

        /// <summary>data_offset (relative to the base data offset), when present.</summary>
        public int? DataOffset { get; private set; }

        /// <summary>first_sample_flags, when present.</summary>
        public uint? FirstSampleFlags { get; private set; }

        /// <summary>Absolute offset of the first per-sample record.</summary>
        public long EntriesOffset { get; private set; }

        /// <summary>Bytes per sample record (0 to 16, by the flags).</summary>
        public int EntrySize { get; private set; }

        /// <summary>The per-sample records, when the table was read.</summary>
        public IReadOnlyList<TrackRunSample> Samples { get; private set; } = new TrackRunSample[0];

        /// <inheritdoc />
        public override string Summary =>
            $"sample_count={SampleCount}" + (DataOffset.HasValue ? $" data_offset={DataOffset}" : "")
            + (FirstSampleFlags.HasValue ? $" first_sample_flags=0x{FirstSampleFlags:X8}" : "");

        internal override void ReadFields(BoxDataReader reader, BoxReadOptions options)
        {
            RequireVersion(reader, 1);
            SampleCount = reader.ReadUInt32();
            if ((Flags & DataOffsetPresent) != 0) DataOffset = reader.ReadInt32();
            if ((Flags & FirstSampleFlagsPresent) != 0) FirstSampleFlags = reader.ReadUInt32();
            EntrySize = RecordSize(Flags);
            EntriesOffset = reader.Position;
            if (EntrySize == 0)
            {
                // Samples without records take their sizes from defaults: each holds at least a byte of the file.
                if (SampleCount > reader.StreamLength)
                {
                    throw reader.Fail(Mp4ErrorKind.InvalidField, $"trun claims {SampleCount} samples without per-sample fields, more than the file has bytes ({reader.StreamLength})", Offset + HeaderSize + 4);
                }
                return;
            }
            int count = reader.CheckEntryCount(SampleCount, EntrySize, "trun");
            if (!options.MaterializeTables) return;
            var samples = new TrackRunSample[count];
            for (int i = 0; i < count; i++)
            {
                uint? duration = (Flags & SampleDurationPresent) != 0 ? reader.ReadUInt32() : (uint?)null;
                uint? size = (Flags & SampleSizePresent) != 0 ? reader.ReadUInt32() : (uint?)null;
                uint? flags = (Flags & SampleFlagsPresent) != 0 ? reader.ReadUInt32() : (uint?)null;
                long? offset = (Flags & SampleCompositionTimeOffsetPresent) != 0 ? reader.ReadInt32() : (long?)null;
                samples[i] = new TrackRunSample(duration, size, flags, offset);
            }
            Samples = samples;
        }

        internal static int RecordSize(uint flags)
        {
            int size = 0;
            if ((flags & SampleDurationPresent) != 0) size += 4;
            if ((flags & SampleSizePresent) != 0) size += 4;
            if ((flags & SampleFlagsPresent) != 0) size += 4;
            if ((flags & SampleCompositionTimeOffsetPresent) != 0) size += 4;
            return size;
        }
    }
}
