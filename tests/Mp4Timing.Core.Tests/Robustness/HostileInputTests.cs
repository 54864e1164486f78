using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Mp4Timing.Fuzz;
using Mp4Timing.Tests.Support;
using Xunit.Abstractions;

namespace Mp4Timing.Tests.Robustness
{
    /// <summary>
    /// Thousands of damaged inputs made from the fixtures and the real-world corpus: truncated at every
    /// top-level box boundary and at random points, with random bit flips and lying sizes and counts inside
    /// moov and moof. Each goes through what the fuzzer runs (<see cref="FuzzTarget"/>) and must end in
    /// success or a clean Mp4FormatException, quickly, in bounded memory.
    /// </summary>
    public class HostileInputTests
    {
        private const int Seed = 20261129;
        private static readonly TimeSpan PerInput = TimeSpan.FromSeconds(10);
        private const long MemoryCeiling = 1L << 30;
        private const long MaxSourceBytes = 2 << 20;

        private readonly ITestOutputHelper _output;

        public HostileInputTests(ITestOutputHelper output) => _output = output;

        [Fact]
        public async Task DamagedFilesEndInSuccessOrACleanErrorWithinTimeAndMemory()
        {
            var random = new Random(Seed);
            int inputs = 0, cleanErrors = 0;
            TimeSpan slowest = TimeSpan.Zero;
            string slowestName = "";
            var failures = new List<string>();

            foreach (string source in Sources())
            {
                byte[] original = File.ReadAllBytes(source);
                foreach (var (name, bytes) in Mutations(source, original, random))
                {
                    inputs++;
                    var clock = Stopwatch.StartNew();
                    Task<FuzzOutcome> run = Task.Run(() => FuzzTarget.Run(new MemoryStream(bytes, writable: false)));
                    if (await Task.WhenAny(run, Task.Delay(PerInput)) != run)
                    {
                        failures.Add($"{name}: no result within {PerInput.TotalSeconds} s");
                        continue;
                    }
                    if (run.IsFaulted)
                    {
                        Exception error = run.Exception!.InnerException!;
                        failures.Add($"{name}: {error.GetType().Name}: {error.Message}\n{error.StackTrace}");
                        continue;
                    }
                    FuzzOutcome outcome = await run;
                    cleanErrors += outcome.Errors.Count + outcome.Warnings > 0 ? 1 : 0;
                    if (clock.Elapsed > slowest)
                    {
                        slowest = clock.Elapsed;
                        slowestName = name;
                    }
                }
            }

            long peak = Process.GetCurrentProcess().PeakWorkingSet64;
            _output.WriteLine($"{inputs} damaged inputs, {cleanErrors} reported clean errors, slowest {slowest.TotalMilliseconds:0} ms ({slowestName}), peak working set {peak >> 20} MB");
            foreach (string failure in failures) _output.WriteLine(failure);
            // The fixtures alone (a clean clone, without ../shared) make some 750 inputs; with the corpus, thousands.
            int minimum = TestPaths.Corpus is null ? 500 : 2000;
            Assert.True(inputs >= minimum, $"only {inputs} inputs were made");
            Assert.Empty(failures);
            Assert.True(peak < MemoryCeiling, $"peak working set {peak >> 20} MB");
        }

        /// <summary>The fixtures, and the corpus where it is present (files up to 2 MB).</summary>
        private static IEnumerable<string> Sources()
        {
            var files = new List<string>();
            string fixtures = Path.Combine(TestPaths.Root, "tests", "fixtures");
            files.AddRange(Directory.EnumerateFiles(fixtures, "*", SearchOption.AllDirectories)
                .Where(f => f.EndsWith(".mp4") || f.EndsWith(".m4a") || f.EndsWith(".mov") || f.EndsWith(".m4s")));
            if (TestPaths.Corpus is string corpus)
            {
                files.AddRange(Directory.EnumerateFiles(corpus, "*", SearchOption.AllDirectories));
            }
            return files.Where(f => new FileInfo(f).Length <= MaxSourceBytes).OrderBy(f => f, StringComparer.Ordinal);
        }

