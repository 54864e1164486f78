using System.Collections.Generic;
using Mp4Timing.Analysis;

namespace Mp4Timing.Rules
{
    /// <summary>
    /// AvStartOffset (Warning): an audio track starts presenting earlier than the file's first video track by more than
    /// AudioLeadMs, or later by more than AudioLagMs (EBU R37's 40 ms and 60 ms), counting empty edits, media_time and the
    /// video's B-frame delay: the starts Get-Mp4Track reports as StartTime and DelayRelativeToVideo.
    /// </summary>
    internal sealed class AvStartOffset : TimingRule
    {
        public override TimingRuleInfo Info { get; } = new TimingRuleInfo(nameof(AvStartOffset), FindingSeverity.Warning,
            "Audio starts earlier than the video by more than 40 ms, or later by more than 60 ms (EBU R37), counting empty edits and media_time.",
            new TimingRuleSetting("AudioLeadMs", 40.0, "How far audio may start before the video, in milliseconds."),
            new TimingRuleSetting("AudioLagMs", 60.0, "How far audio may start after the video, in milliseconds."));

        public override TrackCheck? CheckTrack(TrackContext track, RuleOptions options) =>
            track.Track.Kind == TrackKind.Audio ? new Check(this, track, options.Number("AudioLeadMs"), options.Number("AudioLagMs")) : null;

        private sealed class Check : TrackCheck
        {
            private readonly double _lead;
            private readonly double _lag;

            public Check(AvStartOffset rule, TrackContext track, double lead, double lag) : base(rule, track)
            {
                _lead = lead;
                _lag = lag;
            }

            public override void Finish(TrackSummary track, MovieContext movie, FindingList findings)
            {
                if (movie.Video is not TrackSummary video || track.Info.StartTime is not double start || TrackAnalysis.Delay(track.Info, video.Info) is not double delay) return;
                bool leads = delay * 1000 < -_lead;
                if (!leads && delay * 1000 <= _lag) return;
                string videoName = Words.Track(video.Track);
                string starts = $"{Track.Name} starts at {Seconds.Format(track.Info.StartTimeTicks!.Value, track.Info.Timescale)}";
                string videoStarts = $"{videoName}, which starts at {Seconds.Format(video.Info.StartTimeTicks!.Value, video.Info.Timescale)}";
                string message = leads
                    ? $"{starts}, {Words.Ms(-delay)} before {videoStarts}: more than the {Words.N(_lead)} ms audio may lead by"
                    : $"{starts}, {Words.Ms(delay)} after {videoStarts}: more than the {Words.N(_lag)} ms audio may lag by";
                var causes = new List<string>();
                if (TrackStart.Cause(video, "the video") is string videoCause) causes.Add(videoCause);
                if (TrackStart.Cause(track, "the audio") is string audioCause) causes.Add(audioCause);
                if (causes.Count > 0) message += "; " + string.Join("; ", causes);
                findings.Add(Rule, Track.TrackId, null, start, 1, message,
                    "Start both tracks together: an edit list can remove the video's B-frame delay (ffmpeg writes one by default) and an empty edit can delay a track; EBU R37 allows audio 40 ms early and 60 ms late.");
            }
        }
    }
}
