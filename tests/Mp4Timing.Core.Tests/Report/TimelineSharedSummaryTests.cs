using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using Mp4Timing.Analysis;
using Mp4Timing.Report;
using Mp4Timing.Tests.Support;

namespace Mp4Timing.Tests.Report
{
    /// <summary>
    /// Export-Mp4Timeline runs the timing rules, then writes the page: the rules' pass gives the page its tracks' summaries
    /// (TimingRuleSet.Check's trackInfos), which the page would otherwise read again with TrackAnalysis.Analyze. Both ways
    /// must give the same page, the same TrackInfo objects and the same errors, for every fixture, media segments read in
    /// order with their init segment, and a file cut short; and the shared way must read the file one summary pass less.
    /// </summary>
    public class TimelineSharedSummaryTests
    {
        private static readonly string Fixtures = Path.Combine(TestPaths.Root, "tests", "fixtures");

        /// <summary>The rules Export-Mp4Timeline runs by default; without the GOP rules (which read the sync pictures); without SampleDataMissing (a cut is then an error); all of them.</summary>
        private static readonly Dictionary<string, Func<TimingRuleSet>> RuleSets = new Dictionary<string, Func<TimingRuleSet>>
        {
            ["default"] = () => TimingRuleSet.Create(),
            ["no GOP rules"] = () => TimingRuleSet.Create(excludeRules: new[] { "OpenGopStart", "SyncSampleNotIntra" }),
            ["no SampleDataMissing"] = () => TimingRuleSet.Create(excludeRules: new[] { "SampleDataMissing" }),
            ["every rule"] = () => TimingRuleSet.Create(rules: new[] { "*" }),
        };

        public static IEnumerable<object[]> Files() =>
            Directory.EnumerateFiles(Fixtures, "*", SearchOption.AllDirectories)
                .Where(f => new[] { ".mp4", ".m4a", ".mov", ".3gp" }.Contains(Path.GetExtension(f)))
                .Select(f => Path.GetRelativePath(Fixtures, f).Replace('\\', '/'))
                .OrderBy(f => f, StringComparer.Ordinal)
                .SelectMany(f => RuleSets.Keys.Select(rules => new object[] { f, rules }));

        public static IEnumerable<object[]> Segments() =>
            from stream in new[] { 0, 1 }
            from skip in new[] { false, true }
            from rules in RuleSets.Keys
            select new object[] { stream, skip, rules };

        public static IEnumerable<object[]> Rules() => RuleSets.Keys.Select(rules => new object[] { rules });

        [Theory]
        [MemberData(nameof(Files))]
        public void TheRulesSummariesGiveTheSamePage(string file, string rules)
        {
            Func<Action<Mp4FormatException>, Mp4Movie> open = report => Mp4Movie.Open(Path.Combine(Fixtures, file), report);
            AssertSamePages(RuleSets[rules], new[] { open }, expectEveryTrackShared: RuleSets[rules]().Rules.Count > 0);
        }

        [Theory]
        [MemberData(nameof(Segments))]
        public void MediaSegmentsReadInOrderGiveTheSamePages(int stream, bool skipSecond, string rules)
        {
            string dash = Path.Combine(Fixtures, "dash");
            string init = Path.Combine(dash, $"init-stream{stream}.m4s");
            byte[] initBytes = File.ReadAllBytes(init);
            var segments = Directory.EnumerateFiles(dash, $"chunk-stream{stream}-*.m4s").OrderBy(f => f, StringComparer.Ordinal)
                .Where((_, i) => !(skipSecond && i == 1))
                .Select(segment => (Func<Action<Mp4FormatException>, Mp4Movie>)(report =>
                    Mp4Movie.Open(segment, report, Mp4Movie.Open(new MemoryStream(initBytes, writable: false), init, report))))
                .ToList();
            Assert.True(segments.Count >= 3);
            AssertSamePages(RuleSets[rules], segments, expectEveryTrackShared: RuleSets[rules]().Rules.Count > 0);
        }

        [Theory]
        [MemberData(nameof(Rules))]
        public void AFileCutShortGivesTheSamePageAndItsCutTracksAreReadAgain(string rules)
        {
            byte[] cut = CutInFirstMdat(File.ReadAllBytes(Path.Combine(Fixtures, "frag-separate-moof.mp4")));
            Func<Action<Mp4FormatException>, Mp4Movie> open = report => Mp4Movie.Open(new MemoryStream(cut, writable: false), "cut-short.mp4", report);
            (string _, List<TrackInfo> tracks, List<string> _, List<string> errors, List<TrackInfo>? shared) = ExportAll(RuleSets[rules], new[] { open }, share: true).Single();

            // Both tracks' data is cut: the rules read one sample past the end, so neither summary is theirs to give.
            Assert.Equal(2, tracks.Count);
            Assert.All(tracks, t => Assert.Contains("past the end of the file", t.ReadError));
            Assert.Empty(shared!);
            Assert.Equal(2, errors.Count(e => e.Contains("past the end of the file")));
            AssertSamePages(RuleSets[rules], new[] { open }, expectEveryTrackShared: false);
        }

