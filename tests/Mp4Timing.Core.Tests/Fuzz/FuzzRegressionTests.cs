using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Mp4Timing.Fuzz;

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
