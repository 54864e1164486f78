using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Mp4Timing.Fuzz;
using Mp4Timing.Tests.Support;
using static Mp4Timing.Tests.Support.Mp4Bytes;
using static Mp4Timing.Tests.Support.MovieBytes;

namespace Mp4Timing.Tests.Fuzz
{
    /// <summary>
    /// Every input the fuzzer found (tests/fuzz/regressions, minimized) goes through the fuzzing harness
    /// again. Each was a hang or a memory exhaustion (gigabytes for a file of a few hundred bytes): it must
    /// now end, within a hang guard, allocating little, and every error it reports must locate the damage
    /// (file, box path and an offset inside the file), as every error of the module does.
    /// How fast they run is measured by the benchmark (build.ps1 -Task Bench), not here.
    /// </summary>
    public class FuzzRegressionTests
    {
        /// <summary>A hang guard: each finding runs in well under a second; the fuzzer's hang limit is 5 s.</summary>
        private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

        /// <summary>What one finding may allocate: the bugs took from 3.7 GB to 12 GB; now the largest allocates 34 MB (the harness keeps 100,000 sample objects).</summary>
        private const long AllocationCeiling = 64L << 20;

        private const string SourceName = "fuzz-input.mp4";

        public static IEnumerable<object[]> Regressions()
        {
            string[] files = RegressionFiles();
            // xunit 2 reports a theory without data as a failure too; this case says why.
            if (files.Length == 0) return new[] { new object[] { "(no regression inputs)" } };
            return files.Select(f => new object[] { Path.GetFileName(f) });
        }

        [Theory]
        [MemberData(nameof(Regressions))]
        public async Task Finding_ends_within_bounds_and_every_error_locates_the_damage(string name)
        {
            string path = Path.Combine(RegressionFolder(), name);
            Assert.True(File.Exists(path), $"{RegressionFolder()} holds no regression input: the fuzzer's findings must stay there");
            byte[] bytes = File.ReadAllBytes(path);

            // Any exception but Mp4FormatException escapes FuzzTarget.Run and fails the test with its stack trace.
            var run = await BoundedRun.Run(() => FuzzTarget.Run(new MemoryStream(bytes, writable: false)), Limit);
            Assert.True(run.HasValue, $"{name}: the harness did not finish within {Limit.TotalSeconds} s (a hang)");
            var (outcome, allocated) = run!.Value;
            Assert.True(allocated <= AllocationCeiling, $"{name}: {allocated >> 20} MB allocated (bound {AllocationCeiling >> 20} MB)");
            Assert.All(outcome.Errors, error =>
            {
                Assert.Equal(SourceName, error.FilePath);
                Assert.StartsWith("/", error.BoxPath);
                Assert.InRange(error.Offset, 0, bytes.Length);
                Assert.Contains(SourceName, error.Message);
                Assert.Contains(error.BoxPath!, error.Message);
            });
        }

        [Fact]
        public void The_harness_reads_a_valid_file_to_the_end()
        {
            // The built-in init segment alone: one track, no samples, no error.
            byte[] init = File.ReadAllBytes(Path.Combine(RepositoryRoot(), "tests", "fixtures", "dash", "init-stream0.m4s"));
            FuzzOutcome outcome = FuzzTarget.Run(new MemoryStream(init));
            Assert.Equal(1, outcome.Tracks);
            Assert.Empty(outcome.Errors);
            Assert.True(outcome.Boxes > 10);
        }

        [Fact]
        public void The_harness_draws_the_timeline_page_of_a_small_file()
        {
            // bframes-editlist.mp4: 120 samples, each decoded or shown in the page's window.
            byte[] seed = File.ReadAllBytes(Path.Combine(RepositoryRoot(), "tests", "fixtures", "bframes-editlist.mp4"));
            FuzzOutcome outcome = FuzzTarget.Run(new MemoryStream(seed));
            Assert.Empty(outcome.Errors);
            Assert.Equal(120, outcome.PageSamples);
        }

        [Fact]
        public void Rap_sample_groups_still_mark_key_frames_in_the_ffmpeg_model()
        {
            // stss names sample 1; 'rap ' groups (count, group index): (2,0) (1,1) (0,1) (2,1) (1,0) make sample 3 key, and
            // ffmpeg's walk never leaves the run of zero samples, so samples 4, 5 and 6 take its group index 1 and are key
            // too (ffprobe 5.1 and the 6.1-dev ffprobe on the same tables with the data in the file: K_ __ K_ K_ K_ K_).
            byte[] sbgp = FullBox("sbgp", 0, 0, Ascii("rap "), U32(5), U32(2), U32(0), U32(1), U32(1), U32(0), U32(1), U32(2), U32(1), U32(1), U32(0));
            byte[] bytes = Movie(1000, TrakWithCodec(1, 30, "vide", "mp4v", null,
                Stts((6, 1)), Stss(1), Stsc((1, 6, 1)), StszConstant(1, 6), Stco(0), sbgp));
            using Mp4Movie movie = Open(bytes);
            bool[] keys = movie.ReadSampleTimings(movie.Tracks[0], TimingConvention.Ffmpeg).Select(s => s.IsSync).ToArray();
            Assert.Equal(new[] { true, false, true, true, true, true }, keys);
        }

        [Fact]
        public async Task Many_rap_sample_groups_are_looked_up_without_a_scan_per_sample()
        {
            // Found by review: each sample scanned every 'rap ' run, so this 400 KB file took 30 s; the groups
            // are now read in step with the samples, as ffmpeg reads them.
            byte[] bytes = ReviewFindings.ManyRapSampleGroups(out int samples);
            // A hang guard only; the time is measured by the benchmark.
            var run = await BoundedRun.Run(() =>
            {
                using Mp4Movie movie = Open(bytes);
                return movie.ReadSampleTimings(movie.Tracks[0], TimingConvention.Ffmpeg).Count();
            }, Limit);
            Assert.True(run.HasValue, $"the ffmpeg model did not finish within {Limit.TotalSeconds} s");
            Assert.Equal(samples, run!.Value.Result);
        }

        private static string[] RegressionFiles()
        {
            string folder = RegressionFolder();
            return Directory.Exists(folder)
                ? Directory.GetFiles(folder).Where(f => !f.EndsWith(".md", StringComparison.OrdinalIgnoreCase)).OrderBy(f => f, StringComparer.Ordinal).ToArray()
                : Array.Empty<string>();
        }

        private static string RegressionFolder() => Path.Combine(RepositoryRoot(), "tests", "fuzz", "regressions");

        private static string RepositoryRoot()
        {
            for (DirectoryInfo? dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Mp4Timing.sln"))) return dir.FullName;
            }
            throw new InvalidOperationException($"Mp4Timing.sln was not found above {AppContext.BaseDirectory}");
        }
    }
}
