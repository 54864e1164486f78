using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using Mp4Timing.Analysis;
using Mp4Timing.Rules;
using Mp4Timing.Timing;

namespace Mp4Timing
{
    /// <summary>
    /// The timing rules one check runs, each with its settings (what Test-Mp4Timing's -Rule, -ExcludeRule, -Severity and
    /// -Settings choose), and the check itself: one pass over each track's tables, in which every rule looks at every
    /// sample (presentation-order rules through a bounded reorder window), then the findings.
    /// </summary>
    public sealed class TimingRuleSet
    {
        private readonly IReadOnlyList<(TimingRule Rule, RuleOptions Options)> _selected;

        private TimingRuleSet(IReadOnlyList<(TimingRule Rule, RuleOptions Options)> selected) => _selected = selected;

        /// <summary>Every timing rule, in the order of the documentation.</summary>
        public static IReadOnlyList<TimingRuleInfo> AllRules { get; } = TimingRules.All.Select(r => r.Info).ToArray();

        /// <summary>The rules whose names match <paramref name="pattern"/> (a name, or a pattern of * and ?, case-insensitive), in the order of <see cref="AllRules"/>.</summary>
        public static IEnumerable<TimingRuleInfo> Find(string pattern) => AllRules.Where(r => TimingSettings.Matches(r.Name, pattern));

        /// <summary>The rules this set runs.</summary>
        public IReadOnlyList<TimingRuleInfo> Rules => _selected.Select(s => s.Rule.Info).ToArray();

        /// <summary>
        /// The rules to run. <paramref name="rules"/> (names or patterns of * and ?) chooses them, overriding the settings'
        /// IncludeRules; without either, every rule that is on by default or that the settings turn on (Enable = $true).
        /// <paramref name="excludeRules"/> and the settings' ExcludeRules leave rules out; <paramref name="severity"/> (or the
        /// settings' Severity) keeps the rules of those severities. <paramref name="settings"/> is a settings hashtable
        /// (<c>@{ Rules = @{ AvStartOffset = @{ AudioLeadMs = 40 } } }</c>); <paramref name="settingsSource"/> names it in errors.
        /// </summary>
        /// <exception cref="ArgumentException">An unknown rule, setting or key, or a value of the wrong kind.</exception>
        public static TimingRuleSet Create(IEnumerable<string>? rules = null, IEnumerable<string>? excludeRules = null,
            IEnumerable<FindingSeverity>? severity = null, IDictionary? settings = null, string settingsSource = "the settings")
        {
            TimingSettings read = settings is null ? TimingSettings.Empty : TimingSettings.Read(settings, settingsSource);
            IReadOnlyList<string>? include = rules is null ? read.IncludeRules : TimingSettings.RuleNames(rules.ToArray(), "-Rule", "-Rule");
            var exclude = read.ExcludeRules.Concat(excludeRules is null ? Array.Empty<string>() : TimingSettings.RuleNames(excludeRules.ToArray(), "-ExcludeRule", "-ExcludeRule")).ToList();
            var severities = (severity?.ToArray() ?? read.Severity?.ToArray())?.ToList();

            var selected = new List<(TimingRule, RuleOptions)>();
            foreach (TimingRule rule in TimingRules.All)
            {
                TimingRuleInfo info = rule.Info;
                read.Rules.TryGetValue(info.Name, out IDictionary<string, object>? given);
                bool enabled = given is not null && given.TryGetValue(TimingSettings.EnableSetting, out object? enable) ? (bool)enable : info.Enabled;
                bool chosen = include is null ? enabled : include.Any(pattern => TimingSettings.Matches(info.Name, pattern));
                if (!chosen || exclude.Any(pattern => TimingSettings.Matches(info.Name, pattern))) continue;
                if (severities is not null && !severities.Contains(info.SeverityValue)) continue;
                selected.Add((rule, new RuleOptions(info, given)));
            }
            return new TimingRuleSet(selected);
        }

