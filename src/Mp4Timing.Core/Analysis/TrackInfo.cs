using System;
using System.Collections.Generic;
using System.Globalization;
using Mp4Timing.Analysis;

namespace Mp4Timing
{
    /// <summary>Whether a track's samples last the same time.</summary>
    public enum FrameRateMode
    {
        /// <summary>Every sample lasts the same, or the durations only differ by the timescale's rounding of one constant rate (33 and 34 ms for 29.97 fps at timescale 1000).</summary>
        Constant,
        /// <summary>The durations differ by more than rounding.</summary>
        Variable,
    }

    /// <summary>
    /// What a track is and how its timeline looks, in one object: codec, picture or sound, counts, clocks,
    /// rates, reordering, and where it starts and ends once the edit list is applied. Computed from the
    /// sample tables in one pass. Ticks are exact integers; seconds are derived from them.
    /// </summary>
    public sealed class TrackInfo
    {
        private readonly FfmpegStartTimes? _ffmpeg;

        internal TrackInfo(Mp4Track track, string? path, FfmpegStartTimes? ffmpeg)
        {
            _ffmpeg = ffmpeg;
            Path = path;
            TrackId = track.TrackId;
            KindValue = track.Kind;
            Handler = track.Handler;
            Timescale = track.Timescale;
            MovieTimescale = track.MovieTimescale;
            MdhdDuration = track.MediaDuration;
        }

        // ---- identity -----------------------------------------------------------------------------

        /// <summary>The file the samples were read from.</summary>
        public string? Path { get; }

        /// <summary>The init segment that describes the tracks of a lone media segment, else null.</summary>
        public string? InitSegment { get; internal set; }

        /// <summary>tkhd track_ID.</summary>
        public uint TrackId { get; }

        /// <summary>The kind, from the handler type: Video, Audio, Subtitle, Text, Metadata or Other.</summary>
        public string Kind => KindValue.ToString();

        internal TrackKind KindValue { get; }

        /// <summary>hdlr handler_type (vide, soun, text, subt, meta...).</summary>
        public string Handler { get; }

        /// <summary>hdlr name: the name the writer gave the track (e.g. "VideoHandler").</summary>
        public string Name { get; internal set; } = "";

        /// <summary>mdhd language (ISO 639-2/T; QuickTime's Macintosh codes as mac:N).</summary>
        public string Language { get; internal set; } = "";

        /// <summary>The sample entry fourcc of the track's first sample description (avc1, mp4a, encv...).</summary>
        public string Codec { get; internal set; } = "";

        /// <summary>What the samples are coded with: <see cref="Codec"/>, or for encrypted (encv, enca) and restricted (resv) entries the original format from frma. ffprobe calls it codec_tag_string.</summary>
        public string OriginalFormat { get; internal set; } = "";

        /// <summary>The RFC 6381 codec string of DASH and HLS manifests and MediaSource.isTypeSupported: avc1.64001F, hvc1.1.6.L93.B0, av01.0.04M.08, vp09.00.10.08, mp4a.40.2, Opus...</summary>
        public string CodecString { get; internal set; } = "";

        /// <summary>The number of sample descriptions in stsd (the values here describe the first).</summary>
        public int SampleDescriptionCount { get; internal set; }

        /// <summary>True when the sample entry is protected (encv, enca...: sinf with a scheme).</summary>
        public bool IsEncrypted { get; internal set; }

        /// <summary>The protection scheme (schm scheme_type: cenc, cbcs, cens, cbc1, piff...), else null.</summary>
        public string? Scheme { get; internal set; }

        /// <summary>tkhd track_enabled.</summary>
        public bool IsEnabled { get; internal set; }

        // ---- picture and sound ----------------------------------------------------------------------

        /// <summary>Width in pixels, from the visual sample entry.</summary>
        public int? Width { get; internal set; }

        /// <summary>Height in pixels, from the visual sample entry.</summary>
        public int? Height { get; internal set; }

        /// <summary>tkhd width: the width the track is displayed at (after pixel aspect ratio and scaling).</summary>
        public double? DisplayWidth { get; internal set; }

        /// <summary>tkhd height.</summary>
        public double? DisplayHeight { get; internal set; }