        /// <summary>
        /// What the page reads of the file, counted in bytes: sharing the rules' summaries saves exactly what
        /// TrackAnalysis.Analyze reads (each track's tables, and the picture headers of its sync samples), and no more.
        /// </summary>
        [Theory]
        [InlineData("audio-video.mp4")]
        [InlineData("bframes-editlist.mp4")]
        [InlineData("frag-separate-moof.mp4")]
        [InlineData("dash/stream0-concat.mp4")]
        [InlineData("two-video.mp4")]
        public void SharingTheSummariesSavesOneSummaryPass(string file)
        {
            byte[] bytes = File.ReadAllBytes(Path.Combine(Fixtures, file));

            long Read(Action<Mp4Movie> work)
            {
                var stream = new CountingStream(bytes);
                using Mp4Movie movie = Mp4Movie.Open(stream, file);
                // The movie keeps its tables, and where its fragments are, once walked: that walk is no pass of the page's.
                foreach (Mp4Track track in movie.Tracks) _ = movie.ReadRawSamples(track, null).Count();
                stream.BytesRead = 0;
                work(movie);
                return stream.BytesRead;
            }

            long Export(Mp4Movie movie, bool share)
            {
                var infos = share ? new List<TrackInfo>() : null;
                IReadOnlyList<TimingFinding> findings = TimingRuleSet.Create().Check(movie, null, null, null, null, infos);
                TimelinePage.Write(movie, null, TextWriter.Null, null, findings, null, null, infos);
                return infos?.Count ?? 0;
            }

            long summaryPass = Read(movie => TrackAnalysis.Analyze(movie).ToList());
            long separate = Read(movie => Export(movie, share: false));
            long shared = Read(movie => Assert.Equal(movie.Tracks.Count, Export(movie, share: true)));

            Assert.True(summaryPass > 0);
            Assert.Equal(separate - summaryPass, shared);
        }

        private static void AssertSamePages(Func<TimingRuleSet> rules, IReadOnlyList<Func<Action<Mp4FormatException>, Mp4Movie>> movies, bool expectEveryTrackShared)
        {
            var separate = ExportAll(rules, movies, share: false);
            var shared = ExportAll(rules, movies, share: true);
            Assert.Equal(separate.Count, shared.Count);
            for (int i = 0; i < separate.Count; i++)
            {
                Assert.Equal(separate[i].Page, shared[i].Page);
                Assert.Equal(separate[i].Errors, shared[i].Errors);
                Assert.Equal(separate[i].Summaries, shared[i].Summaries);
                // The tracks read to their end are the rules' own summaries, not read again.
                var read = shared[i].Tracks.Where(t => t.ReadError is null).ToList();
                Assert.All(shared[i].Shared!, info => Assert.Contains(read, t => ReferenceEquals(t, info)));
                if (expectEveryTrackShared) Assert.Equal(read.Count, shared[i].Shared!.Count);
            }
        }

        /// <summary>
        /// Each movie's page as Export-Mp4Timeline writes it: the rules on a copy of the reading state, then the page (with the
        /// rules' summaries when <paramref name="share"/>), each distinct error reported once; and the summaries' every public
        /// property (FfmpegStartTime and DelayRelativeToVideo among them) read while the movie is open.
        /// </summary>
        private static List<(string Page, List<TrackInfo> Tracks, List<string> Summaries, List<string> Errors, List<TrackInfo>? Shared)> ExportAll(Func<TimingRuleSet> rules,
            IReadOnlyList<Func<Action<Mp4FormatException>, Mp4Movie>> movies, bool share)
        {
            var state = new SampleReadState();
            var pages = new List<(string, List<TrackInfo>, List<string>, List<string>, List<TrackInfo>?)>();
            foreach (var open in movies)
            {
                var errors = new List<string>();
                void Report(Mp4FormatException error)
                {
                    if (!errors.Contains(error.Message)) errors.Add(error.Message);
                }
                using Mp4Movie movie = open(Report);
                var infos = share ? new List<TrackInfo>() : null;
                IReadOnlyList<TimingFinding> findings = rules().Check(movie, movie.Tracks, state.Copy(), Report, null, infos);
                var page = new StringWriter(CultureInfo.InvariantCulture);
                TimelineExport export = TimelinePage.Write(movie, movie.Tracks, page, new TimelineOptions(), findings.Count > 0 ? findings : null, state, Report, infos);
                pages.Add((page.ToString(), export.Tracks.ToList(), export.Tracks.Select(info => JsonSerializer.Serialize(info)).ToList(), errors, infos));
            }
            return pages;
        }

        /// <summary>The file up to the middle of its first mdat box: its first samples are there, the rest are past the end.</summary>
        private static byte[] CutInFirstMdat(byte[] file)
        {
            for (long offset = 0; offset + 8 <= file.Length;)
            {
                long size = (long)file[offset] << 24 | (long)file[offset + 1] << 16 | (long)file[offset + 2] << 8 | file[offset + 3];
                if (System.Text.Encoding.ASCII.GetString(file, (int)offset + 4, 4) == "mdat") return file.Take((int)(offset + size / 2)).ToArray();
                offset += size;
            }
            throw new InvalidDataException("no mdat");
        }

        /// <summary>A file in memory that counts the bytes read from it.</summary>
        private sealed class CountingStream : MemoryStream
        {
            public CountingStream(byte[] bytes) : base(bytes, writable: false)
            {
            }

            public long BytesRead { get; set; }

            public override int Read(byte[] buffer, int offset, int count)
            {
                int read = base.Read(buffer, offset, count);
                BytesRead += read;
                return read;
            }

            public override int Read(Span<byte> buffer)
            {
                int read = base.Read(buffer);
                BytesRead += read;
                return read;
            }

            public override int ReadByte()
            {
                int read = base.ReadByte();
                if (read >= 0) BytesRead++;
                return read;
            }
        }
    }
}
