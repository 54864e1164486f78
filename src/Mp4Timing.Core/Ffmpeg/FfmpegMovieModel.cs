using System;
using System.Collections.Generic;
using System.Linq;

namespace Mp4Timing.Ffmpeg
{
    /// <summary>
    /// The ffmpeg model for a whole file: every track (in trak order, ffmpeg's stream order), the order in
    /// which the demuxer reads packets across streams, where reading stops in a file cut short, and the
    /// format start time that showinfo's timestamps are shifted by.
    /// </summary>
    internal sealed class FfmpegMovieModel
    {
        private const long Microseconds = 1_000_000;

        private FfmpegMovieModel(IReadOnlyList<FfmpegTrackResult> tracks, long? formatStartMicroseconds, Version version)
        {
            Tracks = tracks;
            FormatStartMicroseconds = formatStartMicroseconds;
            Version = version;
        }

        public IReadOnlyList<FfmpegTrackResult> Tracks { get; }

        /// <summary>The modelled ffmpeg version.</summary>
        public Version Version { get; }

        /// <summary>ffprobe's format start_time in microseconds (the minimum over audio and video streams).</summary>
        public long? FormatStartMicroseconds { get; }

        public FfmpegTrackResult For(Mp4Track track) => Tracks.First(t => ReferenceEquals(t.Track, track));

        public static FfmpegMovieModel Build(Mp4Movie movie, long fileLength, FfmpegBehaviour behaviour)
        {
            var byId = movie.Tracks.ToDictionary(t => t.TrackId);
            var order = movie.TrackOrder.Where(byId.ContainsKey).Distinct().Select(id => byId[id]).ToList();
            order.AddRange(movie.Tracks.Where(t => !order.Contains(t)));
            var budget = new IndexBudget(fileLength);
            var results = order.Select(track => new FfmpegTrackModel(movie, track, budget, behaviour).Build()).ToList();
            SilenceChapterTitles(movie, results);
            if (!behaviour.EncryptionLookupStopsReading || FragmentIndexComplete(movie, fileLength))
            {
                // With a complete sidx, ffmpeg reads each moof only when its packets are due, and looks up
                // encryption info in the fragment being read: no lookup fails. From 6.1 on no lookup fails at all.
                foreach (FfmpegTrackResult result in results) result.EncryptionInfoLimit = null;
            }
            if (results.Any(r => r.EncryptionInfoLimit < r.Index.Count || r.DataEnd > fileLength))
            {
                ReadUntilError(results, fileLength);
            }
            return new FfmpegMovieModel(results, FormatStart(results), behaviour.Version);
        }

        /// <summary>
        /// mov_read_chapters: the tracks the last tref/chap box names hold QuickTime chapters. ffmpeg reads the titles of
        /// one that is not video into the file's chapters, and makes its stream a data stream it discards: the stream
        /// is listed, and no packet of it is read. (A video chapter track gives thumbnails: not modelled.)
        /// </summary>
        private static void SilenceChapterTitles(Mp4Movie movie, List<FfmpegTrackResult> results)
        {
            Timing.TrackTables? named = movie.Tracks.Select(movie.TablesOf).Where(t => t.ChapterTracks.Count > 0)
                .OrderBy(t => t.ChapterReferenceOffset).LastOrDefault();
            if (named is null) return;
            foreach (uint id in named.ChapterTracks)
            {
                FfmpegTrackResult? chapters = results.FirstOrDefault(r => r.Track.TrackId == id);
                if (chapters is null || chapters.IsVideo) continue;
                chapters.Index.Truncate(0);
                chapters.NoPackets = $"it holds the chapter titles that track {named.Track.TrackId} names (tref chap): ffmpeg reads them as the file's chapters and lists the stream without packets";
            }
        }

