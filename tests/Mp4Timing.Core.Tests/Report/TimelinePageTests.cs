using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using Mp4Timing.Report;
using Mp4Timing.Tests.Support;
using static Mp4Timing.Tests.Support.Mp4Bytes;
using static Mp4Timing.Tests.Support.MovieBytes;

namespace Mp4Timing.Tests.Report
{
    /// <summary>
    /// The timeline page, read back as XML: its marks are checked against what ffprobe recorded for the fixtures
    /// (packets, flags, start times, showinfo's order) and against times worked out by hand from the boxes.
    /// </summary>
    public class TimelinePageTests
    {
        private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

        /// <summary>A mark's title: "sample 4 (shown 2nd, showinfo n:1): B (non-IDR); DTS 1 (0.0333 s), PTS 2 (...), lasts 1 tick; 1,234 bytes; ...".</summary>
        private static readonly Regex SampleTitle = new Regex(
            @"^sample (?<sample>\d+)(?: \((?:shown \d+\w\w, showinfo n:(?<n>\d+)|not shown: no edit covers it)\))?(?:: (?<type>I|P|B|S|SI|SP|BI|type unknown)(?: \((?<kind>[^)]*)\))?)?(?<sync>, sync)?(?:, edit \d+)?; " +
            @"DTS (?<dts>-?\d+) \([^)]*\), PTS (?<pts>-?\d+) \([^)]*\), lasts (?<duration>\d+) ticks?; (?<size>[\d,]+) bytes; ",
            RegexOptions.CultureInvariant);

        private static string Fixture(string name) => Path.Combine(TestPaths.Root, "tests", "fixtures", name);

        private static (string Html, TimelineExport Export) Page(string fixture, TimelineOptions? options = null, IEnumerable<TimingFinding>? findings = null)
        {
            using Mp4Movie movie = Mp4Movie.Open(Fixture(fixture));
            var text = new StringWriter(CultureInfo.InvariantCulture);
            TimelineExport export = TimelinePage.Write(movie, null, text, options, findings);
            return (text.ToString(), export);
        }

        /// <summary>The whole page parsed as XML (it is well-formed XML as well as HTML); a parse error fails the test.</summary>
        private static XDocument Parse(string html)
        {
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null };
            using var reader = XmlReader.Create(new StringReader(html), settings);
            return XDocument.Load(reader);
        }

        private static XElement SvgOf(XDocument page) => page.Descendants(Svg + "svg").Single();

        private static XElement Track(XDocument page, int id) =>
            SvgOf(page).Elements(Svg + "g").Single(g => (string?)g.Attribute("id") == $"track-{id}");

        private static IEnumerable<XElement> Row(XElement track, string row) =>
            track.Elements(Svg + "g").Single(g => (string?)g.Attribute("class") == row).Elements();

        private static string Title(XElement mark) => (string)mark.Element(Svg + "title")!;

        private static double X(XElement mark) => double.Parse((string)mark.Attribute("x")!, CultureInfo.InvariantCulture);

        private static JsonElement Probe(string fixture) => JsonDocument.Parse(File.ReadAllText(Fixture(Path.ChangeExtension(fixture, ".ffprobe.json")))).RootElement;

        private static List<JsonElement> Packets(JsonElement probe, int stream) =>
            probe.GetProperty("packets").EnumerateArray().Where(p => p.GetProperty("stream_index").GetInt32() == stream).ToList();

        [Fact]
        public void ThePageIsWellFormedXmlWithOneSvgAndNoScriptOrNetworkReference()
        {
            (string html, _) = Page("delayed-audio.mp4");
            XDocument page = Parse(html);

            Assert.StartsWith("<!DOCTYPE html>", html);
            Assert.Equal("html", page.Root!.Name.LocalName);
            XElement svg = SvgOf(page);
            // The SVG alone is a document too (what a tool extracting it gets).
            XDocument.Parse(svg.ToString());
            Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("@import", html, StringComparison.Ordinal);
            Assert.DoesNotContain(" src=", html, StringComparison.Ordinal);
            Assert.DoesNotContain(" href=", html, StringComparison.Ordinal);
            // The only URLs are the SVG namespace (a name, never fetched) and the page's own patterns.
            Assert.Equal(new[] { "http://www.w3.org/2000/svg" }, Regex.Matches(html, @"https?://[^""'\s)]+").Select(m => m.Value).Distinct());
            Assert.All(Regex.Matches(html, @"url\(([^)]*)\)").Select(m => m.Groups[1].Value), target => Assert.StartsWith("#", target));
            Assert.Equal(2, svg.Elements(Svg + "g").Count(g => (string?)g.Attribute("class") == "track"));
        }

