using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Mp4Timing.Boxes;
using Mp4Timing.Ffmpeg;
using static System.FormattableString;

namespace Mp4Timing.Report
{
    /// <summary>
    /// The SVG of one track on the page's time axis: its findings, its edit list (with the cut and the ISO and
    /// ffmpeg start times), its samples in decode and in presentation order joined by lines, and four charts:
    /// composition offset, sample duration, bit rate and sync intervals. Every mark carries a &lt;title&gt;, the
    /// tooltip a browser shows on hover. Detailed tracks get one mark per sample; aggregated ones one per pixel column.
    /// </summary>
    internal sealed class TrackDrawing
    {
        public const double FindingsRowHeight = 14;

        private const double HeaderHeight = 24;
        private const double EditRowHeight = 16;
        private const double SampleRowHeight = 14;
        private const double LinkHeight = 26;
        private const double OffsetHeight = 34;
        private const double DurationHeight = 26;
        private const double RateHeight = 34;
        private const double IntervalHeight = 24;
        private const double Gap = 8;
        private const double BottomGap = 22;

        private readonly MarkupWriter _w;
        private readonly TrackTimeline _lane;
        private readonly TimeAxis _axis;
        private readonly List<TimingFinding>? _findings;
        private readonly StringBuilder _text = new StringBuilder(160);

        public TrackDrawing(MarkupWriter writer, TrackTimeline lane, TimeAxis axis, List<TimingFinding>? findings)
        {
            _w = writer;
            _lane = lane;
            _axis = axis;
            _findings = findings;
        }

        private bool HasFindingsRow => _findings is { Count: > 0 };

        /// <summary>Sync intervals are worth a chart when some samples are not sync samples (video, mostly).</summary>
        private bool HasIntervals => _lane.SyncSamples > 0 && _lane.SyncSamples < _lane.Info.SampleCount;

        public double Height =>
            HeaderHeight + (HasFindingsRow ? FindingsRowHeight + 6 : 0) + EditRowHeight + Gap + SampleRowHeight + LinkHeight + SampleRowHeight + Gap + 4
            + OffsetHeight + Gap + DurationHeight + Gap + RateHeight + (HasIntervals ? Gap + IntervalHeight : 0) + BottomGap;

        public void Write(double top)
        {
            _w.Open("g").Attr("class", "track").Attr("id", "track-" + _lane.Track.TrackId.ToString(CultureInfo.InvariantCulture))
                .Attr("data-track", _lane.Track.TrackId).Attr("data-mode", _lane.Aggregated ? "columns" : "samples").Line();

            double y = top;
            WriteHeader(y + 15);
            y += HeaderHeight;
            if (HasFindingsRow)
            {
                Label(y + 11, "findings", null);
                WriteFindingMarkers(_w, _axis, _findings!, y);
                y += FindingsRowHeight + 6;
            }

            double editTop = y;
            Label(y + 12, "edit list", null);
            WriteEdits(y);
            y += EditRowHeight + Gap;

            double decodeTop = y;
            double presentationTop = decodeTop + SampleRowHeight + LinkHeight;
            Label(decodeTop + 11, "decode order (DTS)", null);
            Label(presentationTop + 11, "presentation order (PTS)", null);
            if (_lane.Aggregated) WriteColumns(decodeTop, presentationTop);
            else WriteSamples(decodeTop, presentationTop);
            WriteStartMarkers(editTop, presentationTop + SampleRowHeight);
            y = presentationTop + SampleRowHeight + Gap + 4;

            WriteOffsets(y);
            y += OffsetHeight + Gap;
            WriteDurations(y);
            y += DurationHeight + Gap;
            WriteRates(y);
            y += RateHeight;
            if (HasIntervals)
            {
                y += Gap;
                WriteIntervals(y);
            }
            _w.Close().Line();
        }

        // ---- header and labels --------------------------------------------------------------------------------

