using System.Linq;

namespace Mp4Timing.Ffmpeg
{
    /// <summary>
    /// The sentences that say why ffmpeg's timestamps for a track differ from the ISO timeline, shared by Compare-FfmpegPts's
    /// explanations and the FfmpegDiffersFromIso rule, so that both name a difference in the same words.
    /// </summary>
    internal static class FfmpegExplanations
    {
        /// <summary>Fragments: the edit list applied only as an offset.</summary>
        public static string FragmentOffset(FfmpegTrackResult p) =>
            $"This is a fragmented track: ffmpeg applies its edit list only as an offset, lowering every time by {p.TimeOffset} ticks ({Seconds.Format(p.TimeOffset, p.TimeBase)}); no packet is discarded.";

        /// <summary>Samples left out of ffmpeg's index by its edit-list handling.</summary>
        public static string Dropped(FfmpegTrackResult p) =>
            $"{p.DroppedSamples} sample(s) outside the edits, before the key frame it starts from or after its end, are not in ffmpeg's index at all.";

        /// <summary>Negative composition offsets: ffmpeg's dts shift (moov) or pts delay (fragments).</summary>
        public static string DtsShift(FfmpegTrackResult p, long firstDecodeTicks) =>
            p.Packets.Any(x => x.Rules.HasFlag(FfmpegRule.FragmentPtsDelay))
                ? $"Composition offsets go down to -{p.DtsShift}: in fragments ffmpeg keeps the dts and raises every pts by {p.DtsShift}."
                : $"Composition offsets go down to -{p.DtsShift}: ffmpeg lowers every DTS by {p.DtsShift} so that DTS <= PTS, where the ISO timeline keeps DTS {firstDecodeTicks}.";

        /// <summary>The video moved so that its first shown frame starts the edit (a clause).</summary>
        public static string VideoStartShift(FfmpegTrackResult p) =>
            $"ffmpeg moved the video by {-p.VideoStartShift} ticks so its first shown frame starts the edit";
    }
}
