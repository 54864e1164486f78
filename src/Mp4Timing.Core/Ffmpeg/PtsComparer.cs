using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Mp4Timing.Bitstream;
using Mp4Timing.Boxes;

namespace Mp4Timing.Ffmpeg
{
    /// <summary>One track compared: the rows and the summary.</summary>
    public sealed class TrackComparison
    {
        internal TrackComparison(IReadOnlyList<PtsComparison> rows, PtsComparisonSummary summary)
        {
            Rows = rows;
            Summary = summary;
        }

        /// <summary>One row per packet or frame.</summary>
        public IReadOnlyList<PtsComparison> Rows { get; }

        /// <summary>The summary and its explanation.</summary>
        public PtsComparisonSummary Summary { get; }
    }

    /// <summary>
    /// Compares the ISO timeline and the ffmpeg model with what ffmpeg reported (ffprobe packets or
    /// frames, or a showinfo log), row by row, and explains every number in words.
    /// </summary>
    public static class PtsComparer
    {
        private const long Microseconds = 1_000_000;

        /// <summary>The track a showinfo log most likely shows: ffmpeg picks the video stream with the largest picture (the first on a tie).</summary>
        public static Mp4Track? DefaultVideoTrack(Mp4Movie movie)
        {
            Mp4Track? best = null;
            long bestArea = -1;
            foreach (uint id in movie.TrackOrder.Count > 0 ? movie.TrackOrder : movie.Tracks.Select(t => t.TrackId).ToList())
            {
                Mp4Track? track = movie.Tracks.FirstOrDefault(t => t.TrackId == id);
                if (track is null || track.Kind != TrackKind.Video) continue;
                var entry = movie.TablesOf(track).SampleEntries.FirstOrDefault() as Boxes.VisualSampleEntry;
                long area = entry is null ? 0 : (long)entry.Width * entry.Height;
                if (area > bestArea)
                {
                    best = track;
                    bestArea = area;
                }
            }
            return best;
        }

        /// <summary>
        /// The ffmpeg stream index of a track in a view: by track ID, or, for output saved without its
        /// streams section, by the track's place in moov (ffmpeg numbers streams in trak order). Null when ffmpeg shows no such stream.
        /// </summary>
        public static int? StreamOf(FfmpegView view, Mp4Movie movie, Mp4Track track)
        {
            if (view.Streams.Count > 0) return view.Streams.FirstOrDefault(s => s.TrackId == track.TrackId)?.Index;
            int? position = movie.FfmpegStreams.StreamOf(track.TrackId);
            return position is int index && view.Entries.Any(e => e.StreamIndex == index) ? position : null;
        }

        /// <summary>
        /// Compares the cover pictures ffmpeg turns into attached-picture streams (one packet each, no timestamps)
        /// with the attached-picture streams of <paramref name="view"/>, in order: the n-th predicted picture with
        /// the n-th stream ffprobe marks attached_pic (or, for output saved without streams, the stream of the
        /// same index). One comparison per picture either side has.
        /// </summary>
        public static IReadOnlyList<TrackComparison> CompareAttachedPictures(Mp4Movie movie, FfmpegView view, FfmpegVersionChoice? version = null)
        {
            version ??= FfmpegVersionChoice.Choose(null, view.Libavformat);
            var results = new List<TrackComparison>();
            if (view.Source != FfmpegSource.Packets) return results;
            IReadOnlyList<FfmpegAttachedPicture> predicted = movie.FfmpegAttachedPictures;
            List<int> observed = view.Streams.Count > 0
                ? view.Streams.Where(s => s.IsAttachedPicture).Select(s => s.Index).ToList()
                : predicted.Select(p => p.StreamIndex).Where(i => view.Entries.Any(e => e.StreamIndex == i)).ToList();
            for (int n = 0; n < Math.Max(predicted.Count, observed.Count); n++)
            {
                FfmpegAttachedPicture? picture = n < predicted.Count ? predicted[n] : null;
                int? stream = n < observed.Count ? observed[n] : null;
                List<FfmpegEntry> entries = stream is int index ? view.EntriesOf(index).ToList() : new List<FfmpegEntry>();
                var rows = new List<PtsComparison>();
                for (int k = 0; k < Math.Max(picture is null ? 0 : 1, entries.Count); k++)
                {
                    rows.Add(PictureRow(movie, k == 0 ? picture : null, stream ?? picture?.StreamIndex, k, k < entries.Count ? entries[k] : null));
                }
                var summary = new PtsComparisonSummary
                {
                    Path = movie.Path,
                    TrackId = 0,
                    StreamIndex = stream ?? picture?.StreamIndex,
                    IsAttachedPicture = true,
                    SourceKind = view.Source,
                    Samples = rows.Count,
                    Matched = rows.Count(r => r.Match),
                    Mismatched = rows.Count(r => !r.Match),
                    Timescale = AttachedPictureTimescale,
                    FfmpegVersion = FfmpegVersions.Name(version.Modelled),
                    Libavformat = version.Libavformat?.ToString(),
                };
                PtsComparison? mismatch = rows.FirstOrDefault(r => !r.Match);
                if (mismatch is not null) summary.FirstMismatch = $"row {mismatch.Index}: {mismatch.Reason}";
                summary.Explanation = (picture is null
                    ? $"ffmpeg shows an attached picture (stream {stream}) that the model does not find in moov."
                    : $"Cover art in {picture.BoxPath} is not a track: ffmpeg makes it stream {picture.StreamIndex}, an attached picture ({picture.Codec}) with one packet of {picture.Size} bytes at byte {picture.Offset} and no timestamps, read before every packet of the tracks.")
                    + (summary.Mismatched == 0 ? $" The packet matches ffprobe's." : $" {summary.Mismatched} of {summary.Samples} packets differ; the first at {summary.FirstMismatch}.");
                results.Add(new TrackComparison(rows, summary));
            }
            return results;
        }