        /// <summary>Samples per second of the sound: the codec configuration's rate where it stores one (AAC, Opus's 48 kHz), else the audio sample entry's.</summary>
        public double? SampleRate { get; internal set; }

        /// <summary>Channels: the codec configuration's count where it stores one (AAC channel configuration, Opus, AC-3...), else the audio sample entry's.</summary>
        public int? Channels { get; internal set; }

        /// <summary>Bits per sample where the file stores them: the video codec configuration (hvcC, av1C, vpcC, the High-profile part of avcC), or the sample size of uncompressed and lossless audio.</summary>
        public int? BitDepth { get; internal set; }

        // ---- counts and clocks ----------------------------------------------------------------------

        /// <summary>mdhd timescale: media ticks per second.</summary>
        public uint Timescale { get; }

        /// <summary>mvhd timescale: the ticks of <see cref="TkhdDuration"/> and of the edits' segment durations.</summary>
        public uint MovieTimescale { get; }

        /// <summary>Samples: those in moov and those in fragments.</summary>
        public long SampleCount { get; internal set; }

        /// <summary>Sync samples (stss, or fragment samples without the non-sync flag; all samples without stss).</summary>
        public long SyncSampleCount { get; internal set; }

        /// <summary>Bytes of sample data.</summary>
        public long Size { get; internal set; }

        /// <summary>The sum of the sample durations, in media ticks: how long the media lasts.</summary>
        public long MediaDurationTicks { get; internal set; }

        /// <summary>MediaDurationTicks in seconds.</summary>
        public double MediaDuration => Seconds.FromTicks(MediaDurationTicks, Timescale);

        /// <summary>How long the track presents media once the edit list is applied: EndTime - StartTime, in seconds.</summary>
        public double? PresentationDuration => StartTimeTicks is long start && EndTimeTicks is long end ? Seconds.FromTicks(end - start, Timescale) : (double?)null;

        /// <summary>mdhd duration as stored, in media ticks (-1 when unknown).</summary>
        public long MdhdDuration { get; }

        /// <summary>tkhd duration as stored, in movie ticks (-1 when unknown).</summary>
        public long TkhdDuration { get; internal set; }

        /// <summary>Average bit rate over the media duration, in bits per second.</summary>
        public double? BitRate => MediaDurationTicks > 0 ? Size * 8.0 * Timescale / MediaDurationTicks : (double?)null;

        /// <summary>The most bits whose samples start in any one second of decode time (btrt's maxBitrate), in bits per second.</summary>
        public long MaxBitRate { get; internal set; }

        // ---- rate ---------------------------------------------------------------------------------------

        /// <summary>Video: samples per second over the media duration (SampleCount / MediaDuration).</summary>
        public double? FrameRate => KindValue == TrackKind.Video && MediaDurationTicks > 0 ? (double)SampleCount * Timescale / MediaDurationTicks : (double?)null;

        /// <summary>Constant when every sample lasts the same up to the timescale's rounding of one rate (the last sample excepted), else Variable.</summary>
        public string? FrameRateMode => FrameRateModeValue?.ToString();

        internal FrameRateMode? FrameRateModeValue { get; set; }

        /// <summary>The shortest sample duration, in media ticks.</summary>
        public long? MinSampleDurationTicks { get; internal set; }

        /// <summary>The longest sample duration, in media ticks.</summary>
        public long? MaxSampleDurationTicks { get; internal set; }

        /// <summary>MinSampleDurationTicks in seconds.</summary>
        public double? MinSampleDuration => MinSampleDurationTicks is long ticks ? Seconds.FromTicks(ticks, Timescale) : (double?)null;

        /// <summary>MaxSampleDurationTicks in seconds.</summary>
        public double? MaxSampleDuration => MaxSampleDurationTicks is long ticks ? Seconds.FromTicks(ticks, Timescale) : (double?)null;

        // ---- structure ----------------------------------------------------------------------------------

        /// <summary>True when presentation (composition) order differs from decode order: B-frames.</summary>
        public bool HasReordering => ReorderDepth > 0;

        /// <summary>
        /// The largest number of places a sample moves between decode order and composition order (0 without
        /// B-frames). Counted with a window of 1024 samples: a value of 1025 means "more than 1024".
        /// </summary>
        public long ReorderDepth { get; internal set; }

