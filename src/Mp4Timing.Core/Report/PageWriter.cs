using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;
using Mp4Timing.Ffmpeg;
using static System.FormattableString;

namespace Mp4Timing.Report
{
    /// <summary>
    /// Writes the HTML of a timeline page: the head with its style sheet, the track summaries, the findings, a key,
    /// and the SVG of the tracks (<see cref="TrackDrawing"/>), all on one <see cref="TimeAxis"/>.
    /// </summary>
    internal sealed class PageWriter
    {
        /// <summary>The x where the plot starts: row labels are written to its left.</summary>
        public const double PlotLeft = 210;

        private const double RightMargin = 32;
        private const double AxisHeight = 30;

        // Colours: picture types as most tools colour them (I red, P blue, B green), sound purple, ffmpeg's D grey.
        private const string Style =
            "body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,'Helvetica Neue',Arial,sans-serif;margin:16px 20px;color:#222;background:#fff}" +
            "h1{font-size:20px;margin:0 0 4px}h2{font-size:16px;margin:18px 0 6px}p{margin:4px 0;max-width:1380px}" +
            "table{border-collapse:collapse;font-size:13px;margin:6px 0}th,td{border:1px solid #d8d8d8;padding:3px 7px;text-align:left;vertical-align:top}" +
            "th{background:#f3f3f3;font-weight:600}td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}" +
            ".meta,.how,.foot{color:#555}.foot{margin-top:10px;font-size:12px}" +
            ".key span{display:inline-block;margin:2px 14px 2px 0;font-size:13px;white-space:nowrap}" +
            ".key i{display:inline-block;width:12px;height:12px;margin-right:5px;vertical-align:-1px;border:1px solid rgba(0,0,0,.25)}" +
            ".sev-Error{color:#b00020;font-weight:600}.sev-Warning{color:#a36200;font-weight:600}.sev-Information{color:#555}" +
            "svg{display:block;margin-top:10px;font:11px system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif}" +
            "svg text{fill:#333}svg .lbl{text-anchor:end}svg .sub{fill:#777;font-size:10px}svg .th{font-size:13px;font-weight:600;fill:#111}svg .note{fill:#a36200}" +
            ".I{fill:#d62728}.P{fill:#1f77b4}.B{fill:#2ca02c}.U{fill:#8c8c8c}.A{fill:#9467bd}.D{fill:#cfcfcf}" +
            ".x{fill-opacity:.35;stroke:#777;stroke-width:.6;stroke-dasharray:2 1}" +
            ".in{font-size:10px;fill:#1d3b5c;pointer-events:none}" +
            ".lk{stroke:#8795a3;stroke-width:.7;fill:none}.sync{stroke:#111;stroke-width:1.2;fill:none}" +
            ".grid{stroke:#ececec}.zero{stroke:#c8c8c8}.tick{fill:#666}.win{fill:none;stroke:#ddd}" +
            ".edit{fill:#d6e6f7;stroke:#5b8fc7}.dwell{fill:#f3e3c3;stroke:#c79a5b}.gap{fill:url(#gap);stroke:#aaa;stroke-dasharray:3 2}.cut{fill:url(#cut);stroke:#d08080}" +
            ".iso{stroke:#1b9e3e;stroke-width:1.6}.ff{stroke:#e67e00;stroke-width:1.6;stroke-dasharray:4 3}" +
            ".ch{fill:#7f93aa}.rate{fill:#8da0b3}.gop{fill:#b7a57a}" +
            ".fE{fill:#d62728;stroke:#600}.fW{fill:#f0b400;stroke:#6b4e00}.fI{fill:#9aa5b1;stroke:#444}";

        private readonly MarkupWriter _w;
        private readonly Mp4Movie _movie;
        private readonly List<TrackTimeline> _lanes;
        private readonly TimeAxis _axis;
        private readonly List<TimingFinding>? _findings;
        private readonly string? _modelError;
        private readonly System.Version _ffmpeg;
        private readonly System.Version? _ffmpegAskedFor;