        /// <summary>
        /// Reads packets in ffmpeg's cross-stream order (mov_find_next_sample): within a second of the
        /// best candidate the lower file position wins, beyond it the earlier dts. ffprobe stops at the
        /// first read error, for every stream: a packet whose data starts at or past the end of the file
        /// (one that starts before the end comes out cut short), or a failed encryption-info lookup.
        /// </summary>
        private static void ReadUntilError(List<FfmpegTrackResult> tracks, long fileLength)
        {
            var next = new int[tracks.Count];
            while (true)
            {
                int best = -1;
                long bestMicroseconds = 0;
                long bestPosition = 0;
                for (int s = 0; s < tracks.Count; s++)
                {
                    if (next[s] >= tracks[s].Index.Count) continue;
                    FfmpegIndexEntry candidate = tracks[s].Index[next[s]];
                    long position = tracks[s].Origins[candidate.Sample].Position;
                    long microseconds = FfmpegTrackModel.Rescale(candidate.Ts, Microseconds, tracks[s].TimeBase);
                    if (best < 0)
                    {
                        best = s;
                        bestMicroseconds = microseconds;
                        bestPosition = position;
                        continue;
                    }
                    long difference = Math.Abs(bestMicroseconds - microseconds);
                    if ((difference <= Microseconds && position < bestPosition) || (difference > Microseconds && microseconds < bestMicroseconds))
                    {
                        best = s;
                        bestMicroseconds = microseconds;
                        bestPosition = position;
                    }
                }
                if (best < 0) break;
                int index = next[best];
                FfmpegTrackResult track = tracks[best];
                FfmpegIndexEntry packet = track.Index[index];
                SampleOrigin data = track.Origins[packet.Sample];
                if (data.Position >= fileLength || index >= track.EncryptionInfoLimit) break;
                if (data.Position + data.Size > fileLength)
                {
                    track.CutSizes ??= new Dictionary<int, uint>();
                    track.CutSizes[index] = (uint)(fileLength - data.Position);
                    track.Index.SetFlags(index, packet.Flags | EntryFlags.CutByEndOfFile);
                }
                next[best]++;
            }
            // Each track was read in order: what was read of it is the start of its index.
            for (int s = 0; s < tracks.Count; s++) tracks[s].Index.Truncate(next[s]);
        }

        /// <summary>
        /// True when a top-level sidx indexes the file to its end (or to an mfra at the end): ffmpeg then
        /// treats its fragment index as complete and reads movie fragments lazily.
        /// </summary>
        private static bool FragmentIndexComplete(Mp4Movie movie, long fileLength)
        {
            if (!movie.IsFragmented) return false;
            long? mfraSize = null;
            foreach (Box box in movie.TopLevelBoxes())
            {
                if (box is not Boxes.SegmentIndexBox sidx) continue;
                long end = sidx.Offset + sidx.Size + sidx.FirstOffset;
                foreach (Boxes.SegmentReference reference in sidx.References) end += reference.ReferencedSize;
                if (end == fileLength) return true;
                mfraSize ??= LastWord(movie, fileLength);
                if (end == fileLength - mfraSize) return true;
            }
            return false;
        }

        private static long LastWord(Mp4Movie movie, long fileLength)
        {
            if (fileLength < 4) return 0;
            var reader = new IO.BoxDataReader(movie.Stream, movie.Path, 32);
            reader.Seek(fileLength - 4, fileLength);
            return reader.ReadUInt32();
        }

        /// <summary>The minimum start time over audio and video streams (others count only without A/V, or within a second before it).</summary>
        private static long? FormatStart(List<FfmpegTrackResult> tracks)
        {
            long? av = null, other = null;
            foreach (FfmpegTrackResult track in tracks)
            {
                if (track.StartTime is null) continue;
                long start = FfmpegTrackModel.Rescale(track.StartTime.Value, Microseconds, track.TimeBase);
                if (track.IsAudio || track.IsVideo) av = av is null ? start : Math.Min(av.Value, start);
                else other = other is null ? start : Math.Min(other.Value, start);
            }
            if (av is null) return other;
            if (other is not null && other.Value < av.Value && av.Value - other.Value < Microseconds) return other;
            return av;
        }
    }
}
