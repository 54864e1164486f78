using System;
using System.Collections.Generic;

namespace Mp4Timing.Rules
{
    /// <summary>
    /// MissingSyncSampleTable (Warning): a video track coded with prediction between pictures (H.264, HEVC, VVC, AV1, VP8,
    /// VP9, MPEG-4 Part 2, MPEG-2, H.263...) whose sample table has no stss box. Without stss every sample is a sync sample,
    /// so players seek to pictures that cannot be decoded alone.
    /// </summary>
    internal sealed class MissingSyncSampleTable : TimingRule
    {
        /// <summary>Sample entry formats of video coded with inter prediction (the original format for encrypted entries).</summary>
        private static readonly HashSet<string> InterCoded = new HashSet<string>(StringComparer.Ordinal)
        {
            "avc1", "avc2", "avc3", "avc4", "hvc1", "hev1", "hvc2", "hev2", "dvh1", "dvhe", "dva1", "dvav", "vvc1", "vvi1",
            "av01", "dav1", "vp08", "vp09", "mp4v", "s263", "h263", "H263", "SVQ3",
        };

        public override TimingRuleInfo Info { get; } = new TimingRuleInfo(nameof(MissingSyncSampleTable), FindingSeverity.Warning,
            "An inter-coded video track (H.264, HEVC, AV1, VP9, MPEG-4 Part 2...) has no stss box, which claims that every sample is a sync sample.");

        public override TrackCheck? CheckTrack(TrackContext track, RuleOptions options) =>
            track.Track.Kind == TrackKind.Video && track.Track.SampleCount > 1 && track.Tables.SyncSamples is null && InterCoded.Contains(track.Format)
                ? new Check(this, track)
                : null;

        private sealed class Check : TrackCheck
        {
            public Check(MissingSyncSampleTable rule, TrackContext track) : base(rule, track)
            {
            }

            public override void Finish(TrackSummary track, MovieContext movie, FindingList findings)
            {
                long samples = Track.Track.SampleCount;
                findings.Add(Rule, Track.TrackId, null, null, samples,
                    $"{Track.Name} is {Track.Format} video, coded with prediction between pictures, but its sample table has no stss box: " +
                    $"all {Words.N(samples)} samples claim to be sync samples, so a player may seek to a picture that cannot be decoded alone",
                    "Write an stss box that lists the key frames (re-muxing with a tool that finds the key frames in the bitstream writes one). An intra-only stream (every picture a key frame) is right without it.");
            }
        }
    }
}
