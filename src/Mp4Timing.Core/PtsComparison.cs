namespace Mp4Timing
{
    /// <summary>One packet or frame: our ISO timing, the ffmpeg model's prediction and what ffmpeg reported, with why they differ.</summary>
    public sealed class PtsComparison
    {
        /// <summary>The file.</summary>
        public string? Path { get; internal set; }

        /// <summary>tkhd track_ID (0 for an attached picture, which is not a track).</summary>
        public uint TrackId { get; internal set; }

        /// <summary>ffmpeg's stream index (ffprobe's stream_index), when known.</summary>
        public int? StreamIndex { get; internal set; }

        /// <summary>True for the packet of an attached picture (cover art), which is not a track.</summary>
        public bool IsAttachedPicture { get; internal set; }

        /// <summary>ffmpeg's time base denominator for the track (ticks per second of every *Ticks property).</summary>
        public uint Timescale { get; internal set; }

        /// <summary>What ffmpeg's numbers come from: Packets, Frames or ShowInfo (a string, as scripts and JSON read it).</summary>
        public string Source => SourceKind.ToString();

        internal Ffmpeg.FfmpegSource SourceKind { get; set; }

        /// <summary>0-based position of the row in ffmpeg's output for the track.</summary>
        public long Index { get; internal set; }

        /// <summary>The 1-based sample (decode order) behind the packet or frame, when known.</summary>
        public long? Sample { get; internal set; }

        /// <summary>0-based rank in presentation order (frames and showinfo), like showinfo's n.</summary>
        public long? PresentationIndex { get; internal set; }

        /// <summary>The sample's composition time as stored (stts + ctts), in ticks.</summary>
        public long? CompositionTicks { get; internal set; }

        /// <summary>The sample's ISO presentation time (after the edit list), in ticks.</summary>
        public long? PtsTicks { get; internal set; }

        /// <summary>PtsTicks in seconds.</summary>
        public double? Pts => PtsTicks.HasValue && Timescale != 0 ? (double)PtsTicks.Value / Timescale : (double?)null;

        /// <summary>The pts the ffmpeg model predicts.</summary>
        public long? PredictedPtsTicks { get; internal set; }

        /// <summary>The dts the ffmpeg model predicts (packets).</summary>
        public long? PredictedDtsTicks { get; internal set; }

        /// <summary>The flags the model predicts (K_, _D, KD, __; for frames K_ or __, the decoder's key_frame).</summary>
        public string? PredictedFlags { get; internal set; }

        /// <summary>The pts ffmpeg reported.</summary>
        public long? FfmpegPtsTicks { get; internal set; }

        /// <summary>The dts ffmpeg reported (packets).</summary>
        public long? FfmpegDtsTicks { get; internal set; }

        /// <summary>The pts ffmpeg reported, in seconds.</summary>
        public double? FfmpegPtsTime { get; internal set; }

        /// <summary>The flags ffmpeg reported (for frames: K_ or __ from key_frame or iskey:, when printed).</summary>
        public string? FfmpegFlags { get; internal set; }

        /// <summary>Frames and showinfo: the picture type read from the sample's headers (Get-Mp4SampleTiming -PictureType).</summary>
        public string? PictureType => PictureTypeValue?.ToString();

        internal PictureType? PictureTypeValue { get; set; }

        /// <summary>Frames and showinfo: the picture type ffmpeg's decoder reported (pict_type, type:), when printed.</summary>
        public string? FfmpegPictureType => FfmpegPictureTypeValue?.ToString();

        internal PictureType? FfmpegPictureTypeValue { get; set; }

        /// <summary>True when the prediction equals what ffmpeg reported (for frames, also the picture type and key flag where ffmpeg printed them).</summary>
        public bool Match { get; internal set; }

        /// <summary>Why ffmpeg's numbers are what they are for this sample, in words.</summary>
        public string Reason { get; internal set; } = "";

        /// <inheritdoc />
        public override string ToString() => (IsAttachedPicture ? $"attached picture (stream {StreamIndex})" : $"track {TrackId} #{Index}") +
            $": predicted {PredictedPtsTicks?.ToString() ?? "N/A"}, ffmpeg {FfmpegPtsTicks?.ToString() ?? "N/A"} ({(Match ? "match" : "differ")})";
    }

    /// <summary>One track's comparison in a few numbers and sentences: the answer to "why does ffmpeg say that?".</summary>
    public sealed class PtsComparisonSummary
    {
        /// <summary>The file.</summary>
        public string? Path { get; internal set; }

        /// <summary>tkhd track_ID (0 for an attached picture, which is not a track).</summary>
        public uint TrackId { get; internal set; }

        /// <summary>ffmpeg's stream index (ffprobe's stream_index), when known.</summary>
        public int? StreamIndex { get; internal set; }

        /// <summary>True for an attached picture (cover art), which is not a track.</summary>
        public bool IsAttachedPicture { get; internal set; }

        /// <summary>The handler type (vide, soun...; empty for an attached picture).</summary>
        public string Handler { get; internal set; } = "";

        /// <summary>What ffmpeg's numbers come from: Packets, Frames or ShowInfo (a string, as scripts and JSON read it).</summary>
        public string Source => SourceKind.ToString();

        internal Ffmpeg.FfmpegSource SourceKind { get; set; }

        /// <summary>Rows compared (packets or frames).</summary>
        public long Samples { get; internal set; }

        /// <summary>Rows where the prediction equals ffmpeg.</summary>
        public long Matched { get; internal set; }

        /// <summary>Rows that differ (including rows only one side has).</summary>
        public long Mismatched { get; internal set; }

        /// <summary>ffmpeg's time base denominator.</summary>
        public uint Timescale { get; internal set; }

        /// <summary>
        /// How far ffmpeg moved the first sample it shows from its stored composition time, in ticks: -2 for the bundled
        /// sample with B-frames and an edit list (media_time 2), where ffmpeg shows sample 1 at 0 instead of 2.
        /// </summary>
        public long EditShiftTicks { get; internal set; }

        /// <summary>EditShiftTicks in seconds.</summary>
        public double EditShift => Timescale == 0 ? 0 : (double)EditShiftTicks / Timescale;

        /// <summary>The first sample shown on the ISO presentation timeline (the one with the lowest PTS), 1-based in decode order.</summary>
        public long? FirstShownSample { get; internal set; }

        /// <summary>FirstShownSample's composition time as stored (what stts + ctts give), in seconds.</summary>
        public double? FirstCompositionTime { get; internal set; }

        /// <summary>FirstShownSample's ISO presentation time, in seconds (below 0 when the edit starts inside it).</summary>
        public double? FirstPts { get; internal set; }

        /// <summary>The pts of ffmpeg's first packet or frame, in seconds.</summary>
        public double? FirstFfmpegPts { get; internal set; }

        /// <summary>The first row that differs, described; null when all match.</summary>
        public string? FirstMismatch { get; internal set; }

        /// <summary>showinfo logs: why the log's frames are this track's (its stream mapping, or ffmpeg's default choice of stream).</summary>
        public string? TrackChoice { get; internal set; }

        /// <summary>The ffmpeg version whose model made the predictions (5.1, 6.1, 9.0).</summary>
        public string FfmpegVersion { get; internal set; } = "";

        /// <summary>The libavformat version of the ffprobe that reported, when known (e.g. 59.27.100 for ffmpeg 5.1).</summary>
        public string? Libavformat { get; internal set; }

        /// <summary>Sentences that say why ffmpeg's numbers are what they are for this track, every rule that moved them named, and which ffmpeg model was used.</summary>
        public string Explanation { get; internal set; } = "";

        /// <inheritdoc />
        public override string ToString() => (IsAttachedPicture ? $"attached picture (stream {StreamIndex})" : $"track {TrackId}") + $": {Matched}/{Samples} match. {Explanation}";
    }
}
