using System;
using System.Collections.Generic;
using System.Linq;
using Mp4Timing.Boxes;
using Mp4Timing.Timing;

namespace Mp4Timing.Ffmpeg
{
    /// <summary>The frames of a showinfo log that one track decoded, and why they are that track's.</summary>
    public sealed class ShowInfoSource
    {
        internal ShowInfoSource(Mp4Track track, string mediaType, string? filter, string reason)
        {
            Track = track;
            MediaType = mediaType;
            Filter = filter;
            Reason = reason;
        }

        /// <summary>The track.</summary>
        public Mp4Track Track { get; }

        /// <summary>video (showinfo lines) or audio (ashowinfo lines).</summary>
        public string MediaType { get; }

        /// <summary>The filter whose lines these are, when the log names filters (several filters of one kind: one per decoded stream).</summary>
        public string? Filter { get; }

        /// <summary>Why these frames are this track's: the log's stream mapping, or ffmpeg's default choice.</summary>
        public string Reason { get; }

        /// <summary>The frame lines of <paramref name="view"/> this source covers, in the order printed.</summary>
        public IEnumerable<FfmpegEntry> EntriesIn(FfmpegView view) =>
            view.Entries.Where(e => e.MediaType == MediaType && (Filter is null || e.Filter == Filter));
    }

    /// <summary>
    /// Which tracks the frames of a showinfo log come from. The log's "Stream mapping" names the input streams ffmpeg
    /// decoded (the "[0x2]" of its input stream lines is the MP4 track ID); without it (lines pasted alone), ffmpeg
    /// 5.1's default choice applies (fftools/ffmpeg_opt.c): the video stream with the largest width × height, the
    /// audio stream with the most channels, 5,000,000 added for the default disposition (tkhd's enabled flag), the
    /// first on a tie, an attached picture counting 1.
    /// </summary>
    public static class ShowInfoSources
    {
        private const long DefaultBonus = 5_000_000;

        /// <summary>One source per kind of frame line (and per filter, when one kind has several) the log holds.</summary>
        public static IReadOnlyList<ShowInfoSource> Choose(Mp4Movie movie, FfmpegView view)
        {
            if (movie is null) throw new ArgumentNullException(nameof(movie));
            if (view is null) throw new ArgumentNullException(nameof(view));
            var sources = new List<ShowInfoSource>();
            foreach (string mediaType in new[] { "video", "audio" })
            {
                var filters = view.Entries.Where(e => e.MediaType == mediaType).Select(e => e.Filter).Distinct().ToList();
                if (filters.Count == 0) continue;
                TrackKind kind = mediaType == "video" ? TrackKind.Video : TrackKind.Audio;
                List<(Mp4Track Track, string Reason)> candidates = view.DecodedStreams is null
                    ? DefaultChoice(movie, kind)
                    : Mapped(movie, view, kind);
                if (filters.Count == 1 && candidates.Count == 1)
                {
                    sources.Add(new ShowInfoSource(candidates[0].Track, mediaType, filters[0], candidates[0].Reason));
                    continue;
                }
                // Several filters of one kind (one per decoded stream): the bytes their frames came from say whose they are.
                foreach (string? filter in filters)
                {
                    long? position = view.Entries.FirstOrDefault(e => e.MediaType == mediaType && e.Filter == filter && e.Position >= 0)?.Position;
                    var owner = candidates.FirstOrDefault(c => position.HasValue && HoldsSampleAt(movie, c.Track, position.Value));
                    if (owner.Track is null) continue;
                    sources.Add(new ShowInfoSource(owner.Track, mediaType, filter, $"{owner.Reason}; {filter}'s frames come from track {owner.Track.TrackId}'s samples"));
                }
            }
            return sources;
        }

        private static List<(Mp4Track, string)> Mapped(Mp4Movie movie, FfmpegView view, TrackKind kind)
        {
            var found = new List<(Mp4Track, string)>();
            foreach (int index in view.DecodedStreams!)
            {
                uint? id = view.Streams.FirstOrDefault(s => s.Index == index)?.TrackId
                    ?? (index < movie.FfmpegStreams.Streams.Count ? movie.FfmpegStreams.Streams[index] : null);
                Mp4Track? track = movie.Tracks.FirstOrDefault(t => t.TrackId == id);
                if (track is null || track.Kind != kind) continue;
                found.Add((track, $"the log's stream mapping decodes input stream #0:{index}, track {track.TrackId}"));
            }
            return found;
        }

        private static List<(Mp4Track, string)> DefaultChoice(Mp4Movie movie, TrackKind kind)
        {
            Mp4Track? best = null;
            long bestScore = 0;
            string why = "";
            foreach (uint? id in movie.FfmpegStreams.Streams)
            {
                Mp4Track? track = id is null ? null : movie.Tracks.FirstOrDefault(t => t.TrackId == id);
                long score;
                string measure;
                if (track is null)
                {
                    // A cover picture counts 1, so that any real video stream wins over it.
                    if (id is not null || kind != TrackKind.Video) continue;
                    score = 1;
                    measure = "";
                }
                else
                {
                    if (track.Kind != kind) continue;
                    TrackTables tables = movie.TablesOf(track);
                    bool enabled = (tables.TrackHeader?.Flags & 1) == 1;
                    SampleEntry? entry = tables.SampleEntries.FirstOrDefault();
                    long size = kind == TrackKind.Video
                        ? (entry is VisualSampleEntry visual ? (long)visual.Width * visual.Height : 0)
                        : (entry is AudioSampleEntry audio ? audio.ChannelCount : 0);
                    score = size + (enabled ? DefaultBonus : 0);
                    measure = (kind == TrackKind.Video && entry is VisualSampleEntry v ? $"{v.Width}x{v.Height}" : $"{size} channel(s)")
                        + (enabled ? ", enabled (ffmpeg's default disposition)" : ", not enabled");
                }
                if (score <= bestScore) continue;
                bestScore = score;
                best = track;
                why = measure;
            }
            if (best is null) return new List<(Mp4Track, string)>();
            string rule = kind == TrackKind.Video
                ? "the largest picture, an enabled track first"
                : "the most channels, an enabled track first";
            return new List<(Mp4Track, string)>
            {
                (best, $"the log does not say which stream it decoded (no Stream mapping lines), so ffmpeg 5.1's default choice: track {best.TrackId} ({why}), for {rule}"),
            };
        }

        private static bool HoldsSampleAt(Mp4Movie movie, Mp4Track track, long position)
        {
            try
            {
                return movie.FfmpegModel().For(track).Packets.Any(p => p.Position == position);
            }
            catch (Mp4FormatException)
            {
                return false;
            }
        }
    }
}
