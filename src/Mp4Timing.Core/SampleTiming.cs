namespace Mp4Timing
{
    /// <summary>Which rules turn media times into presentation times.</summary>
    public enum TimingConvention
    {
        /// <summary>ISO/IEC 14496-12: the edit list as the specification defines it.</summary>
        Iso,
        /// <summary>What ffmpeg 5.1's MP4/MOV demuxer reports (ffprobe -show_packets).</summary>
        Ffmpeg,
    }

    /// <summary>
    /// When one sample is decoded and presented. Ticks are exact integers in the track's media
    /// timescale; the seconds properties are derived from them.
    /// </summary>
    public sealed class SampleTiming
    {
        private readonly Mp4Track _track;

        internal SampleTiming(Mp4Track track, string? path, TimingConvention convention)
        {
            _track = track;
            Path = path;
            ConventionKind = convention;
        }

        /// <summary>The file the sample was read from.</summary>
        public string? Path { get; }

        /// <summary>tkhd track_ID.</summary>
        public uint TrackId => _track.TrackId;

        /// <summary>hdlr handler_type (vide, soun, text, subt, meta...).</summary>
        public string Handler => _track.Handler;

        /// <summary>The sample entry fourcc that describes this sample (avc1, mp4a...).</summary>
        public string Codec { get; internal set; } = "";

        /// <summary>1-based sample number in decode order, as the specification numbers samples.</summary>
        public long Sample { get; internal set; }

        /// <summary>mdhd timescale: ticks per second of every *Ticks property.</summary>
        public uint Timescale => _track.Timescale;

        /// <summary>Decode time on the media timeline, as stored (stts, or tfdt + trun).</summary>
        public long DecodeTicks { get; internal set; }

        /// <summary>Signed composition offset, as stored (ctts or trun).</summary>
        public long CompositionOffset { get; internal set; }

        /// <summary>Composition time on the media timeline: DecodeTicks + CompositionOffset.</summary>
        public long CompositionTicks { get; internal set; }

        /// <summary>Sample duration in ticks.</summary>
        public long DurationTicks { get; internal set; }

        /// <summary>DecodeTicks in seconds (what scripts reading stts print as "dts").</summary>
        public double DecodeTime => Seconds.FromTicks(DecodeTicks, Timescale);

        /// <summary>CompositionTicks in seconds (what scripts reading stts + ctts print as "pts").</summary>
        public double CompositionTime => Seconds.FromTicks(CompositionTicks, Timescale);

        /// <summary>DurationTicks in seconds.</summary>
        public double Duration => Seconds.FromTicks(DurationTicks, Timescale);

        /// <summary>Decode time on the presentation timeline (after the edit list), in ticks.</summary>
        public long DtsTicks { get; internal set; }

        /// <summary>Presentation time on the presentation timeline (after the edit list), in ticks.</summary>
        public long PtsTicks { get; internal set; }

        /// <summary>DtsTicks in seconds.</summary>
        public double Dts => Seconds.FromTicks(DtsTicks, Timescale);

        /// <summary>PtsTicks in seconds: when the sample is shown.</summary>
        public double Pts => Seconds.FromTicks(PtsTicks, Timescale);

        /// <summary>A sync sample (decoding can start here): stss, or the fragment sample flags.</summary>
        public bool IsSync { get; internal set; }

        /// <summary>Decoded but not presented: no edit covers it (audio priming, frames before a mid-GOP cut).</summary>
        public bool IsDiscarded { get; internal set; }

        /// <summary>sample_depends_on: true when it depends on other samples, false when it does not (an I picture), null when unknown.</summary>
        public bool? DependsOn { get; internal set; }

        /// <summary>sample_is_depended_on: true when other samples depend on it, false when disposable, null when unknown.</summary>
        public bool? IsDependedOn { get; internal set; }

        /// <summary>is_leading: true for a leading sample (before its sync sample in presentation order), null when unknown.</summary>
        public bool? IsLeading { get; internal set; }

        /// <summary>
        /// The picture type ffmpeg's decoder reports for the sample (I, P, B; S, SI, SP where the codec has them),
        /// read from its slice or frame headers when asked for (Get-Mp4SampleTiming -PictureType); null for
        /// audio and other tracks, and when the headers could not be read.
        /// </summary>
        public string? PictureType => PictureTypeValue?.ToString();

        internal PictureType? PictureTypeValue { get; set; }

        /// <summary>
        /// The codec's own name for the picture, with PictureType: IDR or non-IDR (H.264), the NAL unit type
        /// (HEVC: IDR_W_RADL, CRA_NUT, TRAIL_R...), the frame type (AV1: KEY_FRAME, INTER_FRAME, INTRA_ONLY_FRAME,
        /// SWITCH_FRAME; VP9 and VP8: key, inter, intra-only), the VOP type (MPEG-4 Part 2: I-VOP...).
        /// </summary>
        public string? PictureKind { get; internal set; }

        /// <summary>Size in bytes.</summary>
        public long Size { get; internal set; }

        /// <summary>Absolute byte offset of the sample data in the file.</summary>
        public long Offset { get; internal set; }

        /// <summary>1-based index of the sample entry in stsd.</summary>
        public uint SampleDescriptionIndex { get; internal set; }

        /// <summary>1-based chunk number (progressive samples), else null.</summary>
        public long? Chunk { get; internal set; }

        /// <summary>The mfhd sequence number of the fragment holding the sample, else null.</summary>
        public uint? Fragment { get; internal set; }

        /// <summary>1-based number of the edit that presents this sample (null when discarded or without an edit list).</summary>
        public int? Edit { get; internal set; }

        /// <summary>The rules used for DtsTicks and PtsTicks: Iso or Ffmpeg (a string, as scripts and JSON read it).</summary>
        public string Convention => ConventionKind.ToString();

        /// <summary>The rules used for DtsTicks and PtsTicks.</summary>
        internal TimingConvention ConventionKind { get; }

        /// <summary>0-based rank by Pts among the presented samples of the track (with -PresentationOrder), like showinfo's n.</summary>
        public long? PresentationIndex { get; internal set; }

        /// <inheritdoc />
        public override string ToString() => $"track {TrackId} sample {Sample}: pts {PtsTicks} dts {DtsTicks} ({Pts:0.####} s)";
    }
}