        [Fact]
        public void EveryMarkHasATitle()
        {
            XDocument page = Parse(Page("cut-midgop.mp4").Html);
            var marks = SvgOf(page).Descendants().Where(e => e.Name == Svg + "rect" && e.Parent!.Name != Svg + "pattern" && (string?)e.Attribute("class") != "win").ToList();
            Assert.True(marks.Count > 2 * (90 + 145), $"{marks.Count} marks");
            // A mark's title is its own, or its group's (a column split by picture type).
            Assert.All(marks, mark => Assert.False(string.IsNullOrWhiteSpace((string?)(mark.Element(Svg + "title") ?? mark.Parent!.Element(Svg + "title")))));
            Assert.All(SvgOf(page).Descendants(Svg + "path").Where(p => p.Parent!.Name != Svg + "pattern"), path => Assert.NotNull(path.Element(Svg + "title")));
        }

        [Fact]
        public void TheTitlesCarryEachSamplesNumberDtsPtsSizeAndPictureTypeAsFfprobeRecordedThem()
        {
            XDocument page = Parse(Page("bframes-editlist.mp4").Html);
            List<JsonElement> packets = Packets(Probe("bframes-editlist.mp4"), 0);
            var types = JsonDocument.Parse(File.ReadAllText(Fixture("bframes-editlist.pictures.json"))).RootElement.GetProperty("frames").EnumerateArray()
                .ToDictionary(f => f.GetProperty("pkt_pos").GetString()!, f => f.GetProperty("pict_type").GetString()!);

            var decode = Row(Track(page, 1), "decode").ToList();
            Assert.Equal(packets.Count, decode.Count);
            for (int i = 0; i < decode.Count; i++)
            {
                Match title = SampleTitle.Match(Title(decode[i]));
                Assert.True(title.Success, Title(decode[i]));
                JsonElement packet = packets[i];
                Assert.Equal(i + 1, int.Parse(title.Groups["sample"].Value, CultureInfo.InvariantCulture));
                Assert.Equal(packet.GetProperty("dts").GetInt64(), long.Parse(title.Groups["dts"].Value, CultureInfo.InvariantCulture));
                Assert.Equal(packet.GetProperty("pts").GetInt64(), long.Parse(title.Groups["pts"].Value, CultureInfo.InvariantCulture));
                Assert.Equal(long.Parse(packet.GetProperty("size").GetString()!, CultureInfo.InvariantCulture), long.Parse(title.Groups["size"].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture));
                Assert.Equal(types[packet.GetProperty("pos").GetString()!], title.Groups["type"].Value);
                Assert.Equal(packet.GetProperty("flags").GetString()!.StartsWith("K", StringComparison.Ordinal), title.Groups["sync"].Success);
                // The colour is the type's.
                Assert.Equal(title.Groups["type"].Value, (string)decode[i].Attribute("class")!);
            }
        }

        [Fact]
        public void ThePresentationRowIsInTheOrderShowinfoPrints()
        {
            XDocument page = Parse(Page("bframes-editlist.mp4").Html);
            // showinfo's lines: n and the byte position of the frame's packet; ffprobe's packets give each position's sample.
            var sampleAt = Packets(Probe("bframes-editlist.mp4"), 0).Select((p, i) => (Pos: p.GetProperty("pos").GetString()!, Sample: i + 1)).ToDictionary(p => p.Pos, p => p.Sample);
            var shown = File.ReadLines(Fixture("bframes-editlist.showinfo.log"))
                .Select(line => Regex.Match(line, @"\bn:\s*(\d+) .*\bpos:\s*(\d+)"))
                .Where(m => m.Success)
                .Select(m => (N: int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), Sample: sampleAt[m.Groups[2].Value]))
                .ToList();
            Assert.Equal(120, shown.Count);

