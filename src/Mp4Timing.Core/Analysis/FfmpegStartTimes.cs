using System;
using System.Collections.Generic;
using System.IO;
using Mp4Timing.Ffmpeg;

namespace Mp4Timing.Analysis
{
    /// <summary>
    /// The start_time one version of ffprobe reports for each stream of one file, from the ffmpeg model of that version
    /// (<see cref="FfmpegMovieModel"/>). The model holds every track's index in memory, as ffmpeg does, so
    /// it is built only when a start time is first asked for: the file (with its init segment) is opened
    /// again then, the start times are kept and the model is let go. A movie read from a stream cannot be
    /// opened again: its own model is used, so the start times are there while that movie is open.
    /// Shared by the TrackInfo objects of a file.
    /// </summary>
    internal sealed class FfmpegStartTimes
    {
        private readonly object _gate = new object();
        private readonly string? _path;
        private readonly string? _initPath;
        private Mp4Movie? _stream;
        private Dictionary<uint, double?>? _starts;

        private FfmpegStartTimes(string? path, string? initPath, Mp4Movie? stream, Version version)
        {
            _path = path;
            _initPath = initPath;
            _stream = stream;
            Version = version;
        }

        /// <summary>The modelled ffmpeg version whose start times these are (5.1, 6.1, 9.0).</summary>
        public Version Version { get; }

        /// <summary>
        /// The start times of <paramref name="movie"/>'s tracks as <paramref name="ffmpegVersion"/> gives them (the newest modelled
        /// version at or below it; 5.1 when null), computed on first use.
        /// </summary>
        public static FfmpegStartTimes For(Mp4Movie movie, Version? ffmpegVersion = null)
        {
            Version version = FfmpegVersions.Resolve(ffmpegVersion ?? FfmpegVersions.Default);
            return movie.IsFile && movie.Path is not null
                ? new FfmpegStartTimes(movie.Path, movie.InitSegmentPath, null, version)
                : new FfmpegStartTimes(null, null, movie, version);
        }

        /// <summary>The stream's start_time in seconds, or null when the model gives none.</summary>
        public double? For(uint trackId)
        {
            lock (_gate)
            {
                _starts ??= Load();
                return _starts.TryGetValue(trackId, out double? start) ? start : null;
            }
        }

        private Dictionary<uint, double?> Load()
        {
            try
            {
                if (_stream is not null) return Compute(_stream, Version);
                using Mp4Movie movie = Reopen(_path!, _initPath);
                return Compute(movie, Version);
            }
            catch (Exception error) when (error is Mp4FormatException or IOException or UnauthorizedAccessException or ObjectDisposedException)
            {
                // The file changed or went away since it was read, the stream was closed, or the model cannot take it: no start time.
                return new Dictionary<uint, double?>();
            }
            finally
            {
                _stream = null;
            }
        }

        private static Dictionary<uint, double?> Compute(Mp4Movie movie, Version version)
        {
            var starts = new Dictionary<uint, double?>();
            try
            {
                foreach (FfmpegTrackResult result in movie.FfmpegModel(version).Tracks)
                {
                    starts[result.Track.TrackId] = result.StartTime is long ticks ? (double)ticks / result.TimeBase : (double?)null;
                }
            }
            catch (Mp4FormatException)
            {
                // A file the model cannot index (its tables claim more than it holds): no start times.
            }
            return starts;
        }

        private static Mp4Movie Reopen(string path, string? initPath)
        {
            if (initPath is null) return Mp4Movie.Open(path);
            using Mp4Movie init = Mp4Movie.Open(initPath);
            return Mp4Movie.Open(path, null, init);
        }
    }
}
