using Mp4Timing.Analysis;

namespace Mp4Timing.Rules
{
    /// <summary>
    /// SyncSampleNotIntra (Error): a sample marked as a sync sample (in stss, or by the sample flags of a movie fragment) whose
    /// picture header says it is not intra: a P or B picture, which cannot be decoded alone. A player seeking to it, or a
    /// segmenter cutting there, shows a broken picture. A track without stss is left to MissingSyncSampleTable.
    /// </summary>
    internal sealed class SyncSampleNotIntra : TimingRule
    {
        public override TimingRuleInfo Info { get; } = new TimingRuleInfo(nameof(SyncSampleNotIntra), FindingSeverity.Error,
            "A sample marked as a sync sample (stss, or a fragment's sample flags) has a picture that is not intra (a P or B picture): it cannot be decoded alone, so seeking or cutting there breaks the picture.");

        public override TrackCheck? CheckTrack(TrackContext track, RuleOptions options) =>
            // Without stss every sample of the moov is a sync sample: MissingSyncSampleTable says so once, and no picture is read for it.
            track.Track.Kind == TrackKind.Video && !(track.Track.SampleCount > 1 && track.Tables.SyncSamples is null) ? new Check(this, track) : null;

        private sealed class Check : TrackCheck
        {
            public Check(SyncSampleNotIntra rule, TrackContext track) : base(rule, track, syncPictures: true)
            {
            }

            public override void Finish(TrackSummary track, MovieContext movie, FindingList findings)
            {
                if (track.Info.RandomAccess is not RandomAccessFacts facts || facts.NonIntraSyncSamples.First is not SamplePicture first) return;
                long count = facts.NonIntraSyncSamples.Count;
                string marked = first.Fragment is null ? "stss lists" : "the sample flags of its fragment mark";
                string message = $"{marked} sample {first.Number}{(first.PtsTicks is long pts ? $" (shown at {Track.Time(pts)})" : "")} as a sync sample, " +
                    $"but it is {Words.Picture(first.Picture)}, which needs pictures before it";
                if (count > 1) message += $"; {Words.N(count)} of the {Words.N(facts.SyncSamplesRead)} sync samples read are not intra";
                findings.Add(Rule, Track.TrackId, first.Number, first.PtsTicks is long at ? Track.Seconds(at) : null, count, message,
                    "Mark only key frames as sync samples: re-mux with a tool that reads the key frames from the bitstream (ffmpeg -c copy, MP4Box, Bento4), " +
                    "or fix the muxer that wrote the flags.");
            }
        }
    }
}