            var presentation = Row(Track(page, 1), "presentation").Select(mark => SampleTitle.Match(Title(mark))).ToList();
            Assert.Equal(shown.Count, presentation.Count);
            for (int i = 0; i < shown.Count; i++)
            {
                Assert.Equal(shown[i].Sample, int.Parse(presentation[i].Groups["sample"].Value, CultureInfo.InvariantCulture));
                Assert.Equal(shown[i].N, int.Parse(presentation[i].Groups["n"].Value, CultureInfo.InvariantCulture));
            }
            // The question's order: sample 4 is shown second (showinfo's n:1).
            Assert.Equal(new[] { 1, 4, 3, 5, 2 }, presentation.Take(5).Select(m => int.Parse(m.Groups["sample"].Value, CultureInfo.InvariantCulture)));
        }

        [Fact]
        public void OneMarkPerSampleInTheWindow()
        {
            // 0.5 s to 1.5 s of bframes-editlist.mp4 (timescale 30): the packets whose [dts, dts + duration) or [pts, pts + duration) overlaps [15, 45) ticks.
            (string html, TimelineExport export) = Page("bframes-editlist.mp4", new TimelineOptions { Start = 0.5, Duration = 1.0 });
            XElement track = Track(Parse(html), 1);
            List<JsonElement> packets = Packets(Probe("bframes-editlist.mp4"), 0);
            static bool Overlaps(long start, long duration) => start < 45 && start + duration > 15;
            int decoded = packets.Count(p => Overlaps(p.GetProperty("dts").GetInt64(), p.GetProperty("duration").GetInt64()));
            int shown = packets.Count(p => Overlaps(p.GetProperty("pts").GetInt64(), p.GetProperty("duration").GetInt64()));
            int either = packets.Count(p => Overlaps(p.GetProperty("dts").GetInt64(), 1) || Overlaps(p.GetProperty("pts").GetInt64(), 1));

            Assert.Equal(decoded, Row(track, "decode").Count());
            Assert.Equal(shown, Row(track, "presentation").Count());
            Assert.Equal(either, export.Samples);
            Assert.True(decoded >= 30 && shown == 30, $"{decoded} decoded, {shown} shown");
            Assert.Equal("samples", (string)track.Attribute("data-mode")!);
            Assert.Equal(0.5, export.Start);
            Assert.Equal(1.0, export.Duration);
        }

        [Fact]
        public void TheEditWindowOfTheBundledSampleIsWhereTheEditListPutsIt()
        {
            // bframes-editlist.mp4: elst media_time 2 at mdhd timescale 30, segment_duration 4000 at mvhd timescale 1000.
            // Window -0.1 s to 4.1 s over 1200 px from x = 210: x(t) = 210 + (t + 0.1) × 1200 / 4.2.
            XDocument page = Parse(Page("bframes-editlist.mp4", new TimelineOptions { Start = -0.1, Duration = 4.2, PlotWidth = 1200 }).Html);
            XElement svg = SvgOf(page);
            Assert.Equal("210", (string)svg.Attribute("data-left")!);
            Assert.Equal("1200", (string)svg.Attribute("data-width")!);
            static double X(double t) => 210 + (t + 0.1) * 1200 / 4.2;

            var edits = Row(Track(page, 1), "edits").ToList();
            XElement cut = edits.Single(e => (string?)e.Attribute("class") == "cut");
            XElement edit = edits.Single(e => (string?)e.Attribute("class") == "edit");
            // The cut: media time 0 to 2 ticks, before the presentation's start at 0 s.
            Assert.Equal(X(-2.0 / 30), TimelinePageTests.X(cut), 2);
            Assert.Equal(X(0) - X(-2.0 / 30), double.Parse((string)cut.Attribute("width")!, CultureInfo.InvariantCulture), 2);
            // The edit: from 0 s for 4 s.
            Assert.Equal(X(0), TimelinePageTests.X(edit), 2);
            Assert.Equal(X(4.0) - X(0), double.Parse((string)edit.Attribute("width")!, CultureInfo.InvariantCulture), 2);
            Assert.Contains("media_time 2 (0.0667 s)", Title(edit));

            // Sample 1 is decoded at DTS -2 and shown at PTS 0: its two marks start at those x.
            XElement first = Row(Track(page, 1), "decode").First();
            Assert.Equal(X(-2.0 / 30), TimelinePageTests.X(first), 2);
            XElement shown = Row(Track(page, 1), "presentation").First();
            Assert.Equal(X(0), TimelinePageTests.X(shown), 2);
        }

        [Fact]
        public void TheDefaultWindowRunsFromTheEarliestDecodeTimeToTheLatestEnd()
        {
            // bframes-editlist.mp4: sample 1 is decoded at -2/30 s; the edit (and the last frame shown) ends at 4 s.
            (string html, TimelineExport export) = Page("bframes-editlist.mp4");
            Assert.Equal(-2.0 / 30, export.Start, 12);
            Assert.Equal(4.0 + 2.0 / 30, export.Duration, 12);
            Assert.Equal(120, export.Samples);
            Assert.False(export.IsAggregated);
            Assert.Contains("Window: -0.0667 s to 4.0 s", html);
        }

        [Fact]
        public void SamplesFfmpegFlagsDAreGreyed()
        {
            // cut-midgop.mp4, a stream copy cut mid-GOP: ffprobe flags 15 video and 27 audio packets D.
            XDocument page = Parse(Page("cut-midgop.mp4").Html);
            JsonElement probe = Probe("cut-midgop.mp4");
            foreach ((int track, int stream) in new[] { (1, 0), (2, 1) })
            {
                var discarded = Packets(probe, stream).Where(p => p.GetProperty("flags").GetString()!.Contains('D')).Select(p => p.GetProperty("dts").GetInt64()).ToList();
                Assert.NotEmpty(discarded);
                var grey = Row(Track(page, track), "decode").Where(m => (string?)m.Attribute("class") == "D").ToList();
                Assert.Equal(discarded, grey.Select(m => long.Parse(SampleTitle.Match(Title(m)).Groups["dts"].Value, CultureInfo.InvariantCulture)));
                Assert.All(grey, m => Assert.Contains("flags ", Title(m)));
                Assert.All(grey, m => Assert.Contains("(decoded, not shown)", Title(m)));
            }
            Assert.Equal(15, Row(Track(page, 1), "decode").Count(m => (string?)m.Attribute("class") == "D"));
        }

        [Fact]
        public void TheIsoAndFfmpegStartTimesAreMarked()
        {
            foreach ((string fixture, int track, int stream) in new[] { ("delayed-audio.mp4", 2, 1), ("bframes-no-editlist.mp4", 1, 0) })
            {
                (string html, TimelineExport export) = Page(fixture);
                XDocument page = Parse(html);
                XElement svg = SvgOf(page);
                double start = double.Parse((string)svg.Attribute("data-start")!, CultureInfo.InvariantCulture);
                double end = double.Parse((string)svg.Attribute("data-end")!, CultureInfo.InvariantCulture);
                double X(double t) => 210 + (t - start) * 1200 / (end - start);
                double ffprobeStart = double.Parse(Probe(fixture).GetProperty("streams")[stream].GetProperty("start_time").GetString()!, CultureInfo.InvariantCulture);

                var starts = Row(Track(page, track), "starts").ToList();
                XElement ff = starts.Single(l => (string?)l.Attribute("class") == "ff");
                Assert.Equal(X(ffprobeStart), double.Parse((string)ff.Attribute("x1")!, CultureInfo.InvariantCulture), 1);
                XElement iso = starts.Single(l => (string?)l.Attribute("class") == "iso");
                Assert.Equal(X(export.Tracks.Single(t => t.TrackId == track).StartTime!.Value), double.Parse((string)iso.Attribute("x1")!, CultureInfo.InvariantCulture), 2);
            }
        }

        [Fact]
        public void AnEmptyEditIsAGap()
        {
            // delayed-audio.mp4's audio: an empty edit of 478 ms, then media_time 0 for 4022 ms (mvhd timescale 1000).
            XDocument page = Parse(Page("delayed-audio.mp4").Html);
            var edits = Row(Track(page, 2), "edits").ToList();
            Assert.Equal(new[] { "gap", "edit" }, edits.Select(e => (string)e.Attribute("class")!));
            Assert.Contains("nothing is shown for 0.478 s", Title(edits[0]));
            Assert.DoesNotContain(edits, e => (string?)e.Attribute("class") == "cut");
        }

        [Fact]
        public void PastTheLimitATrackIsDrawnPerPixelColumnAndThePageDoesNotGrowWithTheSamples()
        {
            // 1,000 samples a second (timescale 1000, one tick a sample), a sync sample every 100; a 400-pixel plot.
            static (XElement Track, TimelineExport Export, int Elements) Long(uint count)
            {
                byte[] file = Movie(1000, Trak(1, 1000, "vide", null, Stts((count, 1)), Ctts(0, (count, 2)), StszConstant(100, count), Stsc((1, count, 1)), Stco(1000),
                    Stss(Enumerable.Range(0, (int)(count / 100)).Select(i => (uint)(i * 100 + 1)).ToArray())));
                using Mp4Movie movie = Open(file);
                var text = new StringWriter(CultureInfo.InvariantCulture);
                TimelineExport export = TimelinePage.Write(movie, null, text, new TimelineOptions { PlotWidth = 400 });
                XDocument page = Parse(text.ToString());
                return (Track(page, 1), export, SvgOf(page).Descendants().Count());
            }

            var (track, export, elements) = Long(200_000);
            Assert.True(export.IsAggregated);
            Assert.Equal("columns", (string)track.Attribute("data-mode")!);
            // Each bar says how many samples it holds (a run of like columns is one bar); together, every sample of the window.
            foreach (string row in new[] { "decode", "presentation" })
            {
                var bars = Row(track, row).ToList();
                Assert.InRange(bars.Sum(b => double.Parse((string)b.Attribute("width")!, CultureInfo.InvariantCulture)), 399, 400);
                long counted = bars.Sum(b => long.Parse(Regex.Match(Title(b), @": ([\d,]+) samples? (decoded|shown)").Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture));
                Assert.Equal(200_000, counted);
            }
            Assert.Equal(200_000, export.Samples);
            // A sync sample every 100 samples, 500 samples a column: a sync tick over every column.
            XElement ticks = track.Elements(Svg + "path").Single(p => (string?)p.Attribute("class") == "sync");
            Assert.Equal(400, Regex.Matches((string)ticks.Attribute("d")!, "M").Count);

            // Ten times the samples, the same columns: the page is bounded by the columns (a few elements per column and row), not by the samples.
            var (_, large, largeElements) = Long(2_000_000);
            Assert.True(large.IsAggregated);
            Assert.Equal(2_000_000, large.Samples);
            Assert.True(elements < 8 * 400 && largeElements < 8 * 400, $"{elements} and {largeElements} elements for a plot of 400 columns");
        }

        [Fact]
        public void AWindowWithFewSamplesOfALongTrackIsDrawnSampleBySample()
        {
            byte[] file = Movie(1000, Trak(1, 1000, "vide", null, Stts((100_000u, 10)), StszConstant(100, 100_000), Stsc((1, 100_000, 1)), Stco(1000)));
            using Mp4Movie movie = Open(file);
            var text = new StringWriter(CultureInfo.InvariantCulture);
            // 10 ms samples: 2.5 s to 3.5 s holds samples 251 to 350.
            TimelineExport export = TimelinePage.Write(movie, null, text, new TimelineOptions { Start = 2.5, Duration = 1 });
            XElement track = Track(Parse(text.ToString()), 1);
            Assert.False(export.IsAggregated);
            var decode = Row(track, "decode").Select(m => int.Parse(SampleTitle.Match(Title(m)).Groups["sample"].Value, CultureInfo.InvariantCulture)).ToList();
            Assert.Equal(Enumerable.Range(251, 100), decode);
        }

        [Fact]
        public void FindingsAreMarkedWhereTheyAreWithTheirMessages()
        {
            var findings = new List<TimingFinding>
            {
                new TimingFinding
                {
                    Path = Fixture("bframes-editlist.mp4"), TrackId = 1, Rule = "PresentationGap", SeverityValue = FindingSeverity.Warning, Sample = 31, Time = 1.0, Count = 2,
                    Message = "a gap of 0.0667 s before sample 31 <here> & there", Hint = "re-mux with the frames' durations",
                },
                new TimingFinding { Path = Fixture("bframes-editlist.mp4"), TrackId = 0, Rule = "DurationMismatch", SeverityValue = FindingSeverity.Error, Count = 1, Message = "the movie lasts 5 s, its tracks 4 s" },
            };
            // Window -0.1 s to 4.1 s: x(1.0) = 210 + 1.1 × 1200 / 4.2.
            (string html, TimelineExport export) = Page("bframes-editlist.mp4", new TimelineOptions { Start = -0.1, Duration = 4.2 }, findings);
            XDocument page = Parse(html);
            Assert.Equal(2, export.Findings.Count);

            XElement marker = Row(Track(page, 1), "findings").Single();
            Assert.Equal("finding fW", (string)marker.Attribute("class")!);
            Assert.StartsWith($"M{(210 + 1.1 * 1200 / 4.2).ToString("0.##", CultureInfo.InvariantCulture)} ", (string)marker.Attribute("d")!);
            Assert.Equal("Warning PresentationGap (track 1), sample 31, at 1.0 s, 2 places: a gap of 0.0667 s before sample 31 <here> & there Fix: re-mux with the frames' durations", Title(marker));

            XElement file = SvgOf(page).Elements(Svg + "g").Single(g => (string?)g.Attribute("class") == "file-findings").Descendants(Svg + "path").Single();
            Assert.Equal("finding fE", (string)file.Attribute("class")!);
            Assert.Contains("not at one time: the movie lasts 5 s, its tracks 4 s", Title(file));

            var rows = page.Descendants("table").Single(t => (string?)t.Attribute("class") == "findings").Element("tbody")!.Elements("tr").ToList();
            Assert.Equal(2, rows.Count);
            Assert.Equal(new[] { "Warning", "1", "PresentationGap", "31", "1.0 s", "2", "a gap of 0.0667 s before sample 31 <here> & there", "re-mux with the frames' durations" },
                rows[0].Elements("td").Select(td => td.Value));
        }

        [Fact]
        public void WithoutFindingsThePageSaysWhetherRulesRan()
        {
            Assert.DoesNotContain("<h2>Findings</h2>", Page("bframes-editlist.mp4").Html);
            string html = Page("bframes-editlist.mp4", findings: Array.Empty<TimingFinding>()).Html;
            Assert.Contains("<h2>Findings</h2>", html);
            Assert.Contains("The timing rules found nothing.", html);
        }

        [Fact]
        public void NumbersDoNotDependOnTheCulture()
        {
            string invariant = Page("cut-midgop.mp4").Html;
            foreach (string culture in new[] { "de-DE", "fr-FR", "ar-SA" })
            {
                string local = "";
                SpecBytes.WithCulture(culture, () => local = Page("cut-midgop.mp4").Html);
                Assert.Equal(invariant, local);
            }
        }

        [Fact]
        public void TextFromTheFileOrTheFindingsIsEscaped()
        {
            var finding = new TimingFinding { TrackId = 1, Rule = "Odd\"Rule", Count = 1, Time = 0.5, Message = "</title><script>alert(1)</script> \u0001 & \"q\" \uD800" };
            string html = Page("bframes-editlist.mp4", findings: new[] { finding }).Html;
            XDocument page = Parse(html);
            Assert.DoesNotContain("<script>", html);
            XElement marker = Row(Track(page, 1), "findings").Single();
            Assert.Equal("Odd\"Rule", (string)marker.Attribute("data-rule")!);
            Assert.Contains("</title><script>alert(1)</script> \uFFFD & \"q\" \uFFFD", Title(marker));
        }

        [Fact]
        public void TheAxisIsLabelledEveryHalfSecondOfTheBundledSample()
        {
            // -0.0667 s to 4 s over 1200 px: ticks at least 80 px (0.27 s) apart, rounded up to 0.5 s.
            XElement axis = SvgOf(Parse(Page("bframes-editlist.mp4").Html)).Elements(Svg + "g").Single(g => (string?)g.Attribute("class") == "axis");
            var ticks = axis.Elements(Svg + "text").ToList();
            Assert.Equal(Enumerable.Range(0, 9).Select(i => (i * 0.5).ToString("0.0", CultureInfo.InvariantCulture) + " s"), ticks.Select(t => t.Value));
            static double X(double t) => 210 + (t + 2.0 / 30) * 1200 / (4 + 2.0 / 30);
            Assert.Equal(X(1.5), double.Parse((string)ticks[3].Attribute("x")!, CultureInfo.InvariantCulture), 2);
        }

        [Theory]
        [InlineData(0, 3600.03, 300, "0:00", "5:00", "1:00:00")]
        [InlineData(0, 363, 30, "0:00", "0:30", "6:00")]
        [InlineData(10, 12, 0.2, "10.0 s", "10.2 s", "12.0 s")]
        public void LongWindowsAreLabelledOnAClock(double start, double end, double step, string first, string second, string last)
        {
            var axis = new TimeAxis(start, end, 210, 1200);
            IReadOnlyList<double> ticks = axis.Ticks(out double found);
            Assert.Equal(step, found, 9);
            Assert.Equal(first, TimeAxis.Label(ticks[0], found, axis.UsesClock));
            Assert.Equal(second, TimeAxis.Label(ticks[1], found, axis.UsesClock));
            Assert.Equal(last, TimeAxis.Label(ticks[ticks.Count - 1], found, axis.UsesClock));
        }

        [Theory]
        [InlineData(0.0, "0")]
        [InlineData(-0.001, "0")]
        [InlineData(12.345, "12.35")]
        [InlineData(-3.5, "-3.5")]
        [InlineData(1e7, "10000000")]
        public void CoordinatesHaveAtMostTwoDecimals(double value, string expected) => Assert.Equal(expected, MarkupWriter.Format(value));
    }
}