        /// <summary>The time base ffmpeg gives a stream it makes itself (1/90000); an attached picture has no timestamps in it.</summary>
        private const uint AttachedPictureTimescale = 90000;

        private static PtsComparison PictureRow(Mp4Movie movie, FfmpegAttachedPicture? picture, int? stream, int k, FfmpegEntry? entry)
        {
            var row = new PtsComparison
            {
                Path = movie.Path,
                TrackId = 0,
                StreamIndex = stream,
                IsAttachedPicture = true,
                Timescale = AttachedPictureTimescale,
                SourceKind = FfmpegSource.Packets,
                Index = k,
            };
            if (picture is not null)
            {
                row.Sample = 1;
                row.PredictedFlags = "K_";
                row.Reason = $"cover art ({picture.BoxPath}): ffmpeg's attached picture, {picture.Size} bytes at byte {picture.Offset}, no pts or dts; not a track";
            }
            if (entry is not null)
            {
                row.FfmpegPtsTicks = entry.Pts;
                row.FfmpegDtsTicks = entry.Dts;
                row.FfmpegFlags = entry.Flags;
                row.FfmpegPtsTime = entry.PtsTime;
            }
            bool samePlace = picture is not null && entry is not null && (entry.Position is null || entry.Position == picture.Offset) && (entry.Size is null || entry.Size == picture.Size);
            row.Match = picture is not null && entry is not null && entry.Pts is null && entry.Dts is null && SameFlags(row.PredictedFlags, entry.Flags) && samePlace;
            if (!row.Match)
            {
                string difference = picture is null ? "ffmpeg printed a packet the model does not predict"
                    : entry is null ? "ffmpeg printed no packet for the picture"
                    : !samePlace ? $"ffmpeg's packet is {entry.Size} bytes at byte {entry.Position}, the picture {picture.Size} bytes at byte {picture.Offset}"
                    : $"ffmpeg printed pts {Show(entry.Pts)} dts {Show(entry.Dts)} flags {entry.Flags}, the model no timestamps and K_";
                row.Reason = Join(difference, row.Reason);
            }
            return row;
        }

        /// <summary>Compares one track of <paramref name="movie"/> with <paramref name="view"/>, with the model of ffmpeg 5.1 or of the version the view names.</summary>
        public static TrackComparison Compare(Mp4Movie movie, Mp4Track track, FfmpegView view) =>
            Compare(movie, track, view, FfmpegVersionChoice.Choose(null, view.Libavformat));