        /// <summary>The longest decode time from a sync sample to the next (or to the end of the track), in seconds: how far a seek may have to go back.</summary>
        public double? MaxSyncInterval { get; internal set; }

        /// <summary>
        /// Video: true when every sync sample starts a closed GOP, so that decoding from any of them gives every picture
        /// after it: an H.264 IDR, an HEVC IDR or BLA, an AV1 or VP9 key frame, or an I picture (HEVC CRA, MPEG-2, MPEG-4
        /// Part 2, H.263) that no picture shown before it follows, unless an MPEG-2 GOP or MPEG-4 GOV header says closed.
        /// False when a sync sample starts an open GOP (a CRA or MPEG I picture followed by pictures shown before it, an
        /// H.264 I picture that is not IDR, a recovery point) or is no random access point at all. Null where the picture
        /// headers cannot be read (another codec, audio, unreadable headers).
        /// </summary>
        public bool? ClosedGop { get; internal set; }

        /// <summary>
        /// Video: the usual number of samples from one sync sample to the next (the most common; with a single sync
        /// sample, the samples from it to the end). 1 when every sample is a sync sample. Null without sync samples.
        /// </summary>
        public long? GopLength { get; internal set; }

        /// <summary>
        /// Video: the picture types of the first GOP in decode order, from the first sync sample up to the next, as ffmpeg
        /// prints them (I, P, B; i, p, b for SI, SP and BI; ? where the headers give none), e.g. IPBBBPBBB. At most 64
        /// pictures: a longer GOP ends with "...". Null where the picture headers cannot be read.
        /// </summary>
        public string? GopPattern { get; internal set; }

        /// <summary>
        /// Video, with Get-Mp4Track -PictureType (which reads every sample's headers): the longest run of B pictures in
        /// decode order (x264's bframes). Null without the switch or where the picture headers cannot be read.
        /// </summary>
        public int? MaxConsecutiveBFrames { get; internal set; }

        /// <summary>What the headers of the sync samples say, for the rules about random access (null where they are not read).</summary>
        internal RandomAccessFacts? RandomAccess { get; set; }

        /// <summary>True when the movie has mvex (samples continue in movie fragments).</summary>
        public bool IsFragmented { get; internal set; }

        /// <summary>Movie fragments (moof) that hold samples of this track.</summary>
        public long FragmentCount { get; internal set; }

        // ---- timeline -------------------------------------------------------------------------------------

        /// <summary>The edit list (empty without one), each edit in ticks and in seconds.</summary>
        public IReadOnlyList<TrackEdit> EditList { get; internal set; } = Array.Empty<TrackEdit>();

        /// <summary>Where the first presented sample starts on the presentation timeline (ISO: after the edit list), in media ticks.</summary>
        public long? StartTimeTicks { get; internal set; }

        /// <summary>Where the last presented sample ends on the presentation timeline, in media ticks.</summary>
        public long? EndTimeTicks { get; internal set; }

        /// <summary>StartTimeTicks in seconds: when the track starts presenting (an empty edit delays it).</summary>
        public double? StartTime => StartTimeTicks is long ticks ? Seconds.FromTicks(ticks, Timescale) : (double?)null;

        /// <summary>EndTimeTicks in seconds.</summary>
        public double? EndTime => EndTimeTicks is long ticks ? Seconds.FromTicks(ticks, Timescale) : (double?)null;

        /// <summary>
        /// What ffprobe reports as the stream's start_time, in seconds, from Mp4Timing's model of the MP4 demuxer of
        /// ffmpeg <see cref="FfmpegVersion"/> (5.1 unless -FfmpegVersion chose another). The model is built the first time this property is read (for all tracks of the file, which
        /// is opened again; for a movie read from a stream, from that movie while it is open): reading only the
        /// other properties costs nothing of it. Null when the model gives none (no samples, or a file it cannot model).
        /// </summary>
        public double? FfmpegStartTime => _ffmpeg?.For(TrackId);

        /// <summary>The ffmpeg version whose model gives FfmpegStartTime: 5.1, 6.1 or 9.0 (-FfmpegVersion resolved to the newest modelled version at or below it).</summary>
        public string? FfmpegVersion => _ffmpeg is null ? null : Ffmpeg.FfmpegVersions.Name(_ffmpeg.Version);

