using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Mp4Timing.Timing;

namespace Mp4Timing.Bench
{
    /// <summary>
    /// Usage: Mp4Timing.Bench &lt;progressive.mp4&gt; &lt;fragmented.mp4&gt; &lt;results.csv&gt; [--dry] [--allow-debug] [--filter PATTERN]
    ///    or: Mp4Timing.Bench &lt;progressive.mp4&gt; &lt;fragmented.mp4&gt; --loop METHOD LAYOUT SECONDS (for profilers)
    ///    or: Mp4Timing.Bench --robustness &lt;regressions folder&gt; RUNS (hostile inputs' times, as CSV)
    /// Runs CoreBenchmarks (ShortRun job, in process) and writes one CSV line per case: method, layout,
    /// samples per operation, median ns per operation, samples per second, allocated bytes per operation.
    /// </summary>
    public static class Program
    {
        public static string FileOf(string layout) =>
            Environment.GetEnvironmentVariable(layout == "fragmented" ? "MP4TIMING_BENCH_FRAGMENTED" : "MP4TIMING_BENCH_PROGRESSIVE")
            ?? throw new InvalidOperationException($"Set MP4TIMING_BENCH_{layout.ToUpperInvariant()} to the {layout} file.");

        public static int Main(string[] args)
        {
            if (args.Length == 3 && args[0] == "--robustness") return RobustnessTimings.Run(args[1], int.Parse(args[2], CultureInfo.InvariantCulture));
            int loopAt = Array.IndexOf(args, "--loop");
            if (loopAt >= 2 && loopAt + 3 < args.Length)
            {
                Environment.SetEnvironmentVariable("MP4TIMING_BENCH_PROGRESSIVE", Path.GetFullPath(args[0]));
                Environment.SetEnvironmentVariable("MP4TIMING_BENCH_FRAGMENTED", Path.GetFullPath(args[1]));
                return Loop(args[loopAt + 1], args[loopAt + 2], double.Parse(args[loopAt + 3], CultureInfo.InvariantCulture));
            }
            if (args.Length < 3)
            {
                Console.Error.WriteLine("usage: Mp4Timing.Bench <progressive.mp4> <fragmented.mp4> <results.csv> [--dry] [--allow-debug] [--filter PATTERN]");
                return 2;
            }
            Environment.SetEnvironmentVariable("MP4TIMING_BENCH_PROGRESSIVE", Path.GetFullPath(args[0]));
            Environment.SetEnvironmentVariable("MP4TIMING_BENCH_FRAGMENTED", Path.GetFullPath(args[1]));
            string results = Path.GetFullPath(args[2]);
            bool dry = args.Contains("--dry");
            int filterAt = Array.IndexOf(args, "--filter");
            string? filter = filterAt >= 0 && filterAt + 1 < args.Length ? args[filterAt + 1] : null;

            Job job = (dry ? Job.Dry : Job.ShortRun).WithToolchain(InProcessEmitToolchain.Instance);
            IConfig config = DefaultConfig.Instance
                .AddJob(job)
                .WithArtifactsPath(Path.Combine(Path.GetDirectoryName(results)!, "BenchmarkDotNet.Artifacts"))
                .WithOptions(ConfigOptions.DisableLogFile);
            if (args.Contains("--allow-debug")) config = config.WithOptions(ConfigOptions.DisableOptimizationsValidator);
            if (filter is not null) config = config.AddFilter(new BenchmarkDotNet.Filters.GlobFilter(new[] { filter }));

            Summary summary = BenchmarkRunner.Run<CoreBenchmarks>(config);
            var csv = new StringBuilder("Method,Layout,SamplesPerOp,MeanNs,SamplesPerSecond,AllocatedBytesPerOp\n");
            foreach (BenchmarkReport report in summary.Reports)
            {
                if (report.ResultStatistics is null) continue;
                string method = report.BenchmarkCase.Descriptor.WorkloadMethod.Name;
                string layout = (string)report.BenchmarkCase.Parameters["Layout"];
                long samples = CountSamples(FileOf(layout));
                double meanNs = report.ResultStatistics.Median;
                double perSecond = samples / (meanNs / 1e9);
                long? allocated = report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase);
                csv.AppendLine(string.Join(",", method, layout, samples.ToString(CultureInfo.InvariantCulture),
                    meanNs.ToString("F0", CultureInfo.InvariantCulture), perSecond.ToString("F0", CultureInfo.InvariantCulture),
                    (allocated ?? -1).ToString(CultureInfo.InvariantCulture)));
            }
            File.WriteAllText(results, csv.ToString());
            Console.WriteLine($"Results: {results}");
            return summary.HasCriticalValidationErrors || summary.Reports.Any(r => !r.Success) ? 1 : 0;
        }

        /// <summary>
        /// For profilers (dotnet-trace, perf): runs one benchmark method over and over for a while, without
        /// BenchmarkDotNet, and prints the mean. <c>Mp4Timing.Bench &lt;progressive&gt; &lt;fragmented&gt; --loop RawSamples fragmented 10</c>
        /// </summary>
        private static int Loop(string method, string layout, double seconds)
        {
            var bench = new CoreBenchmarks { Layout = layout };
            var run = (Func<long>)Delegate.CreateDelegate(typeof(Func<long>), bench, typeof(CoreBenchmarks).GetMethod(method)
                ?? throw new ArgumentException($"No benchmark method {method}."));
            bench.Setup();
            run();
            long allocatedBefore = GC.GetTotalAllocatedBytes(true);
            run();
            long allocated = GC.GetTotalAllocatedBytes(true) - allocatedBefore;
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var times = new System.Collections.Generic.List<double>();
            while (watch.Elapsed.TotalSeconds < seconds)
            {
                long start = System.Diagnostics.Stopwatch.GetTimestamp();
                run();
                times.Add((System.Diagnostics.Stopwatch.GetTimestamp() - start) * 1000.0 / System.Diagnostics.Stopwatch.Frequency);
            }
            bench.Cleanup();
            times.Sort();
            Console.WriteLine($"{method} {layout}: {times.Count} operations, min {times[0]:F2} ms, median {times[times.Count / 2]:F2} ms, mean {times.Average():F2} ms, {allocated:N0} bytes allocated per operation");
            return 0;
        }

        private static long CountSamples(string path)
        {
            using Mp4Movie movie = Mp4Movie.Open(path);
            long count = 0;
            foreach (Mp4Track track in movie.Tracks)
            {
                foreach (RawSample _ in movie.ReadRawSamples(track, null)) count++;
            }
            return count;
        }
    }
}