        /// <summary>
        /// A writer of the page of <paramref name="lanes"/>, with ffmpeg's view as the model of <paramref name="ffmpeg"/> gives it;
        /// <paramref name="ffmpegAskedFor"/> is the version -FfmpegVersion gave, when given (7.1, which the 6.1 model stands in for).
        /// </summary>
        public PageWriter(MarkupWriter writer, Mp4Movie movie, List<TrackTimeline> lanes, TimeAxis axis, List<TimingFinding>? findings, string? modelError,
            System.Version ffmpeg, System.Version? ffmpegAskedFor)
        {
            _ffmpeg = ffmpeg;
            _ffmpegAskedFor = ffmpegAskedFor;
            _w = writer;
            _movie = movie;
            _lanes = lanes;
            _axis = axis;
            _findings = findings;
            _modelError = modelError;
        }

        public void Write()
        {
            string name = FileName(_movie.Path);
            _w.Raw("<!DOCTYPE html>\n");
            _w.Open("html").Attr("lang", "en").Line();
            _w.Open("head").Line();
            _w.Open("meta").Attr("charset", "utf-8").Close().Line();
            _w.Open("meta").Attr("name", "generator").Attr("content", "Mp4Timing " + Version + " Export-Mp4Timeline").Close().Line();
            _w.Element("title", name + " - timeline").Line();
            _w.Open("style").Raw(Style).Close().Line();
            _w.Close().Line();
            _w.Open("body").Line();

            _w.Element("h1", "Timeline of " + name).Line();
            WriteMeta();
            WriteSummary();
            WriteFindings();
            WriteKey();

            WriteSvg();

            _w.Open("p").Attr("class", "foot")
                .Text(Invariant($"Made by Mp4Timing {Version} (Export-Mp4Timeline). Times are on the presentation timeline, after the edit list, as ISO/IEC 14496-12 ") +
                      $"defines it; ffmpeg's view (its D flags, pts, dts and start_time, as ffmpeg {FfmpegVersions.Name(_ffmpeg)}'s MP4 demuxer gives them{AskedFor()}) " +
                      "comes from Mp4Timing's model of it. Ticks are exact integers; seconds are derived from them.")
                .Close().Line();
            _w.Close().Line();
            _w.Close().Line();
            if (_w.Depth != 0) throw new InvalidOperationException("The page was left with open elements.");
        }

        /// <summary>When -FfmpegVersion named a version the model does not follow itself: which it was, and why another is shown.</summary>
        private string AskedFor()
        {
            if (_ffmpegAskedFor is null || FfmpegVersions.IsModelled(_ffmpegAskedFor)) return "";
            return _ffmpegAskedFor < FfmpegVersions.Modelled[0]
                ? $"; -FfmpegVersion asked for ffmpeg {_ffmpegAskedFor}, older than every version the model follows, which may differ from it"
                : $"; -FfmpegVersion asked for ffmpeg {_ffmpegAskedFor}, which the model does not follow itself: {FfmpegVersions.Name(_ffmpeg)} is the newest modelled version at or below it";
        }

