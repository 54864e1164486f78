using Mp4Timing.Analysis;
using Mp4Timing.Timing;

namespace Mp4Timing.Rules
{
    /// <summary>
    /// DtsNotIncreasing (Error): a sample decoded no later than the sample before it: an stts delta of 0, a delta that is
    /// negative read as a signed number (as ffmpeg reads it), a trun duration of 0, a fragment whose tfdt goes back (also
    /// across piped media segments). Two samples decoded at once cannot both be decoded in order.
    /// </summary>
    internal sealed class DtsNotIncreasing : TimingRule
    {
        public override TimingRuleInfo Info { get; } = new TimingRuleInfo(nameof(DtsNotIncreasing), FindingSeverity.Error,
            "A sample decodes no later than the sample before it: an stts delta of 0, a negative delta, a trun duration of 0, or a fragment whose tfdt goes back.");

        public override TrackCheck? CheckTrack(TrackContext track, RuleOptions options) => new Check(this, track);

        private sealed class Check : TrackCheck
        {
            private Occurrences _found;
            private bool _hasPrevious;
            private long _previousDecode;
            private long _previousDuration;
            private long _previousNumber;
            private string _first = "";

            public Check(DtsNotIncreasing rule, TrackContext track) : base(rule, track, samples: true)
            {
                if (track.PreviousDecodeTicks is long decode)
                {
                    _hasPrevious = true;
                    _previousDecode = decode;
                    _previousDuration = track.PreviousDurationTicks ?? 0;
                    _previousNumber = track.PreviousSample ?? 0;
                }
            }

            public override void OnSample(in RawSample sample, in ReadOnlyShowings showings, in TimelineTimes times)
            {
                if (_hasPrevious)
                {
                    string? why = null;
                    if (sample.DecodeTicks <= _previousDecode)
                    {
                        why = sample.StartsFragment && sample.HasFragmentDecodeTime
                            ? $"the tfdt of its fragment{Fragment(sample)} goes back to {Track.Time(sample.DecodeTicks)}"
                            : sample.Fragment is null ? $"stts delta {_previousDuration}" : $"trun duration {_previousDuration}";
                    }
                    else if (sample.Fragment is null && _previousDuration > int.MaxValue && times.Pts is long pts)
                    {
                        // 32-bit deltas of 2^31 and more are negative as signed numbers (ffmpeg clips them to 1).
                        long signed = _previousDuration - (1L << 32);
                        if (_found.Add(sample.Number, pts))
                        {
                            _first = $"sample {sample.Number} follows an stts delta of {_previousDuration} (sample {_previousNumber}'s), which is {signed} read as a signed number: " +
                                $"its decode time goes back to {Track.Time(_previousDecode + signed)}, or, read unsigned, jumps {Track.Time(_previousDuration)} ahead to {Track.Time(sample.DecodeTicks)}";
                        }
                    }
                    if (why is not null && times.Pts is long at && _found.Add(sample.Number, at))
                    {
                        _first = $"sample {sample.Number} decodes at {Track.Time(sample.DecodeTicks)}, not after sample {_previousNumber} ({Track.Time(_previousDecode)}): {why}";
                    }
                }
                _hasPrevious = true;
                _previousDecode = sample.DecodeTicks;
                _previousDuration = sample.DurationTicks;
                _previousNumber = sample.Number;
            }

            private static string Fragment(in RawSample sample) => sample.Fragment is uint sequence ? $" (sequence number {sequence})" : "";

            public override void Finish(TrackSummary track, MovieContext movie, FindingList findings)
            {
                if (_found.Count == 0) return;
                findings.Add(Rule, Track.TrackId, _found.Sample, Track.Seconds(_found.Pts), _found.Count,
                    _first + _found.InAll("sample"),
                    "Every sample needs a decode time after the one before it: fix the writer's timestamps (or the packager's tfdt) and write the file again.");
            }
        }
    }
}
