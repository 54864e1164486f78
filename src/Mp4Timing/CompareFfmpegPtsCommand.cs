using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using Mp4Timing;
using Mp4Timing.Ffmpeg;

namespace Mp4Timing.Commands
{
    /// <summary>
    /// <para type="synopsis">Compares ffmpeg's timestamps (a live ffprobe run, a saved ffprobe JSON or a showinfo log) with Mp4Timing's model and explains every difference.</para>
    /// </summary>
    [Cmdlet(VerbsData.Compare, "FfmpegPts", DefaultParameterSetName = PathSet)]
    [OutputType(typeof(PtsComparison), typeof(PtsComparisonSummary))]
    public sealed class CompareFfmpegPtsCommand : Mp4TrackCmdletBase
    {
        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();
        private string? _ffprobe;
        private FfmpegView? _saved;
        private int _files;
        private Version? _ffmpegVersion;

        /// <summary>The ffprobe to run: a path, or a program name found on PATH (default: ffprobe on PATH).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? FfprobePath { get; set; }

        /// <summary>A saved 'ffprobe -show_packets -show_streams -of json' (or -show_frames) output for the file, instead of running ffprobe.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? FfprobeOutput { get; set; }

        /// <summary>A saved 'ffmpeg -i file -vf showinfo [-af ashowinfo] -f null - 2> log' (the filters log to standard error) for the file, instead of running ffprobe.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ShowInfoLog { get; set; }

        /// <summary>Compare decoded frames (ffprobe -show_frames, presentation order, like showinfo) instead of packets.</summary>
        [Parameter]
        public SwitchParameter Frames { get; set; }

        /// <summary>One summary per track, with an explanation, instead of one row per packet or frame.</summary>
        [Parameter]
        public SwitchParameter Summary { get; set; }