        /// <summary>
        /// Compares one track of <paramref name="movie"/> with <paramref name="view"/>, with the model <paramref name="version"/> chose.
        /// For a showinfo log, <paramref name="source"/> names the log's frames that are the track's (see <see cref="ShowInfoSources"/>);
        /// without it, the log's lines of the track's kind (showinfo for video, ashowinfo for audio) are compared.
        /// </summary>
        public static TrackComparison Compare(Mp4Movie movie, Mp4Track track, FfmpegView view, FfmpegVersionChoice version, ShowInfoSource? source = null)
        {
            FfmpegMovieModel model = movie.FfmpegModel(version.Modelled);
            FfmpegTrackResult predicted = model.For(track);
            var iso = IsoBySample(movie, track);
            List<FfmpegEntry> observed;
            if (view.Source == FfmpegSource.ShowInfo)
            {
                string kind = predicted.IsAudio ? "audio" : "video";
                observed = (source?.EntriesIn(view) ?? view.Entries.Where(e => e.MediaType == kind)).ToList();
            }
            else
            {
                int? stream = StreamOf(view, movie, track);
                observed = stream is null ? new List<FfmpegEntry>() : view.EntriesOf(stream.Value).ToList();
            }

            Dictionary<long, Picture>? pictures = view.Source != FfmpegSource.Packets && predicted.IsVideo && observed.Any(e => e.PictureType.HasValue || e.KeyFrame.HasValue)
                ? ReadPictures(movie, track, predicted)
                : null;
            int? streamIndex = view.Source == FfmpegSource.ShowInfo ? movie.FfmpegStreams.StreamOf(track.TrackId) : StreamOf(view, movie, track);
            long decoderDelay = view.Source == FfmpegSource.Packets ? 0 : DecoderDelay(movie, track, predicted);
            var rows = new List<PtsComparison>();
            if (view.Source == FfmpegSource.Packets)
            {
                int count = Math.Max(predicted.Packets.Count, observed.Count);
                for (int k = 0; k < count; k++)
                {
                    FfmpegPacket? packet = k < predicted.Packets.Count ? predicted.Packets[k] : (FfmpegPacket?)null;
                    FfmpegEntry? entry = k < observed.Count ? observed[k] : null;
                    rows.Add(Row(movie, track, predicted, view.Source, k, packet, packet?.Pts, entry, iso, presentationIndex: null));
                }
            }
            else
            {
                List<PredictedFrame> frames = FramePrediction.Frames(predicted, movie.TablesOf(track).SampleEntries, decoderDelay);
                long offset = 0;
                if (view.Source == FfmpegSource.ShowInfo && model.FormatStartMicroseconds is long start)
                {
                    // ffmpeg shifts every input timestamp by minus the file's start time before filtering.
                    offset = FfmpegTrackModel.Rescale(-start, predicted.TimeBase, Microseconds);
                }
                // ashowinfo prints times in the audio filters' time base, 1/sample rate, into which ffmpeg rescales decoded frames.
                var filterTime = view.Source == FfmpegSource.ShowInfo && predicted.IsAudio ? AudioFilterTime.For(predicted, movie.TablesOf(track).SampleEntries) : null;
                int count = Math.Max(frames.Count, observed.Count);
                for (int k = 0; k < count; k++)
                {
                    PredictedFrame? frame = k < frames.Count ? frames[k] : (PredictedFrame?)null;
                    long? pts = frame.HasValue ? frame.Value.Pts + offset : (long?)null;
                    if (pts.HasValue && filterTime is not null) pts = filterTime.Next(pts.Value, frame!.Value.Samples);
                    PtsComparison row = Row(movie, track, predicted, view.Source, k, frame?.Packet, pts, entry: k < observed.Count ? observed[k] : null, iso, presentationIndex: k);
                    if (filterTime is not null) filterTime.Describe(row);
                    if (frame.HasValue)
                    {
                        row.Reason = Join(row.Reason, FrameReason(frame.Value, offset, predicted, decoderDelay));
                    }
                    if (pictures is not null) ComparePicture(row, frame?.Packet, k < observed.Count ? observed[k] : null, pictures);
                    rows.Add(row);
                }
            }
            string? note = version.UnmodelledNote is null ? null : $"ffmpeg {FfmpegVersions.Name(version.Ffmpeg!)} is not modelled: compared with {FfmpegVersions.Name(version.Modelled)}";
            foreach (PtsComparison row in rows)
            {
                row.StreamIndex = streamIndex;
                if (!row.Match && note is not null) row.Reason = Join(row.Reason, note);
            }
            PtsComparisonSummary summary = Summarize(movie, track, predicted, view, rows, iso, source?.Reason, decoderDelay);
            summary.StreamIndex = streamIndex;
            summary.FfmpegVersion = FfmpegVersions.Name(version.Modelled);
            summary.Libavformat = version.Libavformat?.ToString();
            // Which model: said when ffprobe named its version, when the user chose it, or when something differs.
            if (version.Libavformat is not null || version.Given || summary.Mismatched > 0) summary.Explanation = Join2(summary.Explanation, version.Describe());
            if (summary.Mismatched > 0 && version.UnmodelledNote is not null) summary.Explanation = Join2(summary.Explanation, version.UnmodelledNote);
            return new TrackComparison(rows, summary);
        }

