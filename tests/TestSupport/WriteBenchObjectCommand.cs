using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace Mp4Timing.TestSupport
{
    /// <summary>
    /// The pipeline's floor for Get-Mp4SampleTiming: writes <see cref="Count"/> pre-built objects, so that
    /// <c>Write-BenchObject f | Measure-Object</c> costs only what PowerShell charges per object. The objects
    /// are the real SampleTiming objects of the file, read once through the core and cached by path;
    /// later calls only write them (no parsing, no construction).
    /// </summary>
    [Cmdlet(VerbsCommunications.Write, "BenchObject")]
    [OutputType(typeof(SampleTiming))]
    public sealed class WriteBenchObjectCommand : PSCmdlet
    {
        private static readonly Dictionary<string, SampleTiming[]> Cache = new Dictionary<string, SampleTiming[]>(StringComparer.Ordinal);

        /// <summary>The MP4 file whose samples are the objects (read on the first call only).</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = "";

        /// <summary>How many objects to write; the file's sample count when omitted (cycles when larger).</summary>
        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public int Count { get; set; } = -1;

        /// <inheritdoc />
        protected override void EndProcessing()
        {
            SampleTiming[] items = Load(SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path));
            int count = Count < 0 ? items.Length : Count;
            if (items.Length == 0) return;
            for (int i = 0, j = 0; i < count; i++)
            {
                WriteObject(items[j]);
                if (++j == items.Length) j = 0;
            }
        }

        /// <summary>Forgets every cached file's objects.</summary>
        public static void ClearCache()
        {
            lock (Cache) Cache.Clear();
        }

        private static SampleTiming[] Load(string path)
        {
            lock (Cache)
            {
                if (Cache.TryGetValue(path, out SampleTiming[]? items)) return items;
                using (Mp4Movie movie = Mp4Movie.Open(path))
                {
                    items = movie.Tracks.SelectMany(track => movie.ReadSampleTimings(track)).ToArray();
                }
                Cache[path] = items;
                return items;
            }
        }
    }
}
