using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Mp4Timing.Analysis;
using Mp4Timing.Boxes;
using Mp4Timing.Ffmpeg;
using static System.FormattableString;

namespace Mp4Timing.Report
{
    /// <summary>
    /// The timeline page of a movie: one self-contained HTML file (inline SVG and CSS, no script, nothing from the
    /// network) that draws every track on one time axis: the samples in decode order and in presentation order,
    /// picture types, ffmpeg's D flags, the edit list with the ISO and ffmpeg start times, composition offsets,
    /// sample durations, bit rate, sync intervals, timing findings, and Get-Mp4Track's summary of each track.
    /// </summary>
    public static class TimelinePage
    {
        /// <summary>
        /// Writes the page of <paramref name="tracks"/> (all tracks when null) of <paramref name="movie"/> to
        /// <paramref name="page"/>, element by element. <paramref name="findings"/> are marked where they are (null when no
        /// rules were run: the page then has no findings section; empty when they found nothing). Pass the same
        /// <paramref name="state"/> for media segments read in order. Damage met while reading goes to
        /// <paramref name="onError"/>, once per track; what was read before it is drawn. <paramref name="trackInfos"/> are the
        /// tracks' summaries where they are read already, from the same <paramref name="state"/> (<see cref="TimingRuleSet.Check"/>
        /// gives them beside the findings): those tracks are not read again for them.
        /// </summary>
        public static TimelineExport Write(Mp4Movie movie, IEnumerable<Mp4Track>? tracks, TextWriter page, TimelineOptions? options = null,
            IEnumerable<TimingFinding>? findings = null, SampleReadState? state = null, Action<Mp4FormatException>? onError = null,
            IEnumerable<TrackInfo>? trackInfos = null)
        {
            if (movie is null) throw new ArgumentNullException(nameof(movie));
            if (page is null) throw new ArgumentNullException(nameof(page));
            options ??= new TimelineOptions();
            if (options.Duration is double d && !(d > 0)) throw new ArgumentOutOfRangeException(nameof(options), "The window's duration must be positive.");
            if (options.Start is double s && (double.IsNaN(s) || double.IsInfinity(s))) throw new ArgumentOutOfRangeException(nameof(options), "The window's start must be a number.");

            var chosen = (tracks ?? movie.Tracks).ToList();
            List<TimingFinding>? given = findings?.ToList();
            var report = onError ?? (_ => { });
            Version ffmpeg = FfmpegVersions.Resolve(options.FfmpegVersion ?? FfmpegVersions.Default);

            options.Progress?.Invoke("Summarising the tracks", -1);
            List<TrackInfo> infos = TrackAnalysis.Analyze(movie, chosen, state?.Copy(), report, trackInfos ?? Array.Empty<TrackInfo>(), ffmpeg).ToList();
            var lanes = chosen.Select((track, i) => new TrackTimeline(movie, track, infos[i])).ToList();

            options.Progress?.Invoke("Modelling ffmpeg's index", -1);
            FfmpegMovieModel? model = null;
            string? modelError = null;
            try
            {
                if (lanes.Count > 0) model = movie.FfmpegModel(ffmpeg);
            }
            catch (Mp4FormatException error)
            {
                modelError = "ffmpeg's view (D flags, start_time) is not shown: " + error.Message;
            }
            foreach (TrackTimeline lane in lanes) lane.ReadFfmpeg(model, modelError);

            TimeAxis axis = Window(movie, lanes, options, state, report);
            foreach (TrackTimeline lane in lanes)
            {
                // Damage is reported once: by the summary's reading, or else by the first pass that meets it.
                Action<Mp4FormatException> once = lane.Info.ReadError is null ? report : _ => { };
                lane.Collect(axis, state?.Copy(), options.MaxDetailedSamples, options.Progress, once);
                lane.ReadFfmpegPackets();
                lane.ReadPresentationOrder(state?.Copy());
            }
            if (state is not null) Advance(movie, chosen, state);

            options.Progress?.Invoke("Writing the page", -1);
            var export = new TimelineExport
            {
                Path = movie.Path,
                InitSegment = movie.InitSegmentPath,
                Tracks = infos,
                FfmpegVersion = FfmpegVersions.Name(ffmpeg),
                Findings = (IReadOnlyList<TimingFinding>?)given ?? Array.Empty<TimingFinding>(),
                Start = axis.Start,
                Duration = axis.End - axis.Start,
                Samples = lanes.Sum(l => l.SamplesInWindow),
                IsAggregated = lanes.Any(l => l.Aggregated),
            };
            new PageWriter(new MarkupWriter(page), movie, lanes, axis, given, modelError, ffmpeg, options.FfmpegVersion).Write();
            page.Flush();
            return export;
        }