        /// <summary>
        /// The samples ffmpeg's decoder drops from the start of the track by itself, used when no Skip Samples side data
        /// arrives: Opus's pre-skip (dOps), which the decoder takes as its delay; 1024 for AAC whose first frame names
        /// libfaac (the decoder knows that encoder's delay).
        /// </summary>
        private static long DecoderDelay(Mp4Movie movie, Mp4Track track, FfmpegTrackResult predicted)
        {
            if (!predicted.IsAudio || predicted.Packets.Count == 0) return 0;
            FfmpegPacket first = predicted.Packets[0];
            SampleEntry? entry = movie.TablesOf(track).SampleEntries.ElementAtOrDefault((int)first.SampleDescriptionIndex - 1);
            return entry?.Type switch
            {
                "Opus" => entry.Child<OpusSpecificBox>()?.PreSkip ?? 0,
                "mp4a" => Bitstream.Aac.MadeByLibfaac(movie.Stream, movie.Path, first.Position, first.Size) ? Bitstream.Aac.LibfaacDelay : 0,
                _ => 0,
            };
        }

        /// <summary>The picture of every sample the model's packets carry, read in decode order (parameter sets and reference slots carry over).</summary>
        private static Dictionary<long, Picture> ReadPictures(Mp4Movie movie, Mp4Track track, FfmpegTrackResult predicted)
        {
            var reader = new PictureReader(movie.Stream, movie.Path, movie.TablesOf(track).SampleEntries);
            var pictures = new Dictionary<long, Picture>();
            foreach (FfmpegPacket packet in predicted.Packets)
            {
                if (!pictures.ContainsKey(packet.Sample)) pictures[packet.Sample] = reader.Read(packet.SampleDescriptionIndex, packet.Position, packet.Size);
            }
            return pictures;
        }

        /// <summary>
        /// A frame's picture type and key flag against what ffmpeg printed for it: only what ffmpeg printed, and only for
        /// samples whose headers give a picture type (codecs the readers do not know, such as ProRes, are not compared).
        /// </summary>
        private static void ComparePicture(PtsComparison row, FfmpegPacket? packet, FfmpegEntry? entry, Dictionary<long, Picture> pictures)
        {
            if (packet is not FfmpegPacket p || !pictures.TryGetValue(p.Sample, out Picture picture)) return;
            row.PictureTypeValue = picture.Type;
            if (picture.Type.HasValue) row.PredictedFlags = picture.Key ? "K_" : "__";
            if (entry is null) return;
            row.FfmpegPictureTypeValue = entry.PictureType;
            if (entry.KeyFrame.HasValue) row.FfmpegFlags = entry.KeyFrame.Value ? "K_" : "__";
            var differences = new List<string>();
            if (entry.PictureType.HasValue && picture.Type.HasValue && entry.PictureType != picture.Type) differences.Add($"picture type {picture.Type} vs {entry.PictureType}");
            if (entry.KeyFrame.HasValue && row.PredictedFlags is not null && !SameFlags(row.PredictedFlags, row.FfmpegFlags!)) differences.Add($"key {row.PredictedFlags} vs {row.FfmpegFlags}");
            if (differences.Count == 0) return;
            bool timesMatched = row.Match;
            row.Match = false;
            row.Reason = Join(timesMatched ? "the model differs from ffmpeg: " + string.Join(", ", differences) : string.Join(", ", differences), row.Reason);
        }

        private static PtsComparison Row(Mp4Movie movie, Mp4Track track, FfmpegTrackResult predicted, FfmpegSource source, int k,
            FfmpegPacket? packet, long? predictedPts, FfmpegEntry? entry, Dictionary<long, List<SampleTiming>> iso, long? presentationIndex)
        {
            var row = new PtsComparison
            {
                Path = movie.Path,
                TrackId = track.TrackId,
                Timescale = predicted.TimeBase,
                SourceKind = source,
                Index = k,
                PresentationIndex = presentationIndex,
            };
            if (packet is FfmpegPacket p)
            {
                SampleTiming? timing = IsoOf(iso, p);
                row.Sample = p.Sample;
                row.CompositionTicks = p.RawDecode + p.RawCompositionOffset;
                row.PtsTicks = timing?.PtsTicks;
                row.PredictedPtsTicks = predictedPts;
                row.PredictedDtsTicks = source == FfmpegSource.Packets ? p.Dts : (long?)null;
                row.PredictedFlags = source == FfmpegSource.Packets ? Flags(p.Key, p.Discard) : null;
                row.Reason = PacketReason(p, timing, predicted, source);
            }
            if (entry is not null)
            {
                row.FfmpegPtsTicks = entry.Pts;
                row.FfmpegDtsTicks = source == FfmpegSource.Packets ? entry.Dts : null;
                row.FfmpegFlags = source == FfmpegSource.Packets ? entry.Flags : null;
                row.FfmpegPtsTime = entry.PtsTime ?? (entry.Pts.HasValue ? (double)entry.Pts.Value / predicted.TimeBase : (double?)null);
            }
            row.Match = packet.HasValue && entry is not null && row.PredictedPtsTicks == entry.Pts
                && (source != FfmpegSource.Packets || (row.PredictedDtsTicks == entry.Dts && SameFlags(row.PredictedFlags, entry.Flags)));
            if (!row.Match)
            {
                row.Reason = Join(packet is null ? "the model predicts no packet here: ffmpeg printed more"
                    : entry is null ? "ffmpeg printed nothing here: the model predicts more"
                    : "the model differs from ffmpeg: " + Difference(row), row.Reason);
            }
            return row;
        }

