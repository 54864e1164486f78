using System;

namespace Mp4Timing.Ffmpeg
{
    /// <summary>The rules of ffmpeg's MP4 demuxer that shaped a packet's timestamps or flags, for explanations.</summary>
    [Flags]
    internal enum FfmpegRule
    {
        None = 0,
        /// <summary>Timestamps moved by an edit list (mov_fix_index): pts = cts - media_time + edit start.</summary>
        EditList = 1 << 0,
        /// <summary>Outside every edit: kept for decoding, flagged D.</summary>
        Discarded = 1 << 1,
        /// <summary>Audio packet straddling the edit start: kept, its first samples skipped by the decoder.</summary>
        PartlySkipped = 1 << 2,
        /// <summary>All dts lowered by the largest negative composition offset (moov samples).</summary>
        DtsShift = 1 << 3,
        /// <summary>Video moved so its first shown frame starts where the edit list starts.</summary>
        VideoStartShift = 1 << 4,
        /// <summary>A second copy of a sample that another edit shows again.</summary>
        Repeated = 1 << 5,
        /// <summary>Fragment decode times lowered by the edit list's offset (time_offset).</summary>
        FragmentTimeOffset = 1 << 6,
        /// <summary>Fragment pts raised by the largest negative composition offset (dts kept).</summary>
        FragmentPtsDelay = 1 << 7,
        /// <summary>No composition offset (ctts missing, dropped or too short): pts = dts.</summary>
        NoCompositionOffset = 1 << 8,
        /// <summary>Codec without reordering and pts before dts: the generic demux layer set dts = pts.</summary>
        DtsSetToPts = 1 << 9,
        /// <summary>K from the codec's bitstream parser, not from stss.</summary>
        ParserKeyFrame = 1 << 10,
        /// <summary>Several PCM samples regrouped into one packet.</summary>
        PcmRegrouped = 1 << 11,
        /// <summary>A negative stts delta clipped to 1 (and later deltas shrunk).</summary>
        SttsClipped = 1 << 12,
        /// <summary>A fragment sample overlapping the one before it: flagged D.</summary>
        FragmentOverlap = 1 << 13,
        /// <summary>The ctts table was dropped as invalid (an offset beyond 2^28).</summary>
        CttsDropped = 1 << 14,
        /// <summary>Every packet K: the codec is intra-only (all common audio) or the stream is data/subtitles.</summary>
        AlwaysKey = 1 << 15,
        /// <summary>The packet's data runs past the end of the file: ffmpeg returns what is there.</summary>
        CutByEndOfFile = 1 << 16,
    }

    /// <summary>One packet as ffmpeg 5.1's mov demuxer emits it for a track.</summary>
    internal struct FfmpegPacket
    {
        /// <summary>1-based source sample (the first one for regrouped PCM).</summary>
        public long Sample;

        public long Dts;

        /// <summary>The index timestamp (dts before the generic layer's dts = pts fix), which orders reads across streams.</summary>
        public long IndexTs;

        public long Pts;

        public bool Key;

        public bool Discard;

        public long Position;

        public long Size;

        /// <summary>1-based edit that produced the packet, 0 when none.</summary>
        public int Edit;

        public FfmpegRule Rules;

        /// <summary>The raw (as stored) decode time, composition offset and duration of the source sample.</summary>
        public long RawDecode;

        public long RawCompositionOffset;

        public long RawDuration;

        public uint SampleDescriptionIndex;

        public long Chunk;

        public uint? Fragment;
    }
}
