using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Mp4Timing;

namespace Mp4Timing.Commands
{
    /// <summary>
    /// The shared part of the cmdlets that read tracks: -TrackId and -Kind (validated, tab-completed from the
    /// file already named) and -InitSegment, with which the files read are consecutive media segments of the
    /// init segment's tracks (decode times and sample numbers go on from one to the next).
    /// </summary>
    public abstract class Mp4TrackCmdletBase : Mp4CmdletBase
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

        /// <summary>The init segment whose moov describes the tracks of lone media segments (.m4s).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? InitSegment { get; set; }

        /// <summary>
        /// Where each track's decode time and numbering stand: one state for all the segments of an init
        /// segment, a fresh one for each file otherwise (see <see cref="OpenMovie"/>).
        /// </summary>
        protected SampleReadState ReadState => _state;

        /// <inheritdoc />
        protected override void BeginProcessing()
        {
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

        /// <summary>Opens a file (as a media segment of the init segment, with -InitSegment); a file read alone starts a fresh <see cref="ReadState"/>.</summary>
        protected Mp4Movie OpenMovie(string path)
        {
            Mp4Movie movie = Mp4Movie.Open(path, error => WriteFormatError(error, path), _init);
            if (_init is null) _state = new SampleReadState();
            if (_init is not null && movie.InitSegmentPath is null)
            {
                WriteWarning($"{path} has its own moov: it is read alone, and -InitSegment {_init.Path} is not used for it.");
            }
            else if (movie.InitSegmentMismatch() is string mismatch)
            {
                WriteWarning($"{path} may not belong to -InitSegment {_init!.Path}: {mismatch}" + (mismatch.EndsWith("?", StringComparison.Ordinal) ? "" : "."));
            }
            return movie;
        }

        /// <summary>The tracks of <paramref name="movie"/> that -TrackId and -Kind select; an asked-for track ID the file lacks is a TrackNotFound error.</summary>
        protected IEnumerable<Mp4Track> SelectTracks(Mp4Movie movie, string path)
        {
            if (TrackId is not null)
            {
                foreach (int id in TrackId.Where(id => movie.Tracks.All(t => t.TrackId != id) && !NamesNonTrackStream(id)))
                {
                    WriteError(new ErrorRecord(new ArgumentException($"{path} has no track {id} (tracks: {string.Join(", ", movie.Tracks.Select(t => t.TrackId))})."),
                        "TrackNotFound", ErrorCategory.ObjectNotFound, id));
                }
            }
            var kinds = Kind?.Select(k => (TrackKind)Enum.Parse(typeof(TrackKind), k, ignoreCase: true)).ToArray();
            return movie.Tracks.Where(t => (TrackId is null || TrackId.Contains((int)t.TrackId)) && (kinds is null || kinds.Contains(t.Kind)));
        }

        /// <summary>True when a -TrackId value the file has no track for names something else the cmdlet reads (no TrackNotFound error).</summary>
        protected virtual bool NamesNonTrackStream(int trackId) => false;

        /// <summary>Warns that a track has no samples (and, for an init segment read alone, how to read its media segments).</summary>
        protected void WarnNoSamples(Mp4Movie movie, string path, uint trackId)
        {
            WriteWarning(movie.IsFragmented && _init is null
                ? $"{path}: track {trackId} has no samples in moov or in fragments; for an init segment, read its media segments with -InitSegment."
                : $"{path}: track {trackId} has no samples.");
        }

        /// <inheritdoc />
        protected override void EndProcessing() => _init?.Dispose();

        /// <inheritdoc />
        protected override void StopProcessing() => _init?.Dispose();
    }
}