        /// <summary>Why this packet's numbers are what they are.</summary>
        private static string PacketReason(FfmpegPacket p, SampleTiming? iso, FfmpegTrackResult track, FfmpegSource source)
        {
            var parts = new List<string>();
            FfmpegRule r = p.Rules;
            long composition = p.RawDecode + p.RawCompositionOffset;
            if (r.HasFlag(FfmpegRule.PcmRegrouped)) parts.Add("PCM samples regrouped into one packet");
            if (r.HasFlag(FfmpegRule.EditList))
            {
                long shift = p.Pts - composition;
                if (r.HasFlag(FfmpegRule.Discarded))
                {
                    bool before = track.FirstMediaTime.HasValue && composition < track.FirstMediaTime.Value;
                    parts.Add(track.IsAudio && before ? $"priming sample discarded: it ends before the edit's media_time {track.FirstMediaTime}"
                        : before ? "before the edit start: decoded for the frames after it, not shown (D)"
                        : "outside the edit: decoded, not shown (D)");
                }
                else if (r.HasFlag(FfmpegRule.PartlySkipped))
                {
                    parts.Add($"straddles the edit start: the decoder skips its first {Math.Max(0, (track.FirstMediaTime ?? composition) - composition)} ticks");
                }
                parts.Add(shift == 0 ? "edit list: no shift" : $"edit list shift of {shift.ToString("+0;-0", CultureInfo.InvariantCulture)} ticks");
                if (r.HasFlag(FfmpegRule.Repeated)) parts.Add($"shown again by edit {p.Edit}");
            }
            else if (r.HasFlag(FfmpegRule.FragmentTimeOffset))
            {
                parts.Add($"fragment times lowered by the edit list's offset of {track.TimeOffset} ticks");
            }
            if (r.HasFlag(FfmpegRule.DtsShift)) parts.Add($"DTS shifted by {track.DtsShift} for negative composition offsets");
            if (r.HasFlag(FfmpegRule.FragmentPtsDelay)) parts.Add($"pts raised by {track.DtsShift} for negative composition offsets (ffmpeg keeps fragment dts)");
            if (r.HasFlag(FfmpegRule.NoCompositionOffset) && p.RawCompositionOffset != 0) parts.Add("no composition offset used (ctts dropped or too short): pts = dts");
            if (r.HasFlag(FfmpegRule.CttsDropped)) parts.Add("ctts dropped as invalid (an offset beyond 2^28)");
            if (r.HasFlag(FfmpegRule.SttsClipped)) parts.Add("a negative stts delta was clipped to 1");
            if (r.HasFlag(FfmpegRule.DtsSetToPts)) parts.Add("dts set to pts (codec without reordering)");
            if (r.HasFlag(FfmpegRule.FragmentOverlap)) parts.Add("overlaps the previous fragment: D");
            if (r.HasFlag(FfmpegRule.CutByEndOfFile)) parts.Add("its data is cut by the end of the file");
            if (source == FfmpegSource.Packets && iso is not null && p.Key != iso.IsSync)
            {
                parts.Add(r.HasFlag(FfmpegRule.ParserKeyFrame) ? $"K {(p.Key ? "set" : "not set")} by ffmpeg's bitstream parser, unlike stss"
                    : r.HasFlag(FfmpegRule.AlwaysKey) ? "K on every packet: intra-only codec or data stream" : "K from stss");
            }
            if (iso is not null && (iso.PtsTicks != p.Pts || iso.IsDiscarded != p.Discard))
            {
                string cause = r.HasFlag(FfmpegRule.VideoStartShift) && r.HasFlag(FfmpegRule.Discarded)
                    ? ": ffmpeg times the frames before the edit back from its start, then moves the video so the first shown frame starts it"
                    : r.HasFlag(FfmpegRule.VideoStartShift) ? ": " + FfmpegExplanations.VideoStartShift(track) : "";
                parts.Add($"ISO presentation time {iso.PtsTicks}{(iso.IsDiscarded ? " (not presented)" : "")}{cause}");
            }
            if (parts.Count == 0) parts.Add(composition == p.Pts ? "no edit list: pts is the composition time" : "as stored");
            return string.Join("; ", parts);
        }

