using System;
using System.Collections.Generic;
using System.Linq;
using Mp4Timing.Ffmpeg;

namespace Mp4Timing.Analysis
{
    /// <summary>Track summaries (<see cref="TrackInfo"/>) of an open movie.</summary>
    public static class TrackAnalysis
    {
        /// <summary>
        /// One <see cref="TrackInfo"/> per track of <paramref name="tracks"/> (all tracks when null), in that order.
        /// Each track's samples are read once, in place. DelayRelativeToVideo needs the first video track (in
        /// trak order): it is read too when not asked for. Pass the same <paramref name="state"/> for media
        /// segments read in order (decode times go on from one to the next). Damage met while reading a track's
        /// samples goes to <paramref name="onError"/>; its TrackInfo then describes the samples before it. FfmpegStartTime is
        /// what <paramref name="ffmpegVersion"/> reports (the newest modelled version at or below it; 5.1 when null).
        /// </summary>
        /// <remarks>
        /// For the GOP structure of video tracks the headers of the sync samples and of the first GOP are read (a few KB
        /// each); with <paramref name="everyPicture"/> every video sample's are, for MaxConsecutiveBFrames, which costs
        /// what Get-Mp4SampleTiming -PictureType does.
        /// </remarks>
        public static IEnumerable<TrackInfo> Analyze(Mp4Movie movie, IEnumerable<Mp4Track>? tracks = null, SampleReadState? state = null,
            Action<Mp4FormatException>? onError = null, bool everyPicture = false, Version? ffmpegVersion = null)
        {
            if (movie is null) throw new ArgumentNullException(nameof(movie));
            PictureReading reading = everyPicture ? PictureReading.EverySample : PictureReading.SyncSamples;
            return Analyze(movie, (tracks ?? movie.Tracks).ToList(), state, reading, onError ?? (_ => { }), new Dictionary<uint, TrackInfo>(),
                FfmpegStartTimes.For(movie, ffmpegVersion));
        }

        /// <summary>
        /// As <see cref="Analyze(Mp4Movie, IEnumerable{Mp4Track}?, SampleReadState?, Action{Mp4FormatException}?, bool, Version?)"/>, but the
        /// tracks summarised in <paramref name="read"/> already (by the timing rules' pass, <see cref="TimingRuleSet.Check"/>) are
        /// not read again: their summaries are given, with DelayRelativeToVideo set. They were made with the start times of
        /// <paramref name="ffmpegVersion"/>, which the others get too.
        /// </summary>
        internal static IEnumerable<TrackInfo> Analyze(Mp4Movie movie, IReadOnlyList<Mp4Track> tracks, SampleReadState? state,
            Action<Mp4FormatException> onError, IEnumerable<TrackInfo> read, Version? ffmpegVersion)
        {
            var given = read.ToDictionary(info => info.TrackId);
            // The summaries of a file share one model of ffmpeg's start times, built when first asked for.
            Version version = FfmpegVersions.Resolve(ffmpegVersion ?? FfmpegVersions.Default);
            FfmpegStartTimes ffmpeg = given.Values.Select(info => info.FfmpegStartTimes).FirstOrDefault(f => f is not null && f.Version == version)
                ?? FfmpegStartTimes.For(movie, version);
            return Analyze(movie, tracks, state, PictureReading.SyncSamples, onError, given, ffmpeg);
        }

        private static IEnumerable<TrackInfo> Analyze(Mp4Movie movie, IReadOnlyList<Mp4Track> wanted, SampleReadState? state, PictureReading reading,
            Action<Mp4FormatException> report, IReadOnlyDictionary<uint, TrackInfo> read, FfmpegStartTimes ffmpeg)
        {
            TrackInfo Summary(Mp4Track track) =>
                read.TryGetValue(track.TrackId, out TrackInfo? info) ? info : TrackAnalyzer.Analyze(movie, track, state, ffmpeg, reading, report);

            Mp4Track? video = FirstVideoTrack(movie);
            TrackInfo? videoInfo = null;
            if (video is not null)
            {
                // Read with the others when it is asked for; alone (its errors unreported, no picture header read) when it is only the reference.
                videoInfo = wanted.Contains(video)
                    ? Summary(video)
                    : TrackAnalyzer.Analyze(movie, video, state, ffmpeg, PictureReading.None, _ => { });
            }

            foreach (Mp4Track track in wanted)
            {
                TrackInfo info = ReferenceEquals(track, video) ? videoInfo! : Summary(track);
                if (!ReferenceEquals(track, video) && videoInfo is not null) info.DelayRelativeToVideo = Delay(info, videoInfo);
                yield return info;
            }
        }

        /// <summary>When <paramref name="track"/> starts presenting minus when <paramref name="video"/> does, in seconds; null when either has no start.</summary>
        internal static double? Delay(TrackInfo track, TrackInfo video)
        {
            if (video.StartTimeTicks is not long videoStart || track.StartTimeTicks is not long start) return null;
            return (double?)Seconds.Difference(start, track.Timescale, videoStart, video.Timescale);
        }

        /// <summary>The first track with a video handler, in trak order (the order of the file, and of ffmpeg's streams).</summary>
        internal static Mp4Track? FirstVideoTrack(Mp4Movie movie)
        {
            foreach (uint id in movie.TrackOrder)
            {
                Mp4Track? track = movie.Tracks.FirstOrDefault(t => t.TrackId == id);
                if (track is { Kind: TrackKind.Video }) return track;
            }
            return movie.Tracks.FirstOrDefault(t => t.Kind == TrackKind.Video);
        }
    }
}