        private void WriteHeader(double baseline)
        {
            TrackInfo t = _lane.Info;
            string what = t.Width is int w ? Invariant($"{w}x{t.Height}") : t.SampleRate is double rate ? Invariant($"{rate.ToString("0.###", CultureInfo.InvariantCulture)} Hz") : "";
            string fps = t.FrameRate is double f ? Invariant($", {f.ToString("0.###", CultureInfo.InvariantCulture)} fps") : "";
            string mode = _lane.Aggregated
                ? Invariant($"{Count(_lane.SamplesInWindow)} samples in the window, drawn per pixel column ({TimeAxis.Duration(_axis.SecondsPerColumn)} each)")
                : Invariant($"{Count(_lane.SamplesInWindow)} sample{(_lane.SamplesInWindow == 1 ? "" : "s")} in the window, each drawn");
            _w.Open("text").Attr("class", "th").Attr("x", 8).Attr("y", baseline)
                .Text(Invariant($"Track {t.TrackId}: {t.Kind} {(t.CodecString.Length > 0 ? t.CodecString : t.Codec)} {what}{fps} \u2014 {mode}"))
                .Close().Line();
            var notes = new List<string>();
            if (_lane.ReadError is not null) notes.Add("reading stopped: " + _lane.ReadError);
            if (_lane.FfmpegNote is not null) notes.Add(_lane.FfmpegNote);
            if (_lane.OrderNote is not null) notes.Add("presentation order not numbered: " + _lane.OrderNote);
            if (notes.Count > 0)
            {
                string text = string.Join("; ", notes);
                if (text.Length > 160) text = text.Substring(0, 157) + "...";
                _w.Open("text").Attr("class", "note").Attr("x", _axis.Right).Attr("y", baseline).Attr("text-anchor", "end")
                    .Text("\u26A0 " + text)
                    .Open("title").Text(string.Join("\n", notes)).Close()
                    .Close().Line();
            }
        }

        private void Label(double baseline, string text, string? sub)
        {
            _w.Open("text").Attr("class", "lbl").Attr("x", PageWriter.PlotLeft - 8).Attr("y", baseline).Text(text).Close();
            if (sub is not null) _w.Open("text").Attr("class", "lbl sub").Attr("x", PageWriter.PlotLeft - 8).Attr("y", baseline + 12).Text(sub).Close();
            _w.Line();
        }

        // ---- findings ----------------------------------------------------------------------------------------------

        /// <summary>A diamond per finding at its time (at the left edge when it has none), coloured by severity, with the message as its title.</summary>
        internal static void WriteFindingMarkers(MarkupWriter w, TimeAxis axis, IEnumerable<TimingFinding> findings, double top)
        {
            w.Open("g").Attr("class", "findings").Line();
            foreach (TimingFinding finding in findings)
            {
                double x;
                if (finding.Time is double time)
                {
                    if (!axis.Overlaps(time, time)) continue;
                    x = axis.X(time);
                }
                else
                {
                    x = axis.Left + 5;
                }
                string css = finding.SeverityValue switch { FindingSeverity.Error => "fE", FindingSeverity.Warning => "fW", _ => "fI" };
                var title = new StringBuilder();
                title.Append(finding.Severity).Append(' ').Append(finding.Rule);
                if (finding.TrackId != 0) title.Append(" (track ").Append(finding.TrackId.ToString(CultureInfo.InvariantCulture)).Append(')');
                if (finding.Sample is long sample) title.Append(", sample ").Append(sample.ToString(CultureInfo.InvariantCulture));
                title.Append(finding.Time is double t ? ", at " + PageWriter.Sec(t) : ", not at one time");
                if (finding.Count > 1) title.Append(", ").Append(finding.Count.ToString("N0", CultureInfo.InvariantCulture)).Append(" places");
                title.Append(": ").Append(finding.Message);
                if (finding.Hint.Length > 0) title.Append(" Fix: ").Append(finding.Hint);
                double c = top + FindingsRowHeight / 2;
                w.Open("path").Attr("class", "finding " + css).Attr("data-rule", finding.Rule)
                    .Attr("d", Invariant($"M{MarkupWriter.Format(x)} {MarkupWriter.Format(c - 6)}l6 6-6 6-6-6z"))
                    .Open("title").Text(title.ToString()).Close().Close().Line();
            }
            w.Close().Line();
        }

        // ---- edit list ----------------------------------------------------------------------------------------------

        private void WriteEdits(double top)
        {
            Mp4Track track = _lane.Track;
            _w.Open("g").Attr("class", "edits").Line();
            if (track.Edits.Count == 0)
            {
                double x0 = _axis.ClampedX(0);
                _w.Open("text").Attr("class", "sub").Attr("x", x0 + 4).Attr("y", top + 11)
                    .Text("no edit list: the media timeline is the presentation timeline (PTS = composition time)").Close().Line();
                _w.Close().Line();
                return;
            }
            long start = 0;
            bool cutDrawn = false;
            uint movieScale = track.MovieTimescale, mediaScale = track.Timescale;
            var labels = new List<(double From, double To, string Text)>();
            for (int i = 0; i < track.Edits.Count; i++)
            {
                EditListEntry edit = track.Edits[i];
                bool last = i == track.Edits.Count - 1;
                double from = Mp4Timing.Seconds.FromTicks(start, movieScale);
                long endTicks = start > long.MaxValue - edit.SegmentDuration ? long.MaxValue : start + edit.SegmentDuration;
                bool toTheEnd = edit.SegmentDuration == 0 && last && !edit.IsEmpty;
                double to = toTheEnd ? Math.Max(_axis.End, from) : Mp4Timing.Seconds.FromTicks(endTicks, movieScale);
                string number = Invariant($"edit {i + 1} of {track.Edits.Count}");

                if (!edit.IsEmpty && edit.MediaTime > 0 && !cutDrawn)
                {
                    // The media before media_time: where media time 0 would have been shown, had the edit not cut it.
                    double cutFrom = from - Mp4Timing.Seconds.FromTicks(edit.MediaTime, mediaScale);
                    Span("cut", cutFrom, from, top + 2, EditRowHeight - 4,
                        Invariant($"Cut by the edit list: media time 0 to {Ticks(edit.MediaTime, mediaScale)} is before media_time {edit.MediaTime} ") +
                        Invariant($"({mediaScale} per second), so the presentation starts at media time {Ticks(edit.MediaTime, mediaScale)}: ") +
                        Invariant($"stts + ctts times are {PageWriter.Sec(Mp4Timing.Seconds.FromTicks(edit.MediaTime, mediaScale))} later than PTS and DTS. ") +
                        "Samples composed before it are decoded, not shown.");
                    labels.Add((cutFrom, from, "cut"));
                }
                if (!edit.IsEmpty) cutDrawn = true;

                string title;
                string css;
                if (edit.IsEmpty)
                {
                    css = "gap";
                    title = Invariant($"{number}: empty edit: nothing is shown for {PageWriter.Sec(to - from)} ({PageWriter.Sec(from)} to {PageWriter.Sec(to)}; segment_duration {edit.SegmentDuration} of {movieScale} per second)");
                }
                else if (edit.MediaRate == 0)
                {
                    css = "dwell";
                    title = Invariant($"{number}: holds the sample at media time {Ticks(edit.MediaTime, mediaScale)} from {PageWriter.Sec(from)} to {PageWriter.Sec(to)}");
                }
                else
                {
                    css = "edit";
                    string length = toTheEnd ? "to the end of the media (segment_duration 0)" : Invariant($"for {PageWriter.Sec(to - from)} (segment_duration {edit.SegmentDuration} of {movieScale} per second)");
                    title = Invariant($"{number}: shows the media from media_time {Ticks(edit.MediaTime, mediaScale)} {length}, at {PageWriter.Sec(from)} to ") +
                            (toTheEnd ? "the end" : PageWriter.Sec(to)) + " of the presentation" +
                            (edit.MediaRate != 1 ? Invariant($" (media_rate {edit.MediaRate.ToString("0.####", CultureInfo.InvariantCulture)}, played as 1)") : "");
                }
                Span(css, from, to, top, EditRowHeight, title);
                labels.Add((from, to, edit.IsEmpty ? Invariant($"empty edit: nothing shown for {PageWriter.Sec(to - from)}")
                    : edit.MediaRate == 0 ? Invariant($"holds media_time {edit.MediaTime}")
                    : edit.MediaTime == 0 ? "media from its start (media_time 0)"
                    : Invariant($"media from media_time {Ticks(edit.MediaTime, mediaScale)}")));
                start = endTicks;
            }
            _w.Close().Line();

            // What each edit does, written in it where it is wide enough (the marks' titles say it all on hover).
            _w.Open("g").Attr("class", "edit-labels").Line();
            foreach ((double from, double to, string text) in labels)
            {
                if (!_axis.Overlaps(from, to)) continue;
                double x = _axis.ClampedX(from), x2 = _axis.ClampedX(to);
                if (x2 - x < text.Length * 5.6 + 8) continue;
                _w.Open("text").Attr("class", "in").Attr("x", x + 4).Attr("y", top + 11.5).Text(text).Close().Line();
            }
            _w.Close().Line();
        }

        /// <summary>A rectangle over [from, to) of the window (kept within the plot), with its title; nothing when it lies outside.</summary>
        private void Span(string css, double from, double to, double y, double height, string title)
        {
            if (!_axis.Overlaps(from, to)) return;
            double x = _axis.ClampedX(from), x2 = _axis.ClampedX(to);
            _w.Open("rect").Attr("class", css).Attr("x", x).Attr("y", y).Attr("width", Math.Max(x2 - x, 1)).Attr("height", height)
                .Open("title").Text(title).Close().Close().Line();
        }

        private void WriteStartMarkers(double top, double bottom)
        {
            TrackInfo info = _lane.Info;
            _w.Open("g").Attr("class", "starts").Line();
            if (info.StartTime is double iso && _axis.Overlaps(iso, iso))
            {
                double x = _axis.X(iso);
                _w.Open("line").Attr("class", "iso").Attr("x1", x).Attr("y1", top - 3).Attr("x2", x).Attr("y2", bottom + 3)
                    .Open("title").Text(Invariant($"ISO start: {PageWriter.Sec(iso)} ({info.StartTimeTicks} ticks): where the first sample shown starts on the presentation timeline, after the edit list (Get-Mp4Track's StartTime)")).Close()
                    .Close().Line();
            }
            if (_lane.FfmpegStart is double ff && _axis.Overlaps(ff, ff))
            {
                double x = _axis.X(ff);
                _w.Open("line").Attr("class", "ff").Attr("x1", x).Attr("y1", top - 3).Attr("x2", x).Attr("y2", bottom + 3)
                    .Open("title").Text(Invariant($"ffmpeg start_time: {PageWriter.Sec(ff)}: the stream start ffprobe -show_streams reports (model of ffmpeg {FfmpegVersions.Name(_lane.FfmpegVersion!)}'s demuxer)")).Close()
                    .Close().Line();
            }
            _w.Close().Line();
        }

        // ---- samples, one by one ---------------------------------------------------------------------------------

        private void WriteSamples(double decodeTop, double presentationTop)
        {
            List<SampleMark> marks = _lane.Marks;
            var sync = new StringBuilder();

            _w.Open("g").Attr("class", "decode").Line();
            foreach (SampleMark mark in marks)
            {
                if (!mark.InDecodeRow) continue;
                Bar(mark, mark.DtsTicks, decodeTop, presentation: false);
                if (mark.IsSync)
                {
                    double x = _axis.ClampedX(_lane.Seconds(mark.DtsTicks));
                    sync.Append('M').Append(MarkupWriter.Format(x + 0.6)).Append(' ').Append(MarkupWriter.Format(decodeTop - 5)).Append("v4");
                }
            }
            _w.Close().Line();

            if (sync.Length > 0 && _lane.SyncSamples < _lane.Info.SampleCount)
            {
                _w.Open("path").Attr("class", "sync").Attr("d", sync.ToString())
                    .Open("title").Text(Invariant($"Sync samples (decoding can start there): {Count(marks.Count(m => m.InDecodeRow && m.IsSync))} in the window")).Close()
                    .Close().Line();
            }

            // The lines joining each sample's place in decode order to its place in presentation order.
            var links = new StringBuilder();
            foreach (SampleMark mark in marks)
            {
                if (!mark.InDecodeRow || !mark.InPresentationRow) continue;
                double xd = _axis.ClampedX(_lane.Seconds(mark.DtsTicks) + _lane.Seconds(mark.DurationTicks) / 2);
                double xp = _axis.ClampedX(_lane.Seconds(mark.PtsTicks) + _lane.Seconds(mark.DurationTicks) / 2);
                links.Append('M').Append(MarkupWriter.Format(xd)).Append(' ').Append(MarkupWriter.Format(decodeTop + SampleRowHeight))
                    .Append('L').Append(MarkupWriter.Format(xp)).Append(' ').Append(MarkupWriter.Format(presentationTop));
            }
            if (links.Length > 0)
            {
                _w.Open("path").Attr("class", "lk").Attr("d", links.ToString())
                    .Open("title").Text("Each line joins a sample's decode time (above) to its presentation time (below): crossing lines are B-frames, decoded before the frames they are shown after").Close()
                    .Close().Line();
            }

            _w.Open("g").Attr("class", "presentation").Line();
            foreach (SampleMark mark in marks.Where(m => m.InPresentationRow).OrderBy(m => m.PtsTicks).ThenBy(m => m.Order))
            {
                Bar(mark, mark.PtsTicks, presentationTop, presentation: true);
            }
            _w.Close().Line();
        }

        private void Bar(SampleMark mark, long startTicks, double top, bool presentation)
        {
            double from = _lane.Seconds(startTicks), to = _lane.Seconds(startTicks + mark.DurationTicks);
            double x = _axis.X(from), x2 = _axis.X(to);
            double left = Math.Max(x, _axis.Left), right = Math.Min(x2, _axis.Right);
            // A hairline between neighbours once marks are wide enough to spare it.
            double width = right - left > 3 ? right - left - 0.6 : Math.Max(right - left, 0.8);
            string css = MarkClasses.Css(mark.Class) + (presentation && mark.IsDiscarded ? " x" : "");
            _w.Open("rect").Attr("class", css).Attr("x", left).Attr("y", top).Attr("width", width).Attr("height", SampleRowHeight)
                .Open("title").Text(SampleTitle(mark, presentation)).Close().Close().Line();
        }

        /// <summary>What a sample's mark says on hover: number, type, DTS, PTS, size, the times as stored, and ffmpeg's view.</summary>
        private string SampleTitle(SampleMark mark, bool presentation)
        {
            uint scale = _lane.Timescale;
            StringBuilder t = _text.Clear();
            t.Append("sample ").Append(mark.Sample.ToString(CultureInfo.InvariantCulture));
            if (presentation)
            {
                if (mark.IsDiscarded) t.Append(" (not shown: no edit covers it)");
                else if (mark.PresentationIndex is long n) t.Append(" (shown ").Append(Ordinal(n + 1)).Append(", showinfo n:").Append(n.ToString(CultureInfo.InvariantCulture)).Append(')');
            }
            if (mark.PictureType is PictureType type)
            {
                t.Append(": ").Append(type.ToString());
                if (mark.PictureKind is not null) t.Append(" (").Append(mark.PictureKind).Append(')');
            }
            else if (_lane.IsVideo)
            {
                t.Append(": type unknown");
            }
            t.Append(mark.IsSync ? ", sync" : "");
            if (mark.Edit is int edit && _lane.Track.Edits.Count > 1) t.Append(", edit ").Append(edit.ToString(CultureInfo.InvariantCulture));
            t.Append("; DTS ").Append(Ticks(mark.DtsTicks, scale)).Append(", PTS ").Append(Ticks(mark.PtsTicks, scale));
            t.Append(", lasts ").Append(TickCount(mark.DurationTicks));
            t.Append("; ").Append(mark.Size.ToString("N0", CultureInfo.InvariantCulture)).Append(" bytes");
            t.Append("; stts + ctts: decode ").Append(mark.DecodeTicks.ToString(CultureInfo.InvariantCulture))
                .Append(", composition ").Append(Ticks(mark.CompositionTicks, scale));
            if (mark.FfmpegPts is long pts)
            {
                long dts = mark.FfmpegDts!.Value;
                string flags = (mark.FfmpegKey ? "K" : "_") + (mark.FfmpegDiscard ? "D" : "_");
                if (pts == mark.PtsTicks && dts == mark.DtsTicks) t.Append("; ffmpeg: the same pts and dts, flags ").Append(flags);
                else t.Append("; ffmpeg: pts ").Append(pts.ToString(CultureInfo.InvariantCulture)).Append(", dts ").Append(dts.ToString(CultureInfo.InvariantCulture)).Append(", flags ").Append(flags);
            }
            else if (_lane.HasFfmpeg)
            {
                t.Append("; ffmpeg: not in its index");
            }
            if (mark.FfmpegDiscard) t.Append(" (decoded, not shown)");
            return t.ToString();
        }

        // ---- samples, per pixel column ----------------------------------------------------------------------------

        private void WriteColumns(double decodeTop, double presentationTop)
        {
            ColumnTally decode = _lane.DecodeColumns!, presentation = _lane.PresentationColumns!;
            _w.Open("g").Attr("class", "decode").Line();
            WriteTallyRow(decode, decodeTop, "decoded");
            _w.Close().Line();

            var sync = new StringBuilder();
            long syncCount = 0;
            for (int c = 0; c < decode.Columns; c++)
            {
                if (decode.Sync(c) == 0) continue;
                syncCount += decode.Sync(c);
                sync.Append('M').Append(MarkupWriter.Format(_axis.Left + c + 0.5)).Append(' ').Append(MarkupWriter.Format(decodeTop - 5)).Append("v4");
            }
            if (sync.Length > 0 && HasIntervals)
            {
                _w.Open("path").Attr("class", "sync").Attr("d", sync.ToString())
                    .Open("title").Text(Invariant($"Pixel columns with sync samples (decoding can start there): {Count(syncCount)} sync samples in the window")).Close()
                    .Close().Line();
            }

            _w.Open("g").Attr("class", "presentation").Line();
            WriteTallyRow(presentation, presentationTop, "shown");
            _w.Close().Line();
        }

        /// <summary>
        /// A row of columns. A column whose samples are all of one class is a bar of that colour, and a run of such columns
        /// with the same class (and alike in having sync or unshown samples) is one bar; a mixed column is split by class in
        /// proportion to its samples. Each bar says what it holds.
        /// </summary>
        private void WriteTallyRow(ColumnTally tally, double top, string verb)
        {
            for (int c = 0; c < tally.Columns; c++)
            {
                if (tally.Total(c) == 0) continue;
                MarkClass? only = OnlyClass(tally, c);
                int last = c;
                if (only is not null)
                {
                    while (last + 1 < tally.Columns && tally.Total(last + 1) > 0 && OnlyClass(tally, last + 1) == only
                           && (tally.Sync(last + 1) > 0) == (tally.Sync(c) > 0) && (tally.NotShown(last + 1) > 0) == (tally.NotShown(c) > 0))
                    {
                        last++;
                    }
                }
                WriteTally(tally, c, last, only, top, verb);
                c = last;
            }
        }

        private static MarkClass? OnlyClass(ColumnTally tally, int c)
        {
            MarkClass? only = null;
            for (int k = 0; k < MarkClasses.Count; k++)
            {
                if (tally.Count(c, (MarkClass)k) == 0) continue;
                if (only is not null) return null;
                only = (MarkClass)k;
            }
            return only;
        }

        /// <summary>Columns <paramref name="first"/> to <paramref name="last"/> of a row as one bar (one class) or one split column, titled with the counts.</summary>
        private void WriteTally(ColumnTally tally, int first, int last, MarkClass? only, double top, string verb)
        {
            long total = 0, sync = 0, notShown = 0;
            var counts = new long[MarkClasses.Count];
            for (int c = first; c <= last; c++)
            {
                total += tally.Total(c);
                sync += tally.Sync(c);
                notShown += tally.NotShown(c);
                for (int k = 0; k < MarkClasses.Count; k++) counts[k] += tally.Count(c, (MarkClass)k);
            }
            var named = new List<string>();
            for (int k = 0; k < MarkClasses.Count; k++)
            {
                string name = MarkClasses.Name((MarkClass)k);
                if (counts[k] > 0 && name.Length > 0) named.Add(Count(counts[k]) + " " + name);
            }
            StringBuilder t = _text.Clear();
            t.Append(ColumnSpan(first, last)).Append(": ").Append(Count(total)).Append(total == 1 ? " sample " : " samples ").Append(verb);
            if (named.Count > 0) t.Append(" (").Append(string.Join(", ", named)).Append(')');
            if (sync > 0) t.Append("; ").Append(Count(sync)).Append(" sync");
            if (notShown > 0) t.Append("; ").Append(Count(notShown)).Append(" not shown by any edit");
            string title = t.ToString();

            double x = _axis.Left + first;
            if (only is MarkClass one)
            {
                _w.Open("rect").Attr("class", MarkClasses.Css(one)).Attr("x", x).Attr("y", top).Attr("width", last - first + 1).Attr("height", SampleRowHeight)
                    .Open("title").Text(title).Close().Close().Line();
                return;
            }
            // Heights in proportion to the counts, at least a pixel each, so that the one I picture of a column shows.
            var heights = new double[MarkClasses.Count];
            int largest = 0;
            for (int k = 0; k < MarkClasses.Count; k++)
            {
                if (counts[k] == 0) continue;
                heights[k] = Math.Max(1, SampleRowHeight * counts[k] / total);
                if (counts[k] > counts[largest]) largest = k;
            }
            heights[largest] -= heights.Sum() - SampleRowHeight;
            _w.Open("g").Open("title").Text(title).Close();
            double y = top;
            for (int k = 0; k < MarkClasses.Count; k++)
            {
                if (counts[k] == 0) continue;
                _w.Open("rect").Attr("class", MarkClasses.Css((MarkClass)k)).Attr("x", x).Attr("y", y).Attr("width", 1).Attr("height", heights[k]).Close();
                y += heights[k];
            }
            _w.Close().Line();
        }

        // ---- charts -----------------------------------------------------------------------------------------------

        private void WriteOffsets(double top)
        {
            string name = "PTS \u2212 DTS";
            if (_lane.Aggregated)
            {
                ColumnRange range = _lane.Offsets!;
                RangeChart("offsets", range, top, OffsetHeight, name, (c, d, n, lo, hi) =>
                    Invariant($"{ColumnSpan(c, d)}: PTS \u2212 DTS {Span(lo, hi)} ({Count(n)} samples)"));
                return;
            }
            var marks = _lane.Marks.Where(m => m.InDecodeRow).ToList();
            long min = Math.Min(0, marks.Count > 0 ? marks.Min(m => m.PtsTicks - m.DtsTicks) : 0);
            long max = Math.Max(0, marks.Count > 0 ? marks.Max(m => m.PtsTicks - m.DtsTicks) : 0);
            Label(top + 11, name, max == min ? "0 for every sample" : Invariant($"{Seconds(min)} to {Seconds(max)}"));
            double zero = ValueY(0, min, max, top, OffsetHeight);
            _w.Open("g").Attr("class", "offsets").Line();
            Baseline(zero);
            if (max != min)
            {
                foreach (SampleMark m in marks)
                {
                    long offset = m.PtsTicks - m.DtsTicks;
                    double y = ValueY(offset, min, max, top, OffsetHeight);
                    ChartBar(m.DtsTicks, m.DurationTicks, Math.Min(y, zero), Math.Max(Math.Abs(zero - y), 1),
                        Invariant($"sample {m.Sample}: PTS \u2212 DTS = {TickCount(offset)} ({Seconds(offset)})"));
                }
            }
            _w.Close().Line();
        }

        private void WriteDurations(double top)
        {
            string name = "sample duration";
            if (_lane.Aggregated)
            {
                RangeChart("durations", _lane.Durations!, top, DurationHeight, name, (c, d, n, lo, hi) =>
                    Invariant($"{ColumnSpan(c, d)}: samples last {Span(lo, hi)} ({Count(n)} samples)"));
                return;
            }
            var marks = _lane.Marks.Where(m => m.InDecodeRow).ToList();
            long max = Math.Max(0, marks.Count > 0 ? marks.Max(m => m.DurationTicks) : 0);
            long min = marks.Count > 0 ? marks.Min(m => m.DurationTicks) : 0;
            Label(top + 11, name, marks.Count == 0 ? null : min == max ? Invariant($"{Seconds(min)} each") : Invariant($"{Seconds(min)} to {Seconds(max)}"));
            _w.Open("g").Attr("class", "durations").Line();
            Baseline(top + DurationHeight);
            if (max > 0)
            {
                foreach (SampleMark m in marks)
                {
                    double y = ValueY(m.DurationTicks, 0, max, top, DurationHeight);
                    ChartBar(m.DtsTicks, m.DurationTicks, y, Math.Max(top + DurationHeight - y, 1),
                        Invariant($"sample {m.Sample}: lasts {TickCount(m.DurationTicks)} ({Seconds(m.DurationTicks)})"));
                }
            }
            _w.Close().Line();
        }

        private void WriteRates(double top)
        {
            RateBins bins = _lane.Rates!;
            double max = 0;
            for (int b = 0; b < bins.Count; b++) max = Math.Max(max, bins.BitsPerSecond(b));
            string per = bins.BinSeconds == 1 ? "each second" : Invariant($"each {bins.BinSeconds.ToString("0", CultureInfo.InvariantCulture)} s");
            Label(top + 11, "bit rate", max > 0 ? Invariant($"{per}, up to {PageWriter.Rate(max)}") : per);
            _w.Open("g").Attr("class", "rates").Line();
            Baseline(top + RateHeight);
            if (max > 0)
            {
                for (int b = 0; b < bins.Count; b++)
                {
                    if (bins.Samples(b) == 0) continue;
                    double rate = bins.BitsPerSecond(b);
                    double from = bins.BinStart(b), to = bins.BinEnd(b);
                    if (!_axis.Overlaps(from, to)) continue;
                    double x = _axis.ClampedX(from), x2 = _axis.ClampedX(to);
                    double h = Math.Max(RateHeight * rate / max, 1);
                    double width = x2 - x > 3 ? x2 - x - 1 : Math.Max(x2 - x, 1);
                    string part = from < _axis.Start || to > _axis.End ? "; the window shows part of it" : "";
                    _w.Open("rect").Attr("class", "rate").Attr("x", x).Attr("y", top + RateHeight - h).Attr("width", width).Attr("height", h)
                        .Open("title").Text(Invariant($"{Clock(from)} to {Clock(to)} of decode time: {PageWriter.Rate(rate)} ({Count(bins.Samples(b))} samples, {bins.Bytes(b).ToString("N0", CultureInfo.InvariantCulture)} bytes{part})")).Close()
                        .Close().Line();
                }
            }
            _w.Close().Line();
        }

        private void WriteIntervals(double top)
        {
            string name = "sync intervals";
            if (_lane.Aggregated)
            {
                RangeChart("intervals", _lane.Intervals!, top, IntervalHeight, name, (c, d, n, lo, hi) =>
                    Invariant($"{ColumnSpan(c, d)}: {Count(n)} sync interval{(n == 1 ? "" : "s")} start{(n == 1 ? "s" : "")} here, {Span(lo, hi)} to the next sync sample"), fromZero: true, bar: "gop");
                return;
            }
            List<SyncInterval> intervals = _lane.SyncIntervals;
            long max = intervals.Count > 0 ? intervals.Max(i => i.EndTicks - i.StartTicks) : 0;
            long min = intervals.Count > 0 ? intervals.Min(i => i.EndTicks - i.StartTicks) : 0;
            Label(top + 11, name, intervals.Count == 0 ? null : min == max ? Invariant($"{Seconds(min)} each") : Invariant($"{Seconds(min)} to {Seconds(max)}"));
            _w.Open("g").Attr("class", "intervals").Line();
            Baseline(top + IntervalHeight);
            foreach (SyncInterval interval in intervals)
            {
                long length = interval.EndTicks - interval.StartTicks;
                double y = max > 0 ? ValueY(length, 0, max, top, IntervalHeight) : top + IntervalHeight - 1;
                double from = _lane.Seconds(interval.StartTicks), to = _lane.Seconds(interval.EndTicks);
                double x = _axis.ClampedX(from), x2 = _axis.ClampedX(to);
                _w.Open("rect").Attr("class", "gop").Attr("x", x).Attr("y", y).Attr("width", x2 - x > 3 ? x2 - x - 1 : Math.Max(x2 - x, 1)).Attr("height", Math.Max(top + IntervalHeight - y, 1))
                    .Open("title").Text(Invariant($"sync sample {interval.Sample}: {Count(interval.Samples)} samples, {TickCount(length)} ({Seconds(length)}) to the next sync sample (DTS {PageWriter.Sec(from)} to {PageWriter.Sec(to)})")).Close()
                    .Close().Line();
            }
            _w.Close().Line();
        }

        /// <summary>An aggregated chart: per pixel column, a bar from the smallest to the largest value in it.</summary>
        private void RangeChart(string group, ColumnRange range, double top, double height, string name, Func<int, int, long, long, long, string> title,
            bool fromZero = false, string bar = "ch")
        {
            bool any = false;
            long min = 0, max = 0;
            for (int c = 0; c < range.Columns; c++)
            {
                if (range.Count(c) == 0) continue;
                if (!any)
                {
                    min = range.Min(c);
                    max = range.Max(c);
                    any = true;
                    continue;
                }
                min = Math.Min(min, range.Min(c));
                max = Math.Max(max, range.Max(c));
            }
            long low = Math.Min(0, min), high = Math.Max(0, max);
            Label(top + 11, name, !any ? null : min == max ? Invariant($"{Seconds(min)} in every column") : Invariant($"{Seconds(min)} to {Seconds(max)}"));
            _w.Open("g").Attr("class", group).Line();
            double zero = ValueY(0, low, high, top, height);
            Baseline(zero);
            if (any && high > low)
            {
                for (int c = 0; c < range.Columns; c++)
                {
                    int n = range.Count(c);
                    if (n == 0) continue;
                    // Neighbouring columns with the same values are one bar.
                    int last = c;
                    while (last + 1 < range.Columns && range.Count(last + 1) > 0 && range.Min(last + 1) == range.Min(c) && range.Max(last + 1) == range.Max(c))
                    {
                        n += range.Count(++last);
                    }
                    double yHigh = ValueY(range.Max(c), low, high, top, height);
                    double yLow = fromZero ? zero : ValueY(range.Min(c), low, high, top, height);
                    double y = Math.Min(yHigh, yLow), h = Math.Max(Math.Abs(yLow - yHigh), 1);
                    _w.Open("rect").Attr("class", bar).Attr("x", _axis.Left + c).Attr("y", y).Attr("width", last - c + 1).Attr("height", h)
                        .Open("title").Text(title(c, last, n, range.Min(c), range.Max(c))).Close().Close().Line();
                    c = last;
                }
            }
            _w.Close().Line();
        }

        private void ChartBar(long startTicks, long durationTicks, double y, double height, string title)
        {
            double from = _lane.Seconds(startTicks), to = _lane.Seconds(startTicks + durationTicks);
            double x = _axis.ClampedX(from), x2 = _axis.ClampedX(to);
            double width = x2 - x > 3 ? x2 - x - 0.6 : Math.Max(x2 - x, 0.8);
            _w.Open("rect").Attr("class", "ch").Attr("x", x).Attr("y", y).Attr("width", width).Attr("height", height)
                .Open("title").Text(title).Close().Close().Line();
        }

        private void Baseline(double y) =>
            _w.Open("line").Attr("class", "zero").Attr("x1", _axis.Left).Attr("y1", y).Attr("x2", _axis.Right).Attr("y2", y).Close().Line();

        private static double ValueY(long value, long min, long max, double top, double height) =>
            max == min ? top + height : top + height - height * (value - min) / (double)(max - min);

        // ---- text -------------------------------------------------------------------------------------------------

        /// <summary>The times pixel columns <paramref name="first"/> to <paramref name="last"/> cover.</summary>
        private string ColumnSpan(int first, int last) =>
            Invariant($"{Clock(_axis.Start + first * _axis.SecondsPerColumn)} to {Clock(_axis.Start + (last + 1) * _axis.SecondsPerColumn)}");

        private string Clock(double seconds) => PageWriter.Clock(seconds, _axis);

        private string Seconds(long ticks) => PageWriter.Sec(_lane.Seconds(ticks));

        private string Span(long low, long high) => low == high ? Seconds(low) : Invariant($"{Seconds(low)} to {Seconds(high)}");

        /// <summary>Ticks with seconds: "2 (0.0667 s)".</summary>
        private static string Ticks(long ticks, uint timescale) =>
            ticks.ToString(CultureInfo.InvariantCulture) + " (" + PageWriter.Sec(Mp4Timing.Seconds.FromTicks(ticks, timescale)) + ")";

        private static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

        private static string TickCount(long ticks) => ticks.ToString(CultureInfo.InvariantCulture) + (ticks == 1 || ticks == -1 ? " tick" : " ticks");

        private static string Ordinal(long n)
        {
            string suffix = (n % 100) is 11 or 12 or 13 ? "th" : (n % 10) switch { 1 => "st", 2 => "nd", 3 => "rd", _ => "th" };
            return n.ToString(CultureInfo.InvariantCulture) + suffix;
        }
    }
}
