using System.Globalization;

namespace Mp4Timing.Rules
{
    /// <summary>The small pieces of the findings' plain words: tracks, counts, numbers.</summary>
    internal static class Words
    {
        /// <summary>"track 2 (audio)".</summary>
        public static string Track(Mp4Track track) => $"track {track.TrackId} ({Kind(track.Kind)})";

        public static string Kind(TrackKind kind) => kind switch
        {
            TrackKind.Video => "video",
            TrackKind.Audio => "audio",
            TrackKind.Subtitle => "subtitles",
            TrackKind.Text => "text",
            TrackKind.Metadata => "metadata",
            _ => "other",
        };

        /// <summary>"1 sample", "3 samples".</summary>
        public static string Count(long count, string noun) => count == 1 ? $"1 {noun}" : $"{N(count)} {noun}s";

        /// <summary>A whole number with thousands separators.</summary>
        public static string N(long value) => value.ToString("#,0", CultureInfo.InvariantCulture);

        /// <summary>A number as settings and thresholds are written (no trailing zeros).</summary>
        public static string N(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

        /// <summary>"an I picture (CRA_NUT)", "a P picture (non-IDR)", "an I-VOP": a picture as its headers name it.</summary>
        public static string Picture(Bitstream.Picture picture)
        {
            if (picture.Kind is null || picture.Type is not PictureType known) return "a picture of unknown type";
            string type = known.ToString();
            string article = type.StartsWith("I", System.StringComparison.Ordinal) || type.StartsWith("S", System.StringComparison.Ordinal) ? "an" : "a";
            // MPEG-4 Part 2 names its pictures after the type already (I-VOP).
            return picture.Kind.StartsWith(type + "-", System.StringComparison.Ordinal) ? $"{article} {picture.Kind}" : $"{article} {type} picture ({picture.Kind})";
        }

        /// <summary>Milliseconds from seconds, e.g. "66.7 ms" (below a millisecond with four decimals: "0.0008 ms").</summary>
        public static string Ms(double seconds) => (seconds * 1000).ToString(seconds >= 0.001 || seconds <= -0.001 ? "0.#" : "0.####", CultureInfo.InvariantCulture) + " ms";
    }
}
