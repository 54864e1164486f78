using System;
using System.Linq;
using System.Management.Automation;
using Mp4Timing;
using Mp4Timing.Analysis;

namespace Mp4Timing.Commands
{
    /// <summary>
    /// <para type="synopsis">Gets what each track of MP4 / QuickTime files is and how its timeline looks: codec string, picture or sound, counts, rates, GOP structure, and where it starts once the edit list is applied.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "Mp4Track", DefaultParameterSetName = PathSet)]
    [OutputType(typeof(TrackInfo))]
    public sealed class GetMp4TrackCommand : Mp4TrackCmdletBase
    {
        private Version? _ffmpegVersion;

        /// <summary>
        /// Read the picture headers of every video sample, not only those of the sync samples and the first GOP, to fill
        /// MaxConsecutiveBFrames (it costs what Get-Mp4SampleTiming -PictureType does, so it is opt-in).
        /// </summary>
        [Parameter]
        public SwitchParameter PictureType { get; set; }

        /// <summary>
        /// The ffmpeg whose start_time FfmpegStartTime gives (5.1, 6.1, 9.0; another version uses the newest modelled one at or
        /// below it). Default 5.1.
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(FfmpegVersionCompleter))]
        public string? FfmpegVersion { get; set; }

        /// <inheritdoc />
        protected override void BeginProcessing()
        {
            _ffmpegVersion = ParseFfmpegVersion(FfmpegVersion);
            base.BeginProcessing();
        }

        /// <inheritdoc />
        protected override void ProcessFile(string path)
        {
            using Mp4Movie movie = OpenMovie(path);
            var tracks = SelectTracks(movie, path).ToList();
            foreach (TrackInfo track in TrackAnalysis.Analyze(movie, tracks, ReadState, error => WriteFormatError(error, path), PictureType, _ffmpegVersion))
            {
                WriteVerbose($"{path}: {track}");
                if (track.SampleCount == 0 && track.ReadError is null) WarnNoSamples(movie, path, track.TrackId);
                WriteObject(track);
            }
        }
    }
}