        private static IEnumerable<(string Name, byte[] Bytes)> Mutations(string source, byte[] original, Random random)
        {
            string name = Path.GetFileName(source);
            var top = TopLevel(original).ToList();

            // Truncated at every top-level box boundary (and just after each header).
            foreach (var (offset, _, headerEnd, _) in top)
            {
                if (offset > 0) yield return ($"{name} cut at {offset}", original.Take((int)offset).ToArray());
                if (headerEnd < original.Length) yield return ($"{name} cut at {headerEnd}", original.Take((int)headerEnd).ToArray());
            }
            for (int i = 0; i < 3 && original.Length > 1; i++)
            {
                int cut = random.Next(1, original.Length);
                yield return ($"{name} cut at random {cut}", original.Take(cut).ToArray());
            }

            // Damage inside moov and moof: bit flips, lying sizes, lying counts.
            var metadata = top.Where(b => b.Type is "moov" or "moof").ToList();
            if (metadata.Count == 0) metadata = top;
            for (int i = 0; i < 4 && metadata.Count > 0; i++)
            {
                var box = metadata[random.Next(metadata.Count)];
                byte[] copy = (byte[])original.Clone();
                int flips = random.Next(1, 9);
                for (int f = 0; f < flips; f++)
                {
                    long at = box.Offset + random.Next((int)Math.Min(box.Size, int.MaxValue));
                    copy[at] ^= (byte)(1 << random.Next(8));
                }
                yield return ($"{name} {flips} bit flips in {box.Type}@{box.Offset}", copy);
            }
            for (int i = 0; i < 3 && metadata.Count > 0; i++)
            {
                var inner = Inner(original, metadata[random.Next(metadata.Count)]).ToList();
                if (inner.Count == 0) break;
                var (offset, size, _) = inner[random.Next(inner.Count)];
                byte[] copy = (byte[])original.Clone();
                uint lie = LyingValues[random.Next(LyingValues.Length)](size);
                Write32(copy, offset, lie);
                yield return ($"{name} size of box @{offset} set to {lie}", copy);

                copy = (byte[])original.Clone();
                // The 32-bit word after version/flags: entry_count, sample_count, track_ID... of a full box.
                if (offset + 16 <= copy.Length)
                {
                    uint count = LyingValues[random.Next(LyingValues.Length)](size);
                    Write32(copy, offset + 12, count);
                    yield return ($"{name} count of box @{offset} set to {count}", copy);
                }
            }
        }

        private static readonly Func<long, uint>[] LyingValues =
        {
            _ => 0, _ => 1, _ => 7, _ => 0xFFFFFFFF, _ => 0x7FFFFFFF, size => (uint)size + 1, size => (uint)Math.Max(0, size - 1), size => (uint)size * 2,
        };

        private static IEnumerable<(long Offset, long Size, long HeaderEnd, string Type)> TopLevel(byte[] bytes)
        {
            long offset = 0;
            while (offset + 8 <= bytes.Length)
            {
                long size = Read32(bytes, offset);
                string type = System.Text.Encoding.ASCII.GetString(bytes, (int)offset + 4, 4);
                int header = 8;
                if (size == 1 && offset + 16 <= bytes.Length)
                {
                    size = (Read32(bytes, offset + 8) << 32) | Read32(bytes, offset + 12);
                    header = 16;
                }
                else if (size == 0)
                {
                    size = bytes.Length - offset;
                }
                if (size < header) yield break;
                yield return (offset, Math.Min(size, bytes.Length - offset), offset + header, type);
                offset += size;
            }
        }

        /// <summary>Box headers nested in a container, found by a simple walk of the usual containers.</summary>
        private static IEnumerable<(long Offset, long Size, long HeaderEnd)> Inner(byte[] bytes, (long Offset, long Size, long HeaderEnd, string Type) box)
        {
            var pending = new Stack<(long Start, long End)>();
            pending.Push((box.HeaderEnd, box.Offset + box.Size));
            var containers = new HashSet<string> { "moov", "trak", "mdia", "minf", "stbl", "edts", "mvex", "moof", "traf", "udta", "dinf" };
            while (pending.Count > 0)
            {
                var (start, end) = pending.Pop();
                long offset = start;
                while (offset + 8 <= end)
                {
                    long size = Read32(bytes, offset);
                    string type = System.Text.Encoding.ASCII.GetString(bytes, (int)offset + 4, 4);
                    if (size < 8 || offset + size > end) break;
                    yield return (offset, size, offset + 8);
                    if (containers.Contains(type)) pending.Push((offset + 8, offset + size));
                    offset += size;
                }
            }
        }

        private static long Read32(byte[] b, long at) => (long)b[at] << 24 | (long)b[at + 1] << 16 | (long)b[at + 2] << 8 | b[at + 3];

        private static void Write32(byte[] b, long at, uint value)
        {
            b[at] = (byte)(value >> 24);
            b[at + 1] = (byte)(value >> 16);
            b[at + 2] = (byte)(value >> 8);
            b[at + 3] = (byte)value;
        }
    }
}