        /// <summary>
        /// The ffmpeg version to model (5.1, 6.1, 9.0; another version uses the newest modelled one at or below it).
        /// Default: the version of the ffprobe that reported (its libavformat), else 5.1.
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(FfmpegVersionCompleter))]
        public string? FfmpegVersion { get; set; }

        /// <summary>Seconds ffprobe may run before it is stopped (default 600).</summary>
        [Parameter]
        [ValidateRange(1, 86400)]
        public int TimeoutSec { get; set; } = 600;

        /// <inheritdoc />
        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            _ffmpegVersion = ParseFfmpegVersion(FfmpegVersion);
            if (FfprobeOutput is not null && ShowInfoLog is not null)
            {
                ThrowTerminatingError(new ErrorRecord(new ArgumentException("Give either -FfprobeOutput or -ShowInfoLog, not both."),
                    "ConflictingSources", ErrorCategory.InvalidArgument, null));
            }
            if (FfprobeOutput is not null || ShowInfoLog is not null)
            {
                string saved = SessionState.Path.GetUnresolvedProviderPathFromPSPath(FfprobeOutput ?? ShowInfoLog!);
                try
                {
                    using var text = new StreamReader(saved);
                    _saved = ShowInfoLog is not null ? FfmpegView.FromShowInfoLog(text, saved) : FfmpegView.FromFfprobeJson(text, saved);
                }
                catch (Exception error) when (error is IOException or UnauthorizedAccessException or InvalidDataException)
                {
                    ThrowTerminatingError(new ErrorRecord(error, "SavedOutputNotReadable", ErrorCategory.ReadError, saved)
                    {
                        ErrorDetails = new ErrorDetails($"Cannot read '{saved}': {error.Message}"),
                    });
                }
                if (_saved!.Source == FfmpegSource.ShowInfo && _saved.Entries.Count == 0)
                {
                    ThrowTerminatingError(new ErrorRecord(new InvalidDataException(
                            $"'{_saved.Description}' holds no showinfo or ashowinfo frame line. ffmpeg writes them to its standard error, so save that: " +
                            "ffmpeg -i file.mp4 -vf showinfo -af ashowinfo -f null - 2> showinfo.log (with '>' the lines stay on the screen and the file gets nothing)."),
                        "NoShowInfoLines", ErrorCategory.InvalidData, saved));
                }
                if (_saved.Source == FfmpegSource.Frames) Frames = true;
                return;
            }
            _ffprobe = FfprobePath is null ? FfprobeRunner.FindOnPath()
                : FfprobePath.IndexOfAny(new[] { '/', '\\' }) < 0 && !File.Exists(SessionState.Path.GetUnresolvedProviderPathFromPSPath(FfprobePath))
                    ? FfprobeRunner.FindOnPath(FfprobePath) ?? SessionState.Path.GetUnresolvedProviderPathFromPSPath(FfprobePath)
                    : SessionState.Path.GetUnresolvedProviderPathFromPSPath(FfprobePath);
            if (_ffprobe is null)
            {
                ThrowTerminatingError(new ErrorRecord(new FileNotFoundException(
                        "ffprobe was not found on PATH. Install ffmpeg (it provides ffprobe: 'apt-get install ffmpeg', 'winget install ffmpeg', 'brew install ffmpeg'), " +
                        "pass -FfprobePath, or compare with a saved run: -FfprobeOutput (ffprobe -show_packets -show_streams -of json) or -ShowInfoLog (ffmpeg -i file -vf showinfo -f null -)."),
                    "FfprobeNotFound", ErrorCategory.ObjectNotFound, "ffprobe"));
            }
        }

        /// <inheritdoc />
        protected override void ProcessFile(string path)
        {
            if (_saved is not null && ++_files > 1)
            {
                WriteError(new ErrorRecord(new InvalidOperationException($"The saved output '{_saved.Description}' describes one file; '{path}' was not compared."),
                    "SavedOutputForOneFile", ErrorCategory.InvalidArgument, path));
                return;
            }
            using Mp4Movie movie = OpenMovie(path);
            FfmpegView? view = _saved ?? RunFfprobe(path, movie);
            if (view is null) return;
            FfmpegVersionChoice version = FfmpegVersionChoice.Choose(_ffmpegVersion, view.Libavformat);
            WriteVerbose($"{path}: {version.Describe()}");
            if (version.UnmodelledNote is not null) WriteVerbose($"{path}: {version.UnmodelledNote}");

            // Cover pictures first, as ffprobe lists their packets before any packet of the tracks.
            if ((TrackId is null || TrackId.Contains(0)) && view.Source == FfmpegSource.Packets)
            {
                foreach (TrackComparison pictures in PtsComparer.CompareAttachedPictures(movie, view, version))
                {
                    WriteVerbose($"{path}: comparing attached picture (stream {pictures.Summary.StreamIndex}) with {view.Source} from {view.Description}");
                    Write(pictures);
                }
            }
            var compared = Compared(movie, view, path).ToList();
            var progress = new ProgressRecord(1, "Compare-FfmpegPts", $"Comparing {System.IO.Path.GetFileName(path)}");
            for (int i = 0; i < compared.Count; i++)
            {
                (Mp4Track track, ShowInfoSource? source) = compared[i];
                WriteVerbose($"{path}: comparing {track} with {view.Source} from {view.Description}" + (source is null ? "" : $" ({source.Reason})"));
                progress.StatusDescription = $"Track {track.TrackId} ({track.Handler} {track.Codec}): {i + 1} of {compared.Count}";
                progress.PercentComplete = 100 * i / compared.Count;
                WriteProgress(progress);
                TrackComparison comparison;
                try
                {
                    comparison = PtsComparer.Compare(movie, track, view, version, source);
                }
                catch (Mp4FormatException error)
                {
                    WriteFormatError(error, path);
                    continue;
                }
                Write(comparison);
            }
            progress.RecordType = ProgressRecordType.Completed;
            WriteProgress(progress);
        }

        /// <summary>-TrackId 0 names the cover pictures ffmpeg makes streams of: no track, but no error.</summary>
        protected override bool NamesNonTrackStream(int trackId) => trackId == 0;

        private void Write(TrackComparison comparison)
        {
            if (Summary)
            {
                WriteObject(comparison.Summary);
            }
            else
            {
                foreach (PtsComparison row in comparison.Rows) WriteObject(row);
            }
        }

        /// <inheritdoc />
        protected override void StopProcessing() => _stopping.Cancel();

        /// <summary>
        /// Runs ffprobe on the file (a media segment: on a temporary copy of the init segment followed by it, the bytes
        /// ffmpeg needs to read one), with progress: the packets ffprobe has printed against those the model predicts.
        /// </summary>
        private FfmpegView? RunFfprobe(string path, Mp4Movie movie)
        {
            var progress = new ProgressRecord(1, "Compare-FfmpegPts", $"Running ffprobe on {System.IO.Path.GetFileName(path)}") { PercentComplete = -1 };
            WriteProgress(progress);
            string? joined = null;
            try
            {
                string input = path;
                if (movie.InitSegmentPath is not null)
                {
                    joined = Join(movie.InitSegmentPath, path);
                    input = joined;
                    WriteVerbose($"{path}: ffprobe reads a temporary copy of {movie.InitSegmentPath} followed by the segment ({joined})");
                }
                long expected = ExpectedEntries(movie);
                var throttle = new ProgressThrottle(this, progress);
                WriteVerbose(_ffprobe + " " + string.Join(" ", FfprobeRunner.Arguments(input, Frames).Select(FfprobeRunner.Quote)));
                return FfprobeRunner.Run(_ffprobe!, input, Frames, TimeSpan.FromSeconds(TimeoutSec), _stopping.Token,
                    read => throttle.Tick(() => $"ffprobe has printed {read} {(Frames ? "frames" : "packets")}" + (expected > 0 ? $" of about {expected}" : ""),
                        () => expected > 0 ? (double)read / expected : -1));
            }
            catch (FfprobeException error)
            {
                WriteError(new ErrorRecord(error, "FfprobeFailed", ErrorCategory.InvalidResult, path));
                return null;
            }
            finally
            {
                progress.RecordType = ProgressRecordType.Completed;
                WriteProgress(progress);
                if (joined is not null) File.Delete(joined);
            }
        }

        /// <summary>The packets the model predicts for the file (what ffprobe will print, about as many frames); 0 when it cannot tell.</summary>
        private static long ExpectedEntries(Mp4Movie movie)
        {
            try
            {
                return movie.FfmpegPacketCount();
            }
            catch (Mp4FormatException)
            {
                return 0;
            }
        }

        /// <summary>A temporary file holding the init segment, then the media segment.</summary>
        private static string Join(string init, string segment)
        {
            int process = System.Diagnostics.Process.GetCurrentProcess().Id;
            string joined = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"mp4timing-{process}-{Guid.NewGuid():N}.mp4");
            using (FileStream output = File.Create(joined))
            {
                foreach (string part in new[] { init, segment })
                {
                    using FileStream input = Mp4BoxReader.OpenRead(part);
                    input.CopyTo(output);
                }
            }
            return joined;
        }

        /// <summary>
        /// The tracks to compare, each with the showinfo log's frames that are its own (a log: the tracks its stream
        /// mapping decodes, or ffmpeg's default choice; -TrackId compares the log's lines of each named track's kind).
        /// </summary>
        private System.Collections.Generic.IEnumerable<(Mp4Track, ShowInfoSource?)> Compared(Mp4Movie movie, FfmpegView view, string path)
        {
            if (view.Source == FfmpegSource.ShowInfo && TrackId is null && Kind is null)
            {
                var sources = ShowInfoSources.Choose(movie, view);
                if (sources.Count == 0)
                {
                    WriteError(new ErrorRecord(new InvalidOperationException($"{path} has no track for the showinfo log's frames (video or audio) to describe."),
                        "NoTrackForLog", ErrorCategory.InvalidData, path));
                }
                foreach (ShowInfoSource source in sources) yield return (source.Track, source);
                yield break;
            }
            foreach (Mp4Track track in SelectTracks(movie, path))
            {
                if (view.Source == FfmpegSource.ShowInfo)
                {
                    if (track.Kind is TrackKind.Video or TrackKind.Audio) yield return (track, null);
                    continue;
                }
                if (PtsComparer.StreamOf(view, movie, track) is null)
                {
                    WriteVerbose($"{path}: ffmpeg shows no stream for track {track.TrackId}; it is not compared.");
                    continue;
                }
                if (Frames && track.Kind != TrackKind.Video && track.Kind != TrackKind.Audio) continue;
                yield return (track, null);
            }
        }
    }
}
