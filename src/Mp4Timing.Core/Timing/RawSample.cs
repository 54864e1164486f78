namespace Mp4Timing.Timing
{
    /// <summary>
    /// One sample on the media timeline, in decode order, as the tables store it: no edit list applied.
    /// A mutable struct filled in place by the sample readers, so walking a table allocates nothing.
    /// </summary>
    internal struct RawSample
    {
        /// <summary>1-based number in decode order, counted across moov and fragments.</summary>
        public long Number;

        /// <summary>Decode time in media ticks (stts sum, or tfdt + trun durations).</summary>
        public long DecodeTicks;

        /// <summary>Signed composition offset in media ticks (ctts or trun).</summary>
        public long CompositionOffset;

        /// <summary>Duration in media ticks (stts delta or trun/tfhd/trex duration).</summary>
        public long DurationTicks;

        /// <summary>Size in bytes.</summary>
        public long Size;

        /// <summary>Absolute file offset of the sample data.</summary>
        public long Offset;

        /// <summary>Sync sample (stss, or not sample_is_non_sync_sample).</summary>
        public bool IsSync;

        /// <summary>True when <see cref="Dependency"/> holds flags from sdtp or fragment sample flags.</summary>
        public bool HasDependency;

        /// <summary>is_leading, sample_depends_on, sample_is_depended_on, sample_has_redundancy (sdtp byte layout).</summary>
        public byte Dependency;

        /// <summary>1-based index into stsd.</summary>
        public uint SampleDescriptionIndex;

        /// <summary>1-based chunk number (progressive samples), else 0.</summary>
        public long Chunk;

        /// <summary>mfhd sequence number (fragment samples), else null.</summary>
        public uint? Fragment;

        /// <summary>The first sample of a track fragment (traf): its decode time is the tfdt's, or goes on from the fragment before.</summary>
        public bool StartsFragment;

        /// <summary>The track fragment this sample starts has a tfdt (only with <see cref="StartsFragment"/>).</summary>
        public bool HasFragmentDecodeTime;

        /// <summary>Composition time: decode time plus the composition offset (checked).</summary>
        public long CompositionTicks => checked(DecodeTicks + CompositionOffset);
    }
}
