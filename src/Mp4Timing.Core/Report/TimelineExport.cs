using System;
using System.Collections.Generic;
using static System.FormattableString;

namespace Mp4Timing
{
    /// <summary>One timeline page written by Export-Mp4Timeline: the file it shows, where it went, and what it holds.</summary>
    public sealed class TimelineExport
    {
        /// <summary>The MP4 file the page shows.</summary>
        public string? Path { get; internal set; }

        /// <summary>The init segment that describes the tracks of a lone media segment, else null.</summary>
        public string? InitSegment { get; internal set; }

        /// <summary>The page (an HTML file); null when the page was written to a stream.</summary>
        public string? OutFile { get; internal set; }

        /// <summary>The summary of each track drawn, as Get-Mp4Track gives it.</summary>
        public IReadOnlyList<TrackInfo> Tracks { get; internal set; } = Array.Empty<TrackInfo>();

        /// <summary>
        /// The ffmpeg whose view the page shows (D flags, pts, dts, start_time) and whose start times the Tracks give: 5.1, 6.1
        /// or 9.0, the newest modelled version at or below -FfmpegVersion.
        /// </summary>
        public string FfmpegVersion { get; internal set; } = "";

        /// <summary>The timing findings marked on the page.</summary>
        public IReadOnlyList<TimingFinding> Findings { get; internal set; } = Array.Empty<TimingFinding>();

        /// <summary>Where the window of the page starts on the presentation timeline, in seconds.</summary>
        public double Start { get; internal set; }

        /// <summary>How long the window lasts, in seconds.</summary>
        public double Duration { get; internal set; }

        /// <summary>The samples of all tracks with a mark in the window (decoded or presented in it).</summary>
        public long Samples { get; internal set; }

        /// <summary>
        /// True when some track has more samples in the window than are drawn one by one: its marks are drawn per pixel
        /// column, each counting the samples in it. Zoom with -Start and -Duration to see every sample.
        /// </summary>
        public bool IsAggregated { get; internal set; }

        /// <summary>The size of the page in bytes.</summary>
        public long Size { get; internal set; }

        /// <inheritdoc />
        public override string ToString() => Invariant($"{OutFile ?? "(page)"}: {Tracks.Count} track(s), {Findings.Count} finding(s)");
    }
}