        private static string FrameReason(PredictedFrame frame, long offset, FfmpegTrackResult track, long decoderDelay)
        {
            var parts = new List<string> { track.IsVideo ? "listed in presentation order" : "decoded audio frame" };
            if (frame.Trimmed > 0)
            {
                parts.Add(track.SkipSamples > 0 ? $"its first {frame.Trimmed} samples skipped (Skip Samples)"
                    : $"its first {frame.Trimmed} samples dropped by the decoder (its own delay: {decoderDelay})");
            }
            if (offset != 0) parts.Add($"showinfo adds {offset} ticks: the file starts at {-offset} ticks");
            return string.Join("; ", parts);
        }

        private static PtsComparisonSummary Summarize(Mp4Movie movie, Mp4Track track, FfmpegTrackResult predicted, FfmpegView view,
            List<PtsComparison> rows, Dictionary<long, List<SampleTiming>> iso, string? trackChoice, long decoderDelay)
        {
            var summary = new PtsComparisonSummary
            {
                Path = movie.Path,
                TrackId = track.TrackId,
                Handler = track.Handler,
                SourceKind = view.Source,
                Samples = rows.Count,
                Matched = rows.Count(r => r.Match),
                Mismatched = rows.Count(r => !r.Match),
                Timescale = predicted.TimeBase,
                TrackChoice = trackChoice,
            };
            iso.TryGetValue(1, out List<SampleTiming>? first);
            SampleTiming? sample1 = first?.FirstOrDefault();
            SampleTiming? isoFirst = iso.Values.SelectMany(s => s).Where(s => !s.IsDiscarded)
                .OrderBy(s => s.PtsTicks).ThenBy(s => s.Sample).FirstOrDefault();
            if (isoFirst is not null)
            {
                summary.FirstShownSample = isoFirst.Sample;
                summary.FirstCompositionTime = isoFirst.CompositionTime;
                summary.FirstPts = isoFirst.Pts;
            }
            if (FirstShown(predicted) is FfmpegPacket shown) summary.EditShiftTicks = shown.Pts - (shown.RawDecode + shown.RawCompositionOffset);
            PtsComparison? firstObserved = rows.FirstOrDefault(r => r.FfmpegPtsTicks.HasValue);
            summary.FirstFfmpegPts = firstObserved?.FfmpegPtsTime;
            PtsComparison? mismatch = rows.FirstOrDefault(r => !r.Match);
            if (mismatch is not null)
            {
                summary.FirstMismatch = $"row {mismatch.Index}" + (mismatch.Sample.HasValue ? $" (sample {mismatch.Sample})" : "") + $": {mismatch.Reason}";
            }
            summary.Explanation = Explain(track, predicted, view, summary, sample1, iso, rows, decoderDelay);
            return summary;
        }

        /// <summary>The packet ffmpeg shows first: the lowest pts among those without D (the first in decode order on a tie).</summary>
        private static FfmpegPacket? FirstShown(FfmpegTrackResult predicted) =>
            predicted.Packets.Where(x => !x.Discard).OrderBy(x => x.Pts).Cast<FfmpegPacket?>().FirstOrDefault();

