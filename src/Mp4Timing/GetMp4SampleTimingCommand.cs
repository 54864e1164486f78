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
    public sealed class GetMp4SampleTimingCommand : Mp4TrackCmdletBase
    {
        private Version? _ffmpegVersion;

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

        /// <summary>
        /// Add PictureType (I, P, B...) and PictureKind (IDR, CRA_NUT, KEY_FRAME...) to video samples, read from
        /// their slice and frame headers (the first bytes of each sample, so it is opt-in).
        /// </summary>
        [Parameter]
        public SwitchParameter PictureType { get; set; }

        /// <inheritdoc />
        protected override void BeginProcessing()
        {
            if (FfmpegVersion is not null && Convention != TimingConvention.Ffmpeg)
            {
                ThrowTerminatingError(new ErrorRecord(new ArgumentException("-FfmpegVersion chooses the ffmpeg that -Convention Ffmpeg models; add -Convention Ffmpeg."),
                    "FfmpegVersionWithoutFfmpegConvention", ErrorCategory.InvalidArgument, FfmpegVersion));
            }
            _ffmpegVersion = ParseFfmpegVersion(FfmpegVersion);
            base.BeginProcessing();
        }

        /// <inheritdoc />
        protected override void ProcessFile(string path)
        {
            using Mp4Movie movie = OpenMovie(path);
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
            // Progress is the file's: the samples of every selected track (in moov), or, for fragments, the tracks done
            // and how far into the file the current one has come (each track's fragments span the file).
            var tracks = SelectTracks(movie, path).ToList();
            long total = movie.IsFragmented ? 0 : tracks.Sum(t => t.SampleCount);
            long before = 0;
            for (int index = 0; index < tracks.Count; index++)
            {
                Mp4Track track = tracks[index];
                int done = index;
                long already = before;
                WriteVerbose($"{path}: {track}");
                try
                {
                    IEnumerable<SampleTiming> samples = movie.ReadSampleTimings(track, Convention, ReadState, _ffmpegVersion);
                    if (PictureType) samples = movie.WithPictureTypes(track, samples);
                    if (PresentationOrder)
                    {
                        samples = movie.InPresentationOrder(track, samples, Convention, ReadState, _ffmpegVersion,
                            window => WriteVerbose($"{path}: track {track.TrackId} in presentation order through a window of {window} samples"));
                    }
                    long count = movie.IsFragmented ? 0 : track.SampleCount;
                    long written = 0;
                    foreach (SampleTiming sample in samples)
                    {
                        written++;
                        WriteObject(sample);
                        progress.Tick(
                            () => $"Track {track.TrackId} ({track.Handler} {track.Codec}), {done + 1} of {tracks.Count}: sample {sample.Sample}" + (count > 0 ? $" of {count}" : ""),
                            () => total > 0 ? (double)(already + written) / total
                                : length > 0 ? (done + Math.Min(1.0, (double)sample.Offset / length)) / tracks.Count : -1);
                    }
                    before += written;
                    string? silent = written == 0 && Convention == TimingConvention.Ffmpeg ? movie.FfmpegNoPacketsReason(track, _ffmpegVersion) : null;
                    if (silent is not null) WriteWarning($"{path}: ffmpeg reads no packet of track {track.TrackId}: {silent}.");
                    else if (written == 0) WarnNoSamples(movie, path, track.TrackId);
                }
                catch (Mp4FormatException error)
                {
                    // The samples before the damage were written; the next track still runs.
                    WriteFormatError(error, path);
                }
            }
            progress.Complete();
        }

        /// <summary>-TrackId 0 names the cover pictures ffmpeg makes streams of (-Convention Ffmpeg): no track, but no error.</summary>
        protected override bool NamesNonTrackStream(int trackId) => trackId == 0 && Convention == TimingConvention.Ffmpeg;

        /// <summary>Cover pictures (ffmpeg's attached-picture streams, video, not tracks) go out unless -TrackId leaves out 0 or -Kind leaves out Video.</summary>
        private bool SelectsAttachedPictures() =>
            (TrackId is null || TrackId.Contains(0)) && (Kind is null || Kind.Any(k => string.Equals(k, nameof(TrackKind.Video), StringComparison.OrdinalIgnoreCase)));
    }
}