        /// <summary>The model of ffmpeg's start times this summary shares with the other tracks of its file.</summary>
        internal FfmpegStartTimes? FfmpegStartTimes => _ffmpeg;

        /// <summary>StartTime minus the StartTime of the file's first video track, in seconds (null for that track and in files without video).</summary>
        public double? DelayRelativeToVideo { get; internal set; }

        /// <summary>Audio: the media before the edit list's start that the edit list skips (encoder priming, e.g. AAC's 1024 samples), in media ticks.</summary>
        public long? PrimingTicks { get; internal set; }

        /// <summary>PrimingTicks in seconds.</summary>
        public double? PrimingDuration => PrimingTicks is long ticks ? Seconds.FromTicks(ticks, Timescale) : (double?)null;

        /// <summary>When the samples could not all be read (a damaged or cut file): what stopped the reading. The values describe the samples before it.</summary>
        public string? ReadError { get; internal set; }

        /// <inheritdoc />
        public override string ToString() =>
            string.Format(CultureInfo.InvariantCulture, "track {0} ({1} {2}, {3} samples)", TrackId, Kind, CodecString, SampleCount);
    }

    /// <summary>One entry of a track's edit list, in ticks as stored and in seconds.</summary>
    public sealed class TrackEdit
    {
        internal TrackEdit(int number, Boxes.EditListEntry entry, uint movieTimescale, uint mediaTimescale, long presentationStart)
        {
            Number = number;
            SegmentDurationTicks = entry.SegmentDuration;
            MediaTimeTicks = entry.MediaTime;
            MediaRate = entry.MediaRate;
            MovieTimescale = movieTimescale;
            MediaTimescale = mediaTimescale;
            PresentationStartTicks = presentationStart;
        }

        /// <summary>1-based place in the edit list.</summary>
        public int Number { get; }

        /// <summary>segment_duration, in movie (mvhd) ticks.</summary>
        public long SegmentDurationTicks { get; }

        /// <summary>media_time, in media (mdhd) ticks; -1 for an empty edit.</summary>
        public long MediaTimeTicks { get; }

        /// <summary>media_rate: 1 plays, 0 holds the sample at media_time.</summary>
        public double MediaRate { get; }

        /// <summary>The movie timescale of <see cref="SegmentDurationTicks"/>.</summary>
        public uint MovieTimescale { get; }

        /// <summary>The media timescale of <see cref="MediaTimeTicks"/>.</summary>
        public uint MediaTimescale { get; }

        /// <summary>Where the edit starts on the presentation timeline (the sum of the durations before it), in movie ticks.</summary>
        public long PresentationStartTicks { get; }

        /// <summary>True for an empty edit (media_time -1): time passes with nothing presented.</summary>
        public bool IsEmpty => MediaTimeTicks == -1;

        /// <summary>SegmentDurationTicks in seconds (0 on the last edit of a fragmented file means "to the end of the media").</summary>
        public double SegmentDuration => Seconds.FromTicks(SegmentDurationTicks, MovieTimescale);

        /// <summary>MediaTimeTicks in seconds; null for an empty edit.</summary>
        public double? MediaTime => IsEmpty ? (double?)null : Seconds.FromTicks(MediaTimeTicks, MediaTimescale);

        /// <summary>PresentationStartTicks in seconds.</summary>
        public double PresentationStart => Seconds.FromTicks(PresentationStartTicks, MovieTimescale);

        /// <inheritdoc />
        public override string ToString() => IsEmpty
            ? $"{Seconds.Format(PresentationStartTicks, MovieTimescale)}: empty for {Seconds.Format(SegmentDurationTicks, MovieTimescale)}"
            : $"{Seconds.Format(PresentationStartTicks, MovieTimescale)}: media from {Seconds.Format(MediaTimeTicks, MediaTimescale)} ({MediaTimeTicks} ticks) for {Seconds.Format(SegmentDurationTicks, MovieTimescale)}"
              + (MediaRate == 1 ? "" : string.Format(CultureInfo.InvariantCulture, " at rate {0}", MediaRate));
    }
}
