using Mp4Timing.Analysis;
using Mp4Timing.Timing;

namespace Mp4Timing.Rules
{
    /// <summary>
    /// SampleDataMissing (Error): the data of samples lies past the end of the file, which is cut short (an interrupted
    /// copy or recording): how many samples, from which one and when. The sample the end cuts through counts; reading
    /// stops at the first sample that starts past the end (the moov tables say how many more they list).
    /// </summary>
    internal sealed class SampleDataMissing : TimingRule
    {
        public override TimingRuleInfo Info { get; } = new TimingRuleInfo(nameof(SampleDataMissing), FindingSeverity.Error,
            "Sample data lies past the end of the file: the file is cut short.");

        public override TrackCheck? CheckTrack(TrackContext track, RuleOptions options) => track.Tables.DataIsExternal ? null : new Check(this, track);

        private sealed class Check : TrackCheck
        {
            private readonly long _length;
            private Occurrences _found;
            private long _firstOffset;

            public Check(SampleDataMissing rule, TrackContext track) : base(rule, track, samples: true)
            {
                _length = track.Movie.Length;
            }

            public override void OnSample(in RawSample sample, in ReadOnlyShowings showings, in TimelineTimes times)
            {
                if (sample.Size <= 0 || (sample.Offset >= 0 && sample.Offset <= _length - sample.Size)) return;
                if (times.Pts is long pts && _found.Add(sample.Number, pts)) _firstOffset = sample.Offset;
            }

            public override void Finish(TrackSummary track, MovieContext movie, FindingList findings)
            {
                if (_found.Count == 0) return;
                // Reading stopped at the first sample that starts past the end; the moov tables list the ones after it.
                DataPastEnd? stop = track.ReadError?.PastEnd;
                long count = _found.Count + (stop?.SamplesLeft is long left ? left - 1 : 0);
                string after = stop is not null && stop.SamplesLeft is null ? ", and the samples of the fragments after it" : "";
                findings.Add(Rule, Track.TrackId, _found.Sample, Track.Seconds(_found.Pts), count,
                    $"the data of {Words.Count(count, "sample")}{after} lies past the end of the file ({Words.N(_length)} bytes), from sample {_found.Sample} " +
                    $"(at {Track.Time(_found.Pts)}, byte {Words.N(_firstOffset)}): the file is cut short",
                    "The file is incomplete (an interrupted copy, download or recording): copy it again from its source.");
            }
        }
    }
}
