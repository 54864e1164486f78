using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Management.Automation;
using Mp4Timing;
using Mp4Timing.Report;

namespace Mp4Timing.Commands
{
    /// <summary>
    /// <para type="synopsis">Draws the timelines of MP4 / QuickTime files as a self-contained HTML page: every sample in decode and presentation order, picture types, the edit list, ffmpeg's view, bit rate, sync intervals and the timing rules' findings, on one time axis.</para>
    /// </summary>
    [Cmdlet(VerbsData.Export, "Mp4Timeline", DefaultParameterSetName = PathSet, SupportsShouldProcess = true)]
    [OutputType(typeof(TimelineExport))]
    public sealed class ExportMp4TimelineCommand : Mp4TrackCmdletBase
    {
        /// <summary>The pages this command has written, so that two files never write the same page (file names on Windows ignore case).</summary>
        private readonly HashSet<string> _written = new HashSet<string>(
            System.Runtime.InteropServices.RuntimeInformation.IsOSPlatform(System.Runtime.InteropServices.OSPlatform.Windows) ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);

        /// <summary>The timing rules whose findings the pages show (-Settings, else Test-Mp4Timing's default rules).</summary>
        private TimingRuleSet _rules = null!;

        private Version? _ffmpegVersion;

        /// <summary>
        /// The page to write. Default: &lt;name&gt;.timeline.html in the current folder. A folder puts each page in it under
        /// that name; a file name is for one input file.
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? OutFile { get; set; }

        /// <summary>Where the window starts on the presentation timeline, in seconds (default: the earliest time of any sample, at most 0).</summary>
        [Parameter]
        public double Start { get; set; }

        /// <summary>How long the window lasts, in seconds (default: to the end of the last track).</summary>
        [Parameter]
        [ValidateRange(0.000001, 1e9)]
        public double Duration { get; set; }

        /// <summary>Replace a page that is already there.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Open each page with the system's handler for HTML files (the default browser) once written.</summary>
        [Parameter]
        public SwitchParameter Show { get; set; }

        /// <summary>Write an object for each page: the file, the page, its tracks and findings.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>
        /// The timing rules whose findings the page shows, as Test-Mp4Timing -Settings takes them: a settings hashtable, or the path
        /// of a .psd1 file that holds one (IncludeRules, ExcludeRules, Severity, and Rules with each rule's settings). Default: the
        /// rules Test-Mp4Timing runs by default, with their default settings.
        /// </summary>
        [Parameter]
        [ValidateNotNull]
        public object? Settings { get; set; }