        private static string Version => typeof(PageWriter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion?.Split('+')[0] ?? "";

        private static string FileName(string? path) => string.IsNullOrEmpty(path) ? "(stream)" : System.IO.Path.GetFileName(path);

        private void WriteMeta()
        {
            long samples = _lanes.Sum(l => l.SamplesInWindow);
            string window = Invariant($"Window: {Clock(_axis.Start)} to {Clock(_axis.End)} ({TimeAxis.Duration(_axis.End - _axis.Start)}) of the presentation timeline; ") +
                            Invariant($"{samples.ToString("N0", CultureInfo.InvariantCulture)} sample{(samples == 1 ? "" : "s")} in it. ");
            string detail = _lanes.Any(l => l.Aggregated)
                ? Invariant($"Tracks with more than a few thousand samples in the window are drawn per pixel column ({TimeAxis.Duration(_axis.SecondsPerColumn)} each): ") +
                  "hover a column for what it holds, or zoom with -Start and -Duration to see every sample."
                : "Every sample is drawn; hover a mark for its numbers.";
            _w.Open("p").Attr("class", "meta").Text(_movie.Path ?? "");
            if (_movie.InitSegmentPath is not null) _w.Text(" (a media segment; its tracks are described by " + _movie.InitSegmentPath + ")");
            _w.Text(". " + window + detail).Close().Line();
            if (_modelError is not null) _w.Open("p").Attr("class", "meta").Text(_modelError).Close().Line();
        }

        private void WriteSummary()
        {
            _w.Open("table").Attr("class", "tracks").Line();
            _w.Open("thead").Open("tr");
            foreach (string heading in new[] { "Track", "Kind", "Codec", "Picture / sound", "Frame rate", "Samples", "Duration", "Start", "ffmpeg start", "Delay to video", "Reordering", "Longest sync interval", "Bit rate", "Edit list" })
            {
                _w.Element("th", heading);
            }
            _w.Close().Close().Line();
            _w.Open("tbody").Line();
            foreach (TrackTimeline lane in _lanes)
            {
                TrackInfo t = lane.Info;
                _w.Open("tr");
                Cell(t.TrackId.ToString(CultureInfo.InvariantCulture), number: true);
                Cell(Invariant($"{t.Kind} ({t.Handler})"));
                Cell(t.CodecString.Length > 0 ? t.CodecString : t.Codec);
                Cell(t.Width is int width ? Invariant($"{width}x{t.Height}") : t.SampleRate is double rate ? Invariant($"{rate.ToString("0.###", CultureInfo.InvariantCulture)} Hz") + (t.Channels is int ch ? Invariant($", {ch} ch") : "") : "");
                Cell(t.FrameRate is double fps ? fps.ToString("0.###", CultureInfo.InvariantCulture) + (t.FrameRateMode is string mode ? " (" + mode.ToLowerInvariant() + ")" : "") : "");
                Cell(Invariant($"{t.SampleCount.ToString("N0", CultureInfo.InvariantCulture)}, {t.SyncSampleCount.ToString("N0", CultureInfo.InvariantCulture)} sync"), number: true);
                Cell(t.PresentationDuration is double pd ? TimeAxis.Duration(pd) : "", number: true);
                Cell(t.StartTime is double start ? Sec(start) : "", number: true);
                Cell(lane.FfmpegStart is double ff ? Sec(ff) : "", number: true);
                Cell(t.DelayRelativeToVideo is double delay ? (delay > 0 ? "+" : "") + Sec(delay) : "", number: true);
                Cell(t.HasReordering ? Invariant($"up to {t.ReorderDepth} places") : "none");
                Cell(t.MaxSyncInterval is double sync ? Sec(sync) : "", number: true);
                Cell(t.BitRate is double bps ? Invariant($"{Rate(bps)} average, {Rate(t.MaxBitRate)} peak") : "");
                Cell(t.EditList.Count == 0 ? "none" : string.Join("; ", t.EditList.Select(e => e.ToString())));
                _w.Close().Line();
            }
            _w.Close().Close().Line();
            foreach (TrackTimeline lane in _lanes.Where(l => l.ReadError is not null))
            {
                _w.Open("p").Attr("class", "meta").Text(Invariant($"Track {lane.Track.TrackId}: the samples after the damage are not drawn: {lane.ReadError}")).Close().Line();
            }
        }

        private void Cell(string text, bool number = false)
        {
            _w.Open("td");
            if (number) _w.Attr("class", "n");
            _w.Text(text).Close();
        }

        private void WriteFindings()
        {
            if (_findings is null) return;
            _w.Element("h2", "Findings").Line();
            if (_findings.Count == 0)
            {
                _w.Element("p", "The timing rules found nothing.").Line();
                return;
            }
            _w.Open("table").Attr("class", "findings").Line();
            _w.Open("thead").Open("tr");
            foreach (string heading in new[] { "Severity", "Track", "Rule", "Sample", "Time", "Count", "What was found", "How to fix it" }) _w.Element("th", heading);
            _w.Close().Close().Line();
            _w.Open("tbody").Line();
            foreach (TimingFinding finding in _findings)
            {
                _w.Open("tr");
                _w.Open("td").Attr("class", "sev-" + finding.Severity).Text(finding.Severity).Close();
                Cell(finding.TrackId == 0 ? "file" : finding.TrackId.ToString(CultureInfo.InvariantCulture), number: true);
                Cell(finding.Rule);
                Cell(finding.Sample?.ToString(CultureInfo.InvariantCulture) ?? "", number: true);
                Cell(finding.Time is double time ? Sec(time) : "", number: true);
                Cell(finding.Count.ToString("N0", CultureInfo.InvariantCulture), number: true);
                Cell(finding.Message);
                Cell(finding.Hint);
                _w.Close().Line();
            }
            _w.Close().Close().Line();
        }

        private void WriteKey()
        {
            _w.Open("p").Attr("class", "how")
                .Text("Each track has a row of its samples in decode order, placed at their decode time (DTS), and below it the same samples in presentation " +
                      "order, placed at their presentation time (PTS): a line joins the two places of each sample. Above them, the edit list maps the media " +
                      "timeline (stts + ctts) onto the presentation timeline: the part of the media before its media_time is cut, an empty edit is a gap. " +
                      "Below, the composition offset of each sample (PTS \u2212 DTS, the B-frame sawtooth), its duration (constant or variable frame rate), " +
                      "the bit rate of each second of decode time and the intervals between sync samples (GOPs).")
                .Close().Line();
            _w.Open("p").Attr("class", "key");
            KeyItem("I", "I picture");
            KeyItem("P", "P picture");
            KeyItem("B", "B picture");
            KeyItem("U", "video of unknown type");
            KeyItem("A", "sound and other samples");
            KeyItem("D", "decoded, not shown by ffmpeg (flag D)");
            KeyItem("x", "no edit shows it (ISO)", "background:#ddd;border-style:dashed");
            KeyItem("sync", "sync sample (tick above)", "background:#111;width:2px");
            KeyItem("edit", "edit", "background:#d6e6f7;border-color:#5b8fc7");
            KeyItem("gap", "empty edit (a gap)", "background:repeating-linear-gradient(45deg,#fff 0 3px,#bbb 3px 4px)");
            KeyItem("cut", "media cut by media_time", "background:repeating-linear-gradient(45deg,#fff 0 3px,#e09090 3px 4px)");
            KeyItem("iso", "ISO start", "background:#1b9e3e;width:3px");
            KeyItem("ff", "ffmpeg start_time", "background:#e67e00;width:3px");
            if (_findings is not null) KeyItem("f", "finding", "background:#f0b400;transform:rotate(45deg);width:9px;height:9px");
            _w.Close().Line();
        }

        private void KeyItem(string css, string text, string? style = null)
        {
            _w.Open("span").Open("i");
            if (style is null) _w.Attr("style", "background:" + KeyColour(css));
            else _w.Attr("style", style);
            _w.Close().Text(text).Close();
        }

        private static string KeyColour(string css) => css switch
        {
            "I" => "#d62728",
            "P" => "#1f77b4",
            "B" => "#2ca02c",
            "U" => "#8c8c8c",
            "A" => "#9467bd",
            _ => "#cfcfcf",
        };

        private void WriteSvg()
        {
            List<TimingFinding> fileFindings = _findings?.Where(f => f.TrackId == 0 || _lanes.All(l => l.Track.TrackId != f.TrackId)).ToList() ?? new List<TimingFinding>();
            var drawings = _lanes.Select(l => new TrackDrawing(_w, l, _axis, _findings?.Where(f => f.TrackId == l.Track.TrackId && f.TrackId != 0).ToList())).ToList();
            double fileRow = fileFindings.Count > 0 ? TrackDrawing.FindingsRowHeight + 10 : 0;
            double height = AxisHeight + fileRow + drawings.Sum(d => d.Height) + 10;
            double width = _axis.Right + RightMargin;

            _w.Open("svg").Attr("xmlns", "http://www.w3.org/2000/svg").Attr("width", width).Attr("height", height)
                .Attr("viewBox", Invariant($"0 0 {MarkupWriter.Format(width)} {MarkupWriter.Format(height)}"))
                .Attr("role", "img").Attr("aria-label", "Timeline of " + FileName(_movie.Path))
                .Attr("data-start", _axis.Start.ToString("R", CultureInfo.InvariantCulture))
                .Attr("data-end", _axis.End.ToString("R", CultureInfo.InvariantCulture))
                .Attr("data-left", PlotLeft).Attr("data-width", _axis.Width).Line();
            WriteDefs();
            WriteAxis(height);

            double y = AxisHeight;
            if (fileFindings.Count > 0)
            {
                _w.Open("g").Attr("class", "file-findings").Line();
                _w.Open("text").Attr("class", "lbl").Attr("x", PlotLeft - 8).Attr("y", y + 11).Text("findings (file)").Close().Line();
                TrackDrawing.WriteFindingMarkers(_w, _axis, fileFindings, y);
                _w.Close().Line();
                y += fileRow;
            }
            foreach (TrackDrawing drawing in drawings)
            {
                drawing.Write(y);
                y += drawing.Height;
            }
            _w.Close().Line();
        }

        private void WriteDefs()
        {
            _w.Open("defs");
            _w.Open("pattern").Attr("id", "cut").Attr("width", 6).Attr("height", 6).Attr("patternUnits", "userSpaceOnUse").Attr("patternTransform", "rotate(45)");
            _w.Open("rect").Attr("width", 6).Attr("height", 6).Attr("fill", "#fdf1f1").Close();
            _w.Open("line").Attr("x1", 0).Attr("y1", 0).Attr("x2", 0).Attr("y2", 6).Attr("stroke", "#e09090").Attr("stroke-width", 2).Close();
            _w.Close();
            _w.Open("pattern").Attr("id", "gap").Attr("width", 6).Attr("height", 6).Attr("patternUnits", "userSpaceOnUse").Attr("patternTransform", "rotate(45)");
            _w.Open("rect").Attr("width", 6).Attr("height", 6).Attr("fill", "#fafafa").Close();
            _w.Open("line").Attr("x1", 0).Attr("y1", 0).Attr("x2", 0).Attr("y2", 6).Attr("stroke", "#bbb").Attr("stroke-width", 1.5).Close();
            _w.Close();
            _w.Close().Line();
        }

        private void WriteAxis(double height)
        {
            IReadOnlyList<double> ticks = _axis.Ticks(out double step);
            _w.Open("g").Attr("class", "axis").Line();
            _w.Open("title").Text(Invariant($"The presentation timeline, {Clock(_axis.Start)} to {Clock(_axis.End)}: one axis for every track")).Close();
            _w.Open("rect").Attr("class", "win").Attr("x", _axis.Left).Attr("y", AxisHeight - 8).Attr("width", _axis.Width).Attr("height", height - AxisHeight).Close().Line();
            foreach (double t in ticks)
            {
                double x = _axis.X(t);
                _w.Open("line").Attr("class", t == 0 ? "zero" : "grid").Attr("x1", x).Attr("y1", AxisHeight - 6).Attr("x2", x).Attr("y2", height - 10).Close();
                _w.Open("text").Attr("class", "tick").Attr("x", x).Attr("y", AxisHeight - 12).Attr("text-anchor", "middle").Text(TimeAxis.Label(t, step, _axis.UsesClock)).Close().Line();
            }
            _w.Close().Line();
        }

        // ---- text helpers shared with the drawing -------------------------------------------------------------

        /// <summary>Seconds as the cmdlets print them (0.0667 s).</summary>
        internal static string Sec(double seconds) => seconds.ToString("0.0###", CultureInfo.InvariantCulture) + " s";

        /// <summary>A time of the window: seconds, or h:mm:ss.s on windows of two minutes and more.</summary>
        internal string Clock(double seconds) => Clock(seconds, _axis);

        internal static string Clock(double seconds, TimeAxis axis)
        {
            if (!axis.UsesClock) return Sec(seconds);
            int decimals = axis.SecondsPerColumn >= 1 ? 0 : Math.Min(3, (int)Math.Ceiling(-Math.Log10(axis.SecondsPerColumn)));
            double abs = Math.Round(Math.Abs(seconds), decimals);
            string sign = seconds < 0 && abs > 0 ? "-" : "";
            long whole = (long)Math.Floor(abs);
            string fraction = decimals == 0 ? "" : (abs - whole).ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture).Substring(1);
            return string.Format(CultureInfo.InvariantCulture, "{0}{1}:{2:00}:{3:00}{4}", sign, whole / 3600, whole / 60 % 60, whole % 60, fraction);
        }

        internal static string Rate(double bitsPerSecond)
        {
            if (bitsPerSecond >= 1e6) return (bitsPerSecond / 1e6).ToString("0.##", CultureInfo.InvariantCulture) + " Mbit/s";
            if (bitsPerSecond >= 1e3) return (bitsPerSecond / 1e3).ToString("0.#", CultureInfo.InvariantCulture) + " kbit/s";
            return bitsPerSecond.ToString("0", CultureInfo.InvariantCulture) + " bit/s";
        }
    }
}
