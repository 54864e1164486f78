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
    public sealed class CompareFfmpegPtsCommand : Mp4CmdletBase
    {
        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();
        private string? _ffprobe;
        private FfmpegView? _saved;
        private int _files;
        private Version? _ffmpegVersion;

        /// <summary>Only these tracks (tkhd track_ID).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(TrackCompleter))]
        public int[]? TrackId { get; set; }

        /// <summary>The ffprobe to run: a path, or a program name found on PATH (default: ffprobe on PATH).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? FfprobePath { get; set; }

        /// <summary>A saved 'ffprobe -show_packets -show_streams -of json' (or -show_frames) output for the file, instead of running ffprobe.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? FfprobeOutput { get; set; }

        /// <summary>A saved 'ffmpeg -i file -vf showinfo -f null -' log for the file, instead of running ffprobe.</summary>
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
                if (_saved!.Source == FfmpegSource.Frames) Frames = true;
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
            using Mp4Movie movie = Mp4Movie.Open(path, error => WriteFormatError(error, path));
            FfmpegView? view = _saved ?? RunFfprobe(path);
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
            foreach (Mp4Track track in SelectTracks(movie, view, path))
            {
                WriteVerbose($"{path}: comparing {track} with {view.Source} from {view.Description}");
                TrackComparison comparison;
                try
                {
                    comparison = PtsComparer.Compare(movie, track, view, version);
                }
                catch (Mp4FormatException error)
                {
                    WriteFormatError(error, path);
                    continue;
                }
                Write(comparison);
            }
        }

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

        private FfmpegView? RunFfprobe(string path)
        {
            var progress = new ProgressRecord(1, "Compare-FfmpegPts", $"Running ffprobe on {System.IO.Path.GetFileName(path)}") { PercentComplete = -1 };
            WriteProgress(progress);
            try
            {
                WriteVerbose(_ffprobe + " " + string.Join(" ", FfprobeRunner.Arguments(path, Frames).Select(FfprobeRunner.Quote)));
                return FfprobeRunner.Run(_ffprobe!, path, Frames, TimeSpan.FromSeconds(TimeoutSec), _stopping.Token);
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
            }
        }

        private System.Collections.Generic.IEnumerable<Mp4Track> SelectTracks(Mp4Movie movie, FfmpegView view, string path)
        {
            if (TrackId is not null)
            {
                foreach (int id in TrackId.Where(id => id != 0 || movie.Tracks.Any(t => t.TrackId == 0)))
                {
                    Mp4Track? track = movie.Tracks.FirstOrDefault(t => t.TrackId == id);
                    if (track is null)
                    {
                        WriteError(new ErrorRecord(new ArgumentException($"{path} has no track {id} (tracks: {string.Join(", ", movie.Tracks.Select(t => t.TrackId))})."),
                            "TrackNotFound", ErrorCategory.ObjectNotFound, id));
                        continue;
                    }
                    yield return track;
                }
                yield break;
            }
            if (view.Source == FfmpegSource.ShowInfo)
            {
                Mp4Track? video = PtsComparer.DefaultVideoTrack(movie);
                if (video is null)
                {
                    WriteError(new ErrorRecord(new InvalidOperationException($"{path} has no video track for the showinfo log to describe."),
                        "NoVideoTrack", ErrorCategory.InvalidData, path));
                    yield break;
                }
                yield return video;
                yield break;
            }
            foreach (Mp4Track track in movie.Tracks)
            {
                if (PtsComparer.StreamOf(view, movie, track) is null)
                {
                    WriteVerbose($"{path}: ffmpeg shows no stream for track {track.TrackId}; it is not compared.");
                    continue;
                }
                if (Frames && track.Kind != TrackKind.Video && track.Kind != TrackKind.Audio) continue;
                yield return track;
            }
        }
    }
}