        /// <summary>
        /// The ffmpeg whose view the page shows: its D flags, pts, dts and start_time (5.1, 6.1, 9.0; another version uses the
        /// newest modelled one at or below it). Default 5.1.
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(FfmpegVersionCompleter))]
        public string? FfmpegVersion { get; set; }

        /// <inheritdoc />
        protected override void BeginProcessing()
        {
            if (MyInvocation.BoundParameters.ContainsKey(nameof(Start)) && (double.IsNaN(Start) || double.IsInfinity(Start)))
            {
                ThrowTerminatingError(new ErrorRecord(new ArgumentException("-Start must be a number of seconds."), "InvalidStart", ErrorCategory.InvalidArgument, Start));
            }
            _ffmpegVersion = ParseFfmpegVersion(FfmpegVersion);
            _rules = TimingRulesArgument.Create(this, settings: Settings);
            WriteVerbose($"Rules: {string.Join(", ", _rules.Rules.Select(r => r.Name))}.");
            base.BeginProcessing();
        }

        /// <inheritdoc />
        protected override void ProcessFile(string path)
        {
            string page = PagePath(path);
            if (_written.Contains(page))
            {
                WriteError(new ErrorRecord(new IOException($"'{page}' was written for another file by this command; give each file its own -OutFile, or a folder."),
                    "OutFileUsedTwice", ErrorCategory.ResourceExists, page));
                return;
            }
            if (Directory.Exists(page))
            {
                WriteError(new ErrorRecord(new IOException($"'{page}' is a folder."), "OutFileIsDirectory", ErrorCategory.InvalidArgument, page));
                return;
            }
            if (File.Exists(page) && !Force)
            {
                WriteError(new ErrorRecord(new IOException($"'{page}' already exists; add -Force to replace it."), "OutFileExists", ErrorCategory.ResourceExists, page)
                {
                    ErrorDetails = new ErrorDetails($"The timeline page of '{path}' was not written: '{page}' already exists. Add -Force to replace it, or give another -OutFile."),
                });
                return;
            }
            if (!ShouldProcess(page, $"Write the timeline page of '{path}'")) return;

            // Each pass over the samples meets the same non-fatal problems: each is reported once.
            var reported = new HashSet<string>(StringComparer.Ordinal);
            void ReportOnce(Mp4FormatException error)
            {
                if (reported.Add(error.Message)) WriteFormatError(error, path);
            }

            using Mp4Movie movie = OpenMovie(path, ReportOnce);
            var tracks = SelectTracks(movie, path).ToList();
            if (tracks.Count == 0)
            {
                WriteWarning($"{path}: no track to draw" + (TrackId is null && Kind is null ? "." : " matches -TrackId and -Kind.") + " No page was written.");
                return;
            }

            var progress = new ProgressThrottle(this, 1, $"Export-Mp4Timeline {System.IO.Path.GetFileName(path)}");
            var options = new TimelineOptions { Progress = progress.Report, FfmpegVersion = _ffmpegVersion };
            if (MyInvocation.BoundParameters.ContainsKey(nameof(Start))) options.Start = Start;
            if (MyInvocation.BoundParameters.ContainsKey(nameof(Duration))) options.Duration = Duration;

            TimelineExport export;
            try
            {
                // What Test-Mp4Timing writes for these tracks, read from a copy of the reading state: the page's own reading
                // of a media segment starts where the segment does, and moves the state on to the next. The same pass gives the
                // page its tracks' summaries. A page of a file the rules find nothing in has no findings section.
                var summaries = new List<TrackInfo>();
                IReadOnlyList<TimingFinding> findings = TimingRulesArgument.Check(_rules, movie, tracks, ReadState.Copy(), ReportOnce, progress, "Timing rules, track", summaries, _ffmpegVersion);
                try
                {
                    export = TimelinePage.Export(movie, tracks, page, options, findings.Count > 0 ? findings : null, ReadState, ReportOnce, summaries);
                }
                catch (Exception error) when (error is IOException or UnauthorizedAccessException)
                {
                    WriteError(new ErrorRecord(error, "OutFileNotWritten", ErrorCategory.WriteError, page));
                    return;
                }
            }
            finally
            {
                progress.Complete();
            }
            _written.Add(page);
            WriteVerbose(FormattableString.Invariant(
                $"{path}: {page} written ({export.Size:N0} bytes; {export.Tracks.Count} track(s), {export.Samples:N0} samples in the window from {export.Start:0.####} s for {export.Duration:0.####} s; {export.Findings.Count} finding(s)") +
                (export.IsAggregated ? "; a track with more samples than are drawn one by one is drawn per pixel column)." : ")."));
            foreach (Mp4Track track in tracks.Where(t => export.Tracks.FirstOrDefault(i => i.TrackId == t.TrackId) is { SampleCount: 0, ReadError: null }))
            {
                WarnNoSamples(movie, path, track.TrackId);
            }
            if (Show) Open(page);
            if (PassThru) WriteObject(export);
        }

        /// <summary>Where the page of <paramref name="path"/> goes: -OutFile (a file, or a folder to put it in), else the current folder.</summary>
        private string PagePath(string path)
        {
            string name = System.IO.Path.GetFileNameWithoutExtension(path) + ".timeline.html";
            if (OutFile is null) return System.IO.Path.Combine(SessionState.Path.CurrentFileSystemLocation.ProviderPath, name);
            string given = SessionState.Path.GetUnresolvedProviderPathFromPSPath(OutFile);
            return Directory.Exists(given) ? System.IO.Path.Combine(given, name) : given;
        }

        /// <summary>Opens the page with the system's handler for .html files; a system without one gets a warning.</summary>
        private void Open(string page)
        {
            try
            {
                using Process? process = Process.Start(new ProcessStartInfo(page) { UseShellExecute = true });
            }
            catch (Exception error) when (error is Win32Exception or InvalidOperationException or PlatformNotSupportedException or FileNotFoundException)
            {
                WriteWarning($"Cannot open '{page}' ({error.Message}); open it in a browser.");
            }
        }
    }
}