        /// <summary>
        /// Writes the page to <paramref name="outFile"/> (UTF-8): into a temporary file beside it, which then takes its
        /// place (replacing a file already there: whether that is allowed is the caller's decision).
        /// </summary>
        public static TimelineExport Export(Mp4Movie movie, IEnumerable<Mp4Track>? tracks, string outFile, TimelineOptions? options = null,
            IEnumerable<TimingFinding>? findings = null, SampleReadState? state = null, Action<Mp4FormatException>? onError = null,
            IEnumerable<TrackInfo>? trackInfos = null)
        {
            if (outFile is null) throw new ArgumentNullException(nameof(outFile));
            string target = System.IO.Path.GetFullPath(outFile);
            string folder = System.IO.Path.GetDirectoryName(target) ?? ".";
            string temporary = System.IO.Path.Combine(folder, "." + System.IO.Path.GetFileName(target) + "." + Guid.NewGuid().ToString("N").Substring(0, 8) + ".tmp");
            TimelineExport export;
            try
            {
                using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
                using (var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16))
                {
                    export = Write(movie, tracks, writer, options, findings, state, onError, trackInfos);
                }
                if (File.Exists(target)) File.Replace(temporary, target, null);
                else File.Move(temporary, target);
            }
            finally
            {
                if (File.Exists(temporary)) File.Delete(temporary);
            }
            export.OutFile = target;
            export.Size = new FileInfo(target).Length;
            return export;
        }

        /// <summary>
        /// The window: -Start and -Duration where given; else from the earliest to the latest time of any sample (decode or
        /// presentation), edit or cut of the tracks, read in a first pass. The edits of a media segment's init segment describe
        /// the whole stream, not the segment: they do not widen a segment's window.
        /// </summary>
        private static TimeAxis Window(Mp4Movie movie, List<TrackTimeline> lanes, TimelineOptions options, SampleReadState? state, Action<Mp4FormatException> report)
        {
            double? first = null, last = null;
            void Extend(double start, double end)
            {
                first = first is double f ? Math.Min(f, start) : start;
                if (!double.IsPositiveInfinity(end)) last = last is double l ? Math.Max(l, end) : end;
            }
            if (options.Start is null || options.Duration is null)
            {
                foreach (TrackTimeline lane in lanes)
                {
                    options.Progress?.Invoke(Invariant($"Track {lane.Track.TrackId}: its extent"), -1);
                    lane.Survey(state?.Copy(), lane.Info.ReadError is null ? report : _ => { });
                    if (lane.FirstTime is double start && lane.LastTime is double end) Extend(start, end);
                    if (movie.InitSegmentPath is not null) continue;
                    foreach ((double from, double to) in EditSpans(lane.Track)) Extend(from, to);
                }
            }
            double windowStart = options.Start ?? first ?? 0;
            double windowEnd = options.Duration is double duration ? windowStart + duration : last ?? windowStart + 1;
            if (!(windowEnd > windowStart)) windowEnd = windowStart + 1;
            return new TimeAxis(windowStart, windowEnd, PageWriter.PlotLeft, options.PlotWidth);
        }

        /// <summary>What a track's edit list covers on the presentation timeline, in seconds: its cut (the media before the first edit's media_time) and each edit.</summary>
        internal static IEnumerable<(double Start, double End)> EditSpans(Mp4Track track)
        {
            long start = 0;
            bool cutDrawn = false;
            for (int i = 0; i < track.Edits.Count; i++)
            {
                EditListEntry edit = track.Edits[i];
                double from = Mp4Timing.Seconds.FromTicks(start, track.MovieTimescale);
                bool toTheEnd = edit.SegmentDuration == 0 && i == track.Edits.Count - 1 && !edit.IsEmpty;
                long end = start > long.MaxValue - edit.SegmentDuration ? long.MaxValue : start + edit.SegmentDuration;
                if (!edit.IsEmpty && edit.MediaTime > 0 && !cutDrawn)
                {
                    yield return (from - Mp4Timing.Seconds.FromTicks(edit.MediaTime, track.Timescale), from);
                }
                if (!edit.IsEmpty) cutDrawn = true;
                yield return (from, toTheEnd ? double.PositiveInfinity : Mp4Timing.Seconds.FromTicks(end, track.MovieTimescale));
                start = end;
            }
        }

        /// <summary>Moves <paramref name="state"/> past the tracks' samples, so that the next media segment goes on from the end of this one.</summary>
        private static void Advance(Mp4Movie movie, IEnumerable<Mp4Track> tracks, SampleReadState state)
        {
            foreach (Mp4Track track in tracks)
            {
                try
                {
                    foreach (Timing.RawSample _ in movie.ReadRawSamples(track, state, quiet: true))
                    {
                    }
                }
                catch (Mp4FormatException)
                {
                    // Reported by the passes before.
                }
            }
        }
    }
}
