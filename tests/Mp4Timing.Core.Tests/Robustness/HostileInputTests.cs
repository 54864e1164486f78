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
    /// Damaged inputs made from the fixtures and the real-world corpus: truncated at every top-level box
    /// boundary and at random points, with random bit flips and lying sizes and counts inside moov and moof.
    /// Each goes through what the fuzzer runs (<see cref="FuzzTarget"/>) and must end in success or a clean
    /// Mp4FormatException, within a hang guard, allocating no more than a bound per input (a lying count
    /// must not turn into a giant allocation).
    /// </summary>
    public class HostileInputTests
    {
        private const int Seed = 20261129;

        /// <summary>A hang guard, far above the slowest input seen (under 1 s); speed is measured by the benchmark.</summary>
        private static readonly TimeSpan PerInput = TimeSpan.FromSeconds(10);

        /// <summary>Bytes one input may allocate in all (the largest seen is about 54 MB: the harness keeps up to 100,000 sample objects per track and convention).</summary>
        private const long AllocationCeiling = 128L << 20;

        private const long MaxSourceBytes = 2 << 20;

        private readonly ITestOutputHelper _output;

        public HostileInputTests(ITestOutputHelper output) => _output = output;

        [Fact]
        public async Task DamagedFixturesEndInSuccessOrACleanErrorEachWithinAHangGuardAndAnAllocationBound()
        {
            string fixtures = Path.Combine(TestPaths.Root, "tests", "fixtures");
            var sources = Directory.EnumerateFiles(fixtures, "*", SearchOption.AllDirectories)
                .Where(f => f.EndsWith(".mp4") || f.EndsWith(".m4a") || f.EndsWith(".mov") || f.EndsWith(".m4s"));
            // The fixtures give about 730 inputs; far fewer would mean the mutations stopped being made.
            await RunDamaged(sources, minimumInputs: 600);
        }

        [SkippableFact]
        public async Task DamagedCorpusFilesEndInSuccessOrACleanErrorEachWithinAHangGuardAndAnAllocationBound()
        {
            Skip.If(TestPaths.Corpus is null, "the shared real-world corpus (../shared/corpus/real) is not beside the checkout");
            // The corpus files up to 2 MB give about 4,600 inputs.
            await RunDamaged(Directory.EnumerateFiles(TestPaths.Corpus!, "*", SearchOption.AllDirectories), minimumInputs: 4000);
        }

        private async Task RunDamaged(IEnumerable<string> files, int minimumInputs)
        {
            var random = new Random(Seed);
            int inputs = 0, cleanErrors = 0;
            TimeSpan slowest = TimeSpan.Zero;
            string slowestName = "", greediestName = "";
            long greediest = 0;
            var failures = new List<string>();

            foreach (string source in files.Where(f => new FileInfo(f).Length <= MaxSourceBytes).OrderBy(f => f, StringComparer.Ordinal))
            {
                byte[] original = File.ReadAllBytes(source);
                foreach (var (name, bytes) in Mutations(source, original, random))
                {
                    inputs++;
                    var clock = Stopwatch.StartNew();
                    (FuzzOutcome Result, long Allocated)? run;
                    try
                    {
                        run = await BoundedRun.Run(() => FuzzTarget.Run(new MemoryStream(bytes, writable: false)), PerInput);
                    }
                    catch (Exception error)
                    {
                        failures.Add($"{name}: {error.GetType().Name}: {error.Message}\n{error.StackTrace}");
                        continue;
                    }
                    if (run is null)
                    {
                        failures.Add($"{name}: no result within {PerInput.TotalSeconds} s");
                        continue;
                    }
                    var (outcome, allocated) = run.Value;
                    cleanErrors += outcome.Errors.Count + outcome.Warnings > 0 ? 1 : 0;
                    if (allocated > AllocationCeiling) failures.Add($"{name}: allocated {allocated >> 20} MB (bound {AllocationCeiling >> 20} MB)");
                    if (allocated > greediest)
                    {
                        greediest = allocated;
                        greediestName = name;
                    }
                    if (clock.Elapsed > slowest)
                    {
                        slowest = clock.Elapsed;
                        slowestName = name;
                    }
                }
            }

            _output.WriteLine($"{inputs} damaged inputs, {cleanErrors} reported clean errors; slowest {slowest.TotalMilliseconds:0} ms ({slowestName}); " +
                $"largest allocation {greediest >> 20} MB ({greediestName})");
            Assert.True(inputs >= minimumInputs, $"only {inputs} inputs were made (at least {minimumInputs} expected)");
            Assert.Empty(failures);
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