        private static string Explain(Mp4Track track, FfmpegTrackResult p, FfmpegView view, PtsComparisonSummary s, SampleTiming? sample1,
            Dictionary<long, List<SampleTiming>> iso, List<PtsComparison> rows, long decoderDelay)
        {
            var text = new List<string>();
            string Sec(long ticks) => Seconds.Format(ticks, p.TimeBase);
            long firstComposition = sample1?.CompositionTicks ?? 0;
            string unit = p.IsAudio ? "sample" : "frame";
            if (s.TrackChoice is not null) text.Add($"The log's {(p.IsAudio ? "ashowinfo" : "showinfo")} frames are track {track.TrackId}'s: {s.TrackChoice}.");

            if (p.EditListApplied && p.FirstMediaTime.HasValue && FirstShown(p) is FfmpegPacket first)
            {
                text.Add(EditArithmetic(p, first, unit, Sec));
            }
            else if (p.TimeOffset != 0)
            {
                text.Add(FfmpegExplanations.FragmentOffset(p));
            }
            else if (track.Edits.Count == 0)
            {
                text.Add($"There is no edit list, so ffmpeg's pts are the composition times from stts+ctts (the first is {firstComposition}, {Sec(firstComposition)}).");
            }
            if (p.NoPackets is not null) text.Add($"ffmpeg lists this track as a stream but reads no packet of it: {p.NoPackets}.");
            long discarded = p.Packets.Count(x => x.Discard);
            if (discarded > 0)
            {
                text.Add(p.IsAudio
                    ? $"{discarded} packet(s) before the edit are decoded but not played (flag D): the encoder's priming, skipped through Skip Samples ({p.SkipSamples})."
                    : $"{discarded} packet(s) outside the edit are decoded but not shown (flag D), e.g. the frames from the key frame before a cut.");
            }
            if (p.DroppedSamples > 0) text.Add(FfmpegExplanations.Dropped(p));
            if (p.DtsShift > 0) text.Add(FfmpegExplanations.DtsShift(p, sample1?.DecodeTicks ?? 0));
            if (view.Source != FfmpegSource.Packets && p.IsVideo)
            {
                text.Add("showinfo and -show_frames list decoded frames in presentation order, the sample table in decode order.");
            }
            long keyDifferences = iso.Count == 0 ? 0 : p.Packets.Count(x => IsoOf(iso, x) is SampleTiming t && t.IsSync != x.Key);
            if (keyDifferences > 0 && view.Source == FfmpegSource.Packets) text.Add($"ffmpeg's K differs from stss on {keyDifferences} packet(s): {p.KeySource}.");
            if (view.Source != FfmpegSource.Packets && s.Samples > 0 && s.FirstFfmpegPts is null)
            {
                text.Add("ffmpeg decoded no frame of this track: it has no decoder for the codec, or the samples are encrypted.");
            }
            if (p.GaplessPriming is long priming)
            {
                text.Add($"An iTunes gapless entry (iTunSMPB) gives an encoder delay of {priming} samples: ffmpeg skips them (Skip Samples on the first packet), which starts the track {priming} samples later.");
            }
            if (view.Source != FfmpegSource.Packets && p.IsAudio && decoderDelay > 0 && p.SkipSamples == 0)
            {
                text.Add(track.Codec == "Opus"
                    ? $"No Skip Samples reach the decoder, so ffmpeg's Opus decoder drops the pre-skip dOps gives ({decoderDelay} samples) by itself."
                    : $"ffmpeg's AAC decoder drops the first {decoderDelay} samples by itself: the stream's first frame says libfaac made it, whose delay the decoder knows.");
            }
            else if (view.Source != FfmpegSource.Packets && p.IsAudio && s.Mismatched > 0 && s.FirstFfmpegPts is not null)
            {
                text.Add("Audio frames also depend on the decoder, which may drop priming the container does not mark (Opus pre-skip in fragments, encoder delays the decoder knows).");
            }
            int typed = rows.Count(r => r.FfmpegPictureTypeValue.HasValue && r.PictureTypeValue.HasValue);
            if (typed > 0)
            {
                int differ = rows.Count(r => r.FfmpegPictureTypeValue.HasValue && r.PictureTypeValue.HasValue && r.FfmpegPictureTypeValue != r.PictureTypeValue);
                text.Add(differ == 0
                    ? $"The picture types ffmpeg printed ({typed} frames) are those the slice and frame headers give."
                    : $"{differ} of the {typed} picture types ffmpeg printed differ from those the slice and frame headers give.");
            }
            text.Add(s.Mismatched == 0
                ? $"All {s.Samples} {Noun(view.Source)} match the model."
                : $"{s.Mismatched} of {s.Samples} {Noun(view.Source)} differ from the model; the first at {s.FirstMismatch}.");
            return string.Join(" ", text);
        }

