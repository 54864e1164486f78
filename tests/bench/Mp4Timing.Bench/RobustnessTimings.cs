using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using Mp4Timing.Fuzz;
using Mp4Timing.Tests.Support;

namespace Mp4Timing.Bench
{
    /// <summary>
    /// How long the hostile inputs take that the tests only guard against hanging: every fuzzing
    /// regression (tests/fuzz/regressions) through the fuzzing harness, and the review findings built in
    /// code. Prints one CSV line per input: name, bytes, best milliseconds of the runs.
    /// </summary>
    internal static class RobustnessTimings
    {
        public static int Run(string regressionFolder, int runs)
        {
            var inputs = Directory.GetFiles(regressionFolder)
                .Where(f => !f.EndsWith(".md", StringComparison.OrdinalIgnoreCase))
                .OrderBy(f => f, StringComparer.Ordinal)
                .Select(f => (Name: Path.GetFileName(f), Bytes: File.ReadAllBytes(f)))
                .ToList();
            inputs.Add(("review: many 'rap ' sample groups", ReviewFindings.ManyRapSampleGroups(out _)));

            Console.WriteLine("Input,Bytes,BestMs");
            foreach (var (name, bytes) in inputs)
            {
                FuzzTarget.Run(new MemoryStream(bytes, writable: false));
                var times = new List<double>();
                for (int i = 0; i < runs; i++)
                {
                    var watch = Stopwatch.StartNew();
                    FuzzTarget.Run(new MemoryStream(bytes, writable: false));
                    times.Add(watch.Elapsed.TotalMilliseconds);
                }
                Console.WriteLine(string.Join(",", "\"" + name + "\"", bytes.Length.ToString(CultureInfo.InvariantCulture),
                    times.Min().ToString("F1", CultureInfo.InvariantCulture)));
            }
            return 0;
        }
    }
}
