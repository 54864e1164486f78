using System;
using System.Collections.Generic;
using System.IO;
using SharpFuzz;

namespace Mp4Timing.Fuzz
{
    /// <summary>
    /// Entry point of the fuzzing harness.
    ///   (no arguments)          the AFL fork server: afl-fuzz ... -- dotnet Mp4Timing.Fuzz.dll
    ///   --run FILE|DIR...       runs the harness on files, prints the outcome or the escaping exception (triage)
    ///   --strip-mdat OUT FILE.. writes seeds: copies of the files whose mdat payloads are cut away
    ///   --handmade OUT          writes the hand-built seeds
    /// </summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            if (args.Length > 0 && args[0] == "--run") return RunFiles(args[1..]);
            if (args.Length > 1 && args[0] == "--strip-mdat") return SeedWriter.Write(args[1], args[2..]);
            if (args.Length == 2 && args[0] == "--handmade") return HandmadeSeeds.Write(args[1]);
            if (args.Length > 0)
            {
                Console.Error.WriteLine("usage: Mp4Timing.Fuzz [--run FILE|DIR... | --strip-mdat OUTDIR FILE... | --handmade OUTDIR]");
                return 2;
            }

            // Out of process: the fork server survives a timeout (afl kills only the worker process,
            // and records the input as a hang) and restarts the worker.
            Fuzzer.OutOfProcess.Run(stream => FuzzTarget.Run(stream));
            return 0;
        }

        private static int RunFiles(string[] paths)
        {
            int failures = 0;
            foreach (string file in Expand(paths))
            {
                var watch = System.Diagnostics.Stopwatch.StartNew();
                try
                {
                    using FileStream stream = File.OpenRead(file);
                    FuzzOutcome outcome = FuzzTarget.Run(stream);
                    Console.WriteLine($"ok    {file} ({watch.ElapsedMilliseconds} ms): {outcome}");
                }
                catch (Exception error)
                {
                    failures++;
                    Console.WriteLine($"CRASH {file} ({watch.ElapsedMilliseconds} ms): {error}");
                }
            }
            return failures == 0 ? 0 : 1;
        }

        private static IEnumerable<string> Expand(IEnumerable<string> paths)
        {
            foreach (string path in paths)
            {
                if (Directory.Exists(path))
                {
                    string[] files = Directory.GetFiles(path);
                    Array.Sort(files, StringComparer.Ordinal);
                    foreach (string file in files) yield return file;
                }
                else
                {
                    yield return path;
                }
            }
        }
    }
}
