using System;
using System.IO;

namespace Mp4Timing.Tests.Support
{
    /// <summary>Where the repository and the shared real-world corpus are.</summary>
    internal static class TestPaths
    {
        /// <summary>The repository root (the folder holding Mp4Timing.sln).</summary>
        public static string Root { get; } = FindRoot();

        /// <summary>The corpus files (../shared/corpus/real beside the checkout, or MP4TIMING_CORPUS/real); null when absent.</summary>
        public static string? Corpus
        {
            get
            {
                string? configured = Environment.GetEnvironmentVariable("MP4TIMING_CORPUS");
                string folder = configured is { Length: > 0 } ? Path.Combine(configured, "real") : Path.Combine(Root, "..", "shared", "corpus", "real");
                return Directory.Exists(folder) ? Path.GetFullPath(folder) : null;
            }
        }

        private static string FindRoot()
        {
            for (string? dir = AppContext.BaseDirectory; dir is not null; dir = Path.GetDirectoryName(dir))
            {
                if (File.Exists(Path.Combine(dir, "Mp4Timing.sln"))) return dir;
            }
            throw new InvalidOperationException("Mp4Timing.sln was not found above " + AppContext.BaseDirectory);
        }
    }
}