        /// <summary>
        /// How the edit list took the first shown sample from its composition time to ffmpeg's PTS, one named rule a step,
        /// so that the sentence adds up: media_time subtracted, an empty edit added, the video moved to start the edit,
        /// and for audio that starts before the edit, the samples the decoder skips.
        /// </summary>
        private static string EditArithmetic(FfmpegTrackResult p, FfmpegPacket first, string unit, Func<long, string> sec)
        {
            long composition = first.RawDecode + first.RawCompositionOffset;
            long value = composition;
            var steps = new List<string>();
            long mediaTime = p.FirstMediaTime!.Value;
            if (mediaTime != 0)
            {
                value -= mediaTime;
                steps.Add($"the edit list's media_time {mediaTime} ({sec(mediaTime)}) is subtracted: {composition} - {mediaTime} = {value}");
            }
            else
            {
                steps.Add("the edit list's media_time 0 keeps it");
            }
            if (p.EmptyEditTicks != 0)
            {
                value += p.EmptyEditTicks;
                steps.Add($"an empty edit of {p.EmptyEditTicks} ticks ({sec(p.EmptyEditTicks)}) delays the track: + {p.EmptyEditTicks} = {value}");
            }
            long residual = first.Pts - value;
            if (residual != 0 && p.IsVideo && first.Rules.HasFlag(FfmpegRule.VideoStartShift))
            {
                // mov_fix_index restarts decode times at the edit and then moves the video so that the first frame it
                // shows starts the edit: for the first shown frame that is the rest of the way to the edit's start.
                value += residual;
                steps.Add($"ffmpeg's video start shift then moves the video {Math.Abs(residual)} ticks ({sec(Math.Abs(residual))}) {(residual < 0 ? "earlier" : "later")} so that the first frame it shows starts the edit: {(residual < 0 ? "-" : "+")} {Math.Abs(residual)} = {value}");
            }
            string result = value == first.Pts
                ? $"so ffmpeg's PTS for it is {first.Pts} ({sec(first.Pts)})"
                : $"and further rules (in the rows' Reason) make ffmpeg's PTS {first.Pts} ({sec(first.Pts)})";
            string sentence = $"The first {unit} ffmpeg shows is sample {first.Sample}: stts+ctts give {composition} ({sec(composition)}); {string.Join("; ", steps)}; {result}.";
            if (first.Rules.HasFlag(FfmpegRule.PartlySkipped) && p.FirstMediaTime > composition)
            {
                long skipped = p.FirstMediaTime.Value - composition;
                sentence += $" It starts {skipped} ticks before the edit, so the decoder skips those samples (Skip Samples) and plays it from {first.Pts + skipped}.";
            }
            return sentence;
        }

        private static string Noun(FfmpegSource source) => source == FfmpegSource.Packets ? "packets" : "frames";

        private static Dictionary<long, List<SampleTiming>> IsoBySample(Mp4Movie movie, Mp4Track track)
        {
            var bySample = new Dictionary<long, List<SampleTiming>>();
            try
            {
                foreach (SampleTiming timing in movie.ReadSampleTimings(track))
                {
                    if (!bySample.TryGetValue(timing.Sample, out List<SampleTiming>? list)) bySample[timing.Sample] = list = new List<SampleTiming>(1);
                    list.Add(timing);
                }
            }
            catch (Mp4FormatException)
            {
                // The ISO reading stops at damage ffmpeg may read past; rows after it have no ISO time.
            }
            return bySample;
        }

        private static SampleTiming? IsoOf(Dictionary<long, List<SampleTiming>> iso, FfmpegPacket packet)
        {
            if (!iso.TryGetValue(packet.Sample, out List<SampleTiming>? showings)) return null;
            return showings.FirstOrDefault(s => s.Edit == packet.Edit) ?? showings[0];
        }

        private static string Flags(bool key, bool discard) => (key ? "K" : "_") + (discard ? "D" : "_");

        private static bool SameFlags(string? predicted, string observed) =>
            predicted is not null && observed.Length >= 2 && string.CompareOrdinal(predicted, 0, observed, 0, 2) == 0;

        private static string Difference(PtsComparison row)
        {
            var text = new StringBuilder();
            if (row.PredictedPtsTicks != row.FfmpegPtsTicks) text.Append($"pts {row.PredictedPtsTicks} vs {Show(row.FfmpegPtsTicks)} ");
            if (row.SourceKind == FfmpegSource.Packets && row.PredictedDtsTicks != row.FfmpegDtsTicks) text.Append($"dts {row.PredictedDtsTicks} vs {Show(row.FfmpegDtsTicks)} ");
            if (row.SourceKind == FfmpegSource.Packets && !SameFlags(row.PredictedFlags, row.FfmpegFlags ?? "")) text.Append($"flags {row.PredictedFlags} vs {row.FfmpegFlags} ");
            return text.ToString().Trim();
        }

        private static string Show(long? value) => value.HasValue ? value.Value.ToString(CultureInfo.InvariantCulture) : "N/A";

        private static string Join(string a, string b) => a.Length == 0 ? b : b.Length == 0 ? a : a + "; " + b;

        private static string Join2(string a, string b) => a.Length == 0 ? b : b.Length == 0 ? a : a + " " + b;
    }
}
