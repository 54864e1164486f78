using Mp4Timing.Analysis;
using Mp4Timing.Bitstream;

namespace Mp4Timing.Rules
{
    /// <summary>
    /// OpenGopStart (Warning): a video track, or a movie fragment of it, starts on a sync sample that does not start a closed
    /// GOP: an HEVC CRA, MPEG-2 or MPEG-4 I picture followed by pictures shown before it, an H.264 I picture that is not IDR,
    /// an AV1 or VP9 intra-only frame. A player that starts there (a new stream, a segment switch in DASH or HLS) cannot
    /// decode the pictures that refer to what came before. Judged from the sync samples' picture headers.
    /// </summary>
    internal sealed class OpenGopStart : TimingRule
    {
        public override TimingRuleInfo Info { get; } = new TimingRuleInfo(nameof(OpenGopStart), FindingSeverity.Warning,
            "A video track or one of its movie fragments starts on a sync sample that does not start a closed GOP (an HEVC CRA with leading pictures, an H.264 I picture that is not IDR...): a player that starts there cannot decode every picture after it.");

        public override TrackCheck? CheckTrack(TrackContext track, RuleOptions options) =>
            track.Track.Kind == TrackKind.Video ? new Check(this, track) : null;

        private sealed class Check : TrackCheck
        {
            public Check(OpenGopStart rule, TrackContext track) : base(rule, track, syncPictures: true)
            {
            }

            public override void Finish(TrackSummary track, MovieContext movie, FindingList findings)
            {
                if (track.Info.RandomAccess is not RandomAccessFacts facts) return;
                SampleTally fragments = facts.OpenFragmentStarts;
                // The track's first sample, where decoding starts, unless a fragment starts there too (counted with the fragments).
                SamplePicture? start = Track.StartsTrack && facts.FirstSample is { Start: GopStart.Open } first && fragments.First?.Number != first.Number
                    ? first
                    : null;
                long places = fragments.Count + (start is null ? 0 : 1);
                if (places == 0) return;

                SamplePicture sample = start ?? fragments.First!.Value;
                string where = start is not null
                    ? (Track.Movie.IsFragmented ? "the track starts" : "the track starts (where a player starts decoding)")
                    : Track.StartsTrack && facts.FirstSample?.Number == sample.Number ? "the track and its first fragment start" : $"fragment {sample.Fragment} starts";
                string message = $"{where} on sample {sample.Number}{At(sample)}, {Words.Picture(sample.Picture)}, which does not start a closed GOP: {Why(sample.Picture)}";
                if (places > 1)
                {
                    message += start is not null
                        ? $"; so do {Words.Count(fragments.Count, "movie fragment")}"
                        : $"; {Words.Count(places, "fragment")} start so in all";
                }
                findings.Add(Rule, Track.TrackId, sample.Number, sample.PtsTicks is long pts ? Track.Seconds(pts) : null, places, message,
                    "Encode with closed GOPs where a player may start (x265 opens them unless told --no-open-gop; x264 only with --open-gop; ffmpeg's MPEG-2 and MPEG-4 encoders close them with -flags +cgop), " +
                    "or start each segment on an IDR picture (an HEVC IDR or a CRA without leading pictures).");
            }

            private string At(in SamplePicture sample) => sample.PtsTicks is long pts ? $" (shown at {Track.Time(pts)})" : "";

            private static string Why(in Picture picture) => picture.Access switch
            {
                RandomAccess.OpenIfLeading => "pictures after it in decode order are shown before it, and refer to pictures before it that a player starting here does not have",
                RandomAccess.Open => "pictures after it may refer to pictures before it, which a player starting here does not have",
                _ => "it is not even a point where decoding can start",
            };
        }
    }
}
