using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Mp4Timing;

namespace Mp4Timing.Commands
{
    /// <summary>
    /// <para type="synopsis">Gets the decode, composition and presentation time of every sample of MP4 / QuickTime files.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "Mp4SampleTiming", DefaultParameterSetName = PathSet)]
    [OutputType(typeof(SampleTiming), typeof(FfmpegAttachedPicture))]
    public sealed class GetMp4SampleTimingCommand : Mp4CmdletBase
    {
        private Mp4Movie? _init;
        private SampleReadState _state = new SampleReadState();

        /// <summary>Only these tracks (tkhd track_ID).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(TrackCompleter))]
        public int[]? TrackId { get; set; }

        /// <summary>Only tracks of these kinds (from the handler type): Video, Audio, Subtitle, Text, Metadata, Other.</summary>
        /// <remarks>A string rather than the enum, so that tab completion can offer the kinds the given file has.</remarks>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ValidateTrackKind]
        [ArgumentCompleter(typeof(TrackCompleter))]
        public string[]? Kind { get; set; }

        /// <summary>Iso (default): the edit list as ISO/IEC 14496-12 defines it. Ffmpeg: what ffmpeg reports (5.1, or -FfmpegVersion).</summary>
        [Parameter]
        public TimingConvention Convention { get; set; } = TimingConvention.Iso;

        /// <summary>With -Convention Ffmpeg: the ffmpeg version to model (5.1, 6.1, 9.0; another version uses the newest modelled one at or below it). Default 5.1.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(FfmpegVersionCompleter))]
        public string? FfmpegVersion { get; set; }

        /// <summary>Sort each track's samples by presentation time and number them (PresentationIndex), like showinfo.</summary>
        [Parameter]
        public SwitchParameter PresentationOrder { get; set; }

        /// <summary>The init segment whose moov describes the tracks of lone media segments (.m4s).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? InitSegment { get; set; }

        private Version? _ffmpegVersion;

        /// <inheritdoc />
        protected override void BeginProcessing()
        {
            if (FfmpegVersion is not null && Convention != TimingConvention.Ffmpeg)
            {
                ThrowTerminatingError(new ErrorRecord(new ArgumentException("-FfmpegVersion chooses the ffmpeg that -Convention Ffmpeg models; add -Convention Ffmpeg."),
                    "FfmpegVersionWithoutFfmpegConvention", ErrorCategory.InvalidArgument, FfmpegVersion));
            }
            _ffmpegVersion = ParseFfmpegVersion(FfmpegVersion);
            if (InitSegment is null) return;
            string path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(InitSegment);
            try
            {
                _init = Mp4Movie.Open(path, error => WriteFormatError(error, path));
            }
            catch (Mp4FormatException error)
            {
                ThrowTerminatingError(new ErrorRecord(error, error.ErrorId, ErrorCategory.InvalidData, path));
            }
            catch (System.IO.IOException error)
            {
                ThrowTerminatingError(new ErrorRecord(error, "InitSegmentNotReadable", ErrorCategory.ReadError, path));
            }
            WriteVerbose($"Init segment {path}: {_init!.Tracks.Count} track(s).");
        }

        /// <inheritdoc />
        protected override void ProcessFile(string path)
        {
            using Mp4Movie movie = Mp4Movie.Open(path, error => WriteFormatError(error, path), _init);
            if (_init is null) _state = new SampleReadState();
            long length = new System.IO.FileInfo(path).Length;
            var progress = new ProgressThrottle(this, 1, $"Get-Mp4SampleTiming {System.IO.Path.GetFileName(path)}");
            if (Convention == TimingConvention.Ffmpeg && SelectsAttachedPictures())
            {
                // ffprobe lists the packets of cover pictures before any packet of the tracks.
                foreach (FfmpegAttachedPicture picture in movie.FfmpegAttachedPictures)
                {
                    WriteVerbose($"{path}: {picture}");
                    WriteObject(picture);
                }
            }
            foreach (Mp4Track track in SelectTracks(movie, path))
            {
                WriteVerbose($"{path}: {track}");
                try
                {
                    IEnumerable<SampleTiming> samples = PresentationOrder
                        ? movie.ReadSampleTimingsInPresentationOrder(track, Convention, _state, _ffmpegVersion,
                            window => WriteVerbose($"{path}: track {track.TrackId} in presentation order through a window of {window} samples"))
                        : movie.ReadSampleTimings(track, Convention, _state, _ffmpegVersion);
                    long count = movie.IsFragmented ? 0 : track.SampleCount;
                    long written = 0;
                    foreach (SampleTiming sample in samples)
                    {
                        written++;
                        WriteObject(sample);
                        progress.Tick(
                            () => $"Track {track.TrackId} ({track.Handler} {track.Codec}): sample {sample.Sample}" + (count > 0 ? $" of {count}" : ""),
                            () => count > 0 ? (double)sample.Sample / count : length > 0 ? (double)sample.Offset / length : -1);
                    }
                    string? silent = written == 0 && Convention == TimingConvention.Ffmpeg ? movie.FfmpegNoPacketsReason(track, _ffmpegVersion) : null;
                    if (silent is not null)
                    {
                        WriteWarning($"{path}: ffmpeg reads no packet of track {track.TrackId}: {silent}.");
                    }
                    else if (written == 0)
                    {
                        WriteWarning(movie.IsFragmented && _init is null
                            ? $"{path}: track {track.TrackId} has no samples in moov or in fragments; for an init segment, read its media segments with -InitSegment."
                            : $"{path}: track {track.TrackId} has no samples.");
                    }
                }
                catch (Mp4FormatException error)
                {
                    // The samples before the damage were written; the next track still runs.
                    WriteFormatError(error, path);
                }
            }
            progress.Complete();
        }

        /// <inheritdoc />
        protected override void EndProcessing() => _init?.Dispose();

        /// <inheritdoc />
        protected override void StopProcessing() => _init?.Dispose();

        /// <summary>Cover pictures (ffmpeg's attached-picture streams, video, not tracks) go out unless -TrackId leaves out 0 or -Kind leaves out Video.</summary>
        private bool SelectsAttachedPictures() =>
            (TrackId is null || TrackId.Contains(0)) && (Kind is null || Kind.Any(k => string.Equals(k, nameof(TrackKind.Video), StringComparison.OrdinalIgnoreCase)));

        private IEnumerable<Mp4Track> SelectTracks(Mp4Movie movie, string path)
        {
            if (TrackId is not null)
            {
                foreach (int id in TrackId.Where(id => movie.Tracks.All(t => t.TrackId != id) && !(id == 0 && Convention == TimingConvention.Ffmpeg)))
                {
                    WriteError(new ErrorRecord(new ArgumentException($"{path} has no track {id} (tracks: {string.Join(", ", movie.Tracks.Select(t => t.TrackId))})."),
                        "TrackNotFound", ErrorCategory.ObjectNotFound, id));
                }
            }
            var kinds = Kind?.Select(k => (TrackKind)Enum.Parse(typeof(TrackKind), k, ignoreCase: true)).ToArray();
            return movie.Tracks.Where(t => (TrackId is null || TrackId.Contains((int)t.TrackId)) && (kinds is null || kinds.Contains(t.Kind)));
        }
    }
}
