using System.Collections.Generic;
using System.Linq;

namespace Mp4Timing.Rules
{
    /// <summary>Why a track starts presenting where it does, in words, for the rules about starts.</summary>
    internal static class TrackStart
    {
        /// <summary>
        /// An empty edit that delays the track, or a first sample composed late without an edit list to take the delay off
        /// (a B-frame delay when the track reorders); null when neither. <paramref name="name"/> names the track ("the video").
        /// </summary>
        public static string? Cause(TrackSummary track, string name)
        {
            IReadOnlyList<TrackEdit> edits = track.Info.EditList;
            TrackEdit? first = edits.FirstOrDefault();
            if (first is { IsEmpty: true } && first.SegmentDurationTicks > 0)
            {
                return $"an empty edit of {Seconds.Format(first.SegmentDurationTicks, first.MovieTimescale)} delays {name}";
            }
            if (edits.Count > 0 || track.MediaStart is not long start || start <= 0) return null;
            uint timescale = track.Info.Timescale;
            long decode = track.FirstDecode ?? 0;
            if (decode <= 0)
            {
                return $"{name} has no edit list, and its first sample is composed at {Seconds.Format(start, timescale)}" + (track.Info.HasReordering ? " (the B-frame delay)" : "");
            }
            // A fragmented track whose first tfdt is not 0 (a part of a longer stream).
            string composed = start > decode ? $", and its first frame is composed {Seconds.Format(start - decode, timescale)} after that" + (track.Info.HasReordering ? " (the B-frame delay)" : "") : "";
            return $"{name} has no edit list, and its first sample is decoded at {Seconds.Format(decode, timescale)}{composed}";
        }
    }
}