        /// <summary>
        /// Checks the tracks of <paramref name="movie"/> (all when <paramref name="tracks"/> is null): one finding per rule and
        /// track at most, in track order, then the findings about the file as a whole (when every track is checked). Each track's
        /// samples are read once, in place. Pass the same <paramref name="state"/> for media segments read in order: decode times
        /// and sample numbers go on, and a fragment's decode time is compared with where the segment before ended. Damage that
        /// stops the reading of a track goes to <paramref name="onError"/> (a file cut short is a SampleDataMissing finding
        /// instead); the rules then judge the samples read before it.
        /// </summary>
        /// <param name="movie">The file (or a media segment opened with its init segment).</param>
        /// <param name="tracks">The tracks to check; all when null.</param>
        /// <param name="state">Where piped media segments left off; a fresh one when null.</param>
        /// <param name="onError">Damage that stops the reading of a track.</param>
        /// <param name="progress">Called now and then (every 4096th sample) as the samples are read: the track and the sample's number.</param>
        /// <param name="trackInfos">
        /// When given, gets Get-Mp4Track's summary of each track read to its end, made in the same pass (the sync samples'
        /// picture headers are then read whatever the rules; DelayRelativeToVideo is left unset), for a caller that needs both
        /// (Export-Mp4Timeline's page). A track whose reading stopped gets none: the rules read a file cut short one sample
        /// further than the summary does. Nor do the tracks when no rule is selected: nothing is read then.
        /// </param>
        /// <param name="ffmpegVersion">The ffmpeg whose start times the summaries in <paramref name="trackInfos"/> give (5.1 when null).</param>
        public IReadOnlyList<TimingFinding> Check(Mp4Movie movie, IEnumerable<Mp4Track>? tracks = null, SampleReadState? state = null,
            Action<Mp4FormatException>? onError = null, Action<Mp4Track, long>? progress = null, ICollection<TrackInfo>? trackInfos = null,
            Version? ffmpegVersion = null)
        {
            if (movie is null) throw new ArgumentNullException(nameof(movie));
            state ??= new SampleReadState();
            onError ??= _ => { };
            List<Mp4Track> wanted = (tracks ?? movie.Tracks).ToList();
            var findings = new FindingList(movie.Path);
            if (_selected.Count == 0) return findings.Items;

            // Without SampleDataMissing, a file cut short is an error of the file like any other damage.
            bool cutsAreFindings = _selected.Any(s => s.Rule is SampleDataMissing);
            FfmpegStartTimes? ffmpeg = trackInfos is null ? null : FfmpegStartTimes.For(movie, ffmpegVersion);
            var checkedTracks = new List<(TrackSummary Summary, List<TrackCheck> Checks)>();
            foreach (Mp4Track track in wanted)
            {
                var context = new TrackContext(movie, track, state.For(track.TrackId));
                var checks = _selected.Select(s => s.Rule.CheckTrack(context, s.Options)).Where(c => c is not null).Select(c => c!).ToList();
                TrackSummary summary = Read(context, checks, state, onError, progress, cutsAreFindings, ffmpeg);
                checkedTracks.Add((summary, checks));
                if (trackInfos is not null && summary.Info.ReadError is null) trackInfos.Add(summary.Info);
            }

            Mp4Track? video = TrackAnalysis.FirstVideoTrack(movie);
            var summaries = checkedTracks.Select(t => t.Summary).ToArray();
            var movieContext = new MovieContext(movie, summaries, () =>
            {
                TrackSummary? read = summaries.FirstOrDefault(s => ReferenceEquals(s.Track, video));
                if (video is null || read is not null) return read;
                // Rules that compare tracks compare with the first video track: read it alone (only when such a rule asks),
                // without moving the reading state of piped segments on and without reporting its damage (it is not checked).
                SampleReadState copy = state.Copy();
                return Read(new TrackContext(movie, video, copy.For(video.TrackId)), new List<TrackCheck>(), copy, _ => { }, null, true);
            }, allTracks: movie.Tracks.All(t => wanted.Contains(t)));
            foreach (var (summary, checks) in checkedTracks)
            {
                foreach (TrackCheck check in checks) check.Finish(summary, movieContext, findings);
            }
            if (movieContext.AllTracks)
            {
                foreach (var (rule, options) in _selected) rule.CheckMovie(movieContext, options, findings);
            }
            return findings.Items;
        }

        /// <summary>
        /// The one pass over a track: the summary Get-Mp4Track makes, with every sample handed to the checks on the way. With
        /// <paramref name="ffmpeg"/> the summary is Get-Mp4Track's in full: with ffmpeg's start times and the GOP structure.
        /// </summary>
        private static TrackSummary Read(TrackContext context, List<TrackCheck> checks, SampleReadState state, Action<Mp4FormatException> onError,
            Action<Mp4Track, long>? progress, bool cutsAreFindings, FfmpegStartTimes? ffmpeg = null)
        {
            var pass = new TrackPass(checks, progress is null ? null : number => progress(context.Track, number));
            Mp4FormatException? stopped = null;
            PictureReading pictures = ffmpeg is not null || checks.Any(c => c.WantsSyncPictures) ? PictureReading.SyncSamples : PictureReading.None;
            TrackAnalyzer analyzer = TrackAnalyzer.Run(context.Movie, context.Track, state, ffmpeg, pictures, error =>
            {
                stopped = error;
                // A file cut short is what SampleDataMissing reports; other damage is an error of the file.
                if (error.PastEnd is null || !cutsAreFindings) onError(error);
            }, pass, context.Rate, context.SyncIntervals);
            pass.Finish();
            TrackInfo info = analyzer.Info;
            return new TrackSummary(context, info, analyzer.Rate, analyzer.MediaStart, analyzer.MediaEnd, analyzer.FirstSample, analyzer.FirstDecode)
            {
                ReadError = stopped,
                PresentationOrderExact = pass.PresentationOrderExact,
            };
        }
    }
}
