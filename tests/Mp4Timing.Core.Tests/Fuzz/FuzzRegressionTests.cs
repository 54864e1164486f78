using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Mp4Timing.Fuzz;
using static Mp4Timing.Tests.Support.Mp4Bytes;
using static Mp4Timing.Tests.Support.MovieBytes;

namespace Mp4Timing.Tests.Fuzz
{
    /// <summary>
    /// Every input the fuzzer found (tests/fuzz/regressions, minimized) goes through the fuzzing harness
    /// again: it must end in success or Mp4FormatException, within a time far below the fuzzer's 5 s
    /// hang limit (measured without instrumentation).
    /// </summary>
    public class FuzzRegressionTests
    {
        private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

        public static IEnumerable<object[]> Regressions()
        {
            string folder = RegressionFolder();
            string[] files = Directory.Exists(folder)
                ? Directory.GetFiles(folder).Where(f => !f.EndsWith(".md", StringComparison.OrdinalIgnoreCase)).OrderBy(f => f, StringComparer.Ordinal).ToArray()
                : Array.Empty<string>();
            // xunit 2 fails a theory without data: an empty folder gives one case that passes at once.
            if (files.Length == 0) return new[] { new object[] { "" } };
            return files.Select(f => new object[] { Path.GetFileName(f) });
        }

        [Theory]
        [MemberData(nameof(Regressions))]
        public void Finding_ends_in_success_or_Mp4FormatException(string name)
        {
            if (name.Length == 0) return;
            byte[] bytes = File.ReadAllBytes(Path.Combine(RegressionFolder(), name));

            // Any exception but Mp4FormatException escapes FuzzTarget.Run and fails the test with its stack trace.
            Task<FuzzOutcome> run = Task.Run(() => FuzzTarget.Run(new MemoryStream(bytes, writable: false)));
            Assert.True(run.Wait(Limit), $"{name}: the harness did not finish within {Limit.TotalSeconds} s (a hang)");
            Assert.All(run.Result.Errors, error => Assert.IsType<Mp4FormatException>(error));
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
        public void Many_rap_sample_groups_are_looked_up_without_a_scan_per_sample()
        {
            // Found by review: each sample scanned every 'rap ' run, so 200,000 samples and 50,000 runs
            // (a 400 KB file) took seconds; the groups are now read in step with the samples, as ffmpeg reads them.
            const int samples = 200_000, groups = 50_000;
            byte[] runs = new byte[groups * 8];
            for (int i = 0; i < groups; i++) runs[i * 8 + 3] = runs[i * 8 + 7] = 1;
            byte[] sbgp = FullBox("sbgp", 0, 0, Ascii("rap "), U32(groups), runs);
            byte[] bytes = Movie(1000, TrakWithCodec(1, 30, "vide", "mp4v", null,
                Stts((samples, 1)), Stss(1), Stsc((1, samples, 1)), StszConstant(1, samples), Stco(0), sbgp));
            var watch = System.Diagnostics.Stopwatch.StartNew();
            using Mp4Movie movie = Open(bytes);
            Assert.Equal(samples, movie.ReadSampleTimings(movie.Tracks[0], TimingConvention.Ffmpeg).Count());
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"the ffmpeg model took {watch.Elapsed.TotalSeconds:0.0} s");
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
