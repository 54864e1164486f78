using Mp4Timing.Analysis;
using Mp4Timing.Timing;

namespace Mp4Timing.Rules
{
    /// <summary>
    /// StartsOnNonSyncSample (Warning): the first presented sample of a video track (the first in decode order that an edit
    /// presents) is not a sync sample, so it cannot be decoded without samples the edit list hides: a cut between key
    /// frames, as a stream copy made with -ss after -i leaves it. Or the track's first sample is not a sync sample at all.
    /// </summary>
    internal sealed class StartsOnNonSyncSample : TimingRule
    {
        public override TimingRuleInfo Info { get; } = new TimingRuleInfo(nameof(StartsOnNonSyncSample), FindingSeverity.Warning,
            "The first presented video sample is not a sync sample: it cannot be decoded without samples the edit list hides (a cut between key frames).");

        public override TrackCheck? CheckTrack(TrackContext track, RuleOptions options) =>
            track.Track.Kind == TrackKind.Video && track.StartsTrack ? new Check(this, track) : null;

        private sealed class Check : TrackCheck
        {
            private long _hidden;
            private long _lastHiddenSync;
            private long _first;
            private long? _firstPts;
            private long _beforeSync;
            private bool _done;

            public Check(StartsOnNonSyncSample rule, TrackContext track) : base(rule, track, samples: true)
            {
            }

            public override void OnSample(in RawSample sample, in ReadOnlyShowings showings, in TimelineTimes times)
            {
                if (_done) return;
                if (_first == 0)
                {
                    if (showings.Discarded)
                    {
                        _hidden++;
                        if (sample.IsSync) _lastHiddenSync = sample.Number;
                        return;
                    }
                    _first = sample.Number;
                    _firstPts = times.Pts;
                }
                // The presented samples decoded before the first presented sync sample: they all need what came before.
                if (sample.IsSync)
                {
                    _done = true;
                    return;
                }
                if (!showings.Discarded) _beforeSync++;
            }

            public override void Finish(TrackSummary track, MovieContext movie, FindingList findings)
            {
                if (_first == 0 || _beforeSync == 0) return;
                string presented = _done
                    ? $"{Words.Count(_beforeSync, "presented sample")} come before the next sync sample"
                    : $"no presented sample is a sync sample ({Words.N(_beforeSync)} presented)";
                string message;
                string hint;
                if (_lastHiddenSync > 0)
                {
                    message = $"the first presented sample, {_first}{Track.At(_firstPts)}, is not a sync sample: decoding starts at sync sample {_lastHiddenSync}, " +
                        $"{Words.Count(_first - _lastHiddenSync, "sample")} before it, which the edit list hides (a cut between key frames); {presented}";
                    hint = "Players that apply the edit list (ffmpeg, QuickTime) decode the hidden samples first; others show broken pictures until the next key frame. Cut at a key frame, or re-encode the first group of pictures.";
                }
                else
                {
                    message = $"the first presented sample, {_first}{Track.At(_firstPts)}, is not a sync sample, and no sync sample comes before it" +
                        $"{(_hidden > 0 ? $" ({Words.Count(_hidden, "hidden sample")} before it)" : "")}: {presented}, which cannot be decoded";
                    hint = "The stream starts in the middle of a group of pictures (or stss leaves out its first key frame): cut at a key frame, or re-encode the start.";
                }
                findings.Add(Rule, Track.TrackId, _first, Track.Seconds(_firstPts), _beforeSync, message, hint);
            }
        }
    }
}
