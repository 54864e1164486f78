using System.Linq;
using Mp4Timing.Analysis;
using Mp4Timing.Boxes;

namespace Mp4Timing.Rules
{
    /// <summary>
    /// AudioPrimingNotSignalled (Information): audio of a codec whose encoder puts priming samples first (AAC, MP3, Opus) is
    /// presented from media time 0, and nothing tells a player to skip the priming: no edit list that skips it, no roll or
    /// pre-roll sample group, no iTunes gapless information (iTunSMPB), no Opus pre-skip. The priming is played: the sound
    /// starts that much late (1024 samples, 21.3 ms at 48 kHz, for AAC) and gapless playback clicks.
    /// </summary>
    internal sealed class AudioPrimingNotSignalled : TimingRule
    {
        public override TimingRuleInfo Info { get; } = new TimingRuleInfo(nameof(AudioPrimingNotSignalled), FindingSeverity.Information,
            "AAC, MP3 or Opus audio is presented from media time 0 with no edit list, roll or priming information: the encoder's priming is played.");

        public override TrackCheck? CheckTrack(TrackContext track, RuleOptions options) =>
            track.Track.Kind == TrackKind.Audio && track.StartsTrack && Codec(track) is string codec && !Signalled(track)
                ? new Check(this, track, codec)
                : null;

        /// <summary>The name of a codec with encoder delay (AAC, MP3, Opus), or null.</summary>
        private static string? Codec(TrackContext track)
        {
            if (track.Entry is not AudioSampleEntry audio) return null;
            string format = track.Format;
            if (format == "Opus") return "Opus";
            if (CodecStrings.IsMpegAudio(audio)) return "MP3";
            return format == "mp4a" && CodecStrings.EsdsOf(audio) is { ObjectTypeIndication: 0x40 or 0x66 or 0x67 or 0x68 } ? "AAC" : null;
        }

        /// <summary>A roll or prol sample group, iTunes gapless information, or an Opus pre-skip tells a player what to skip.</summary>
        private static bool Signalled(TrackContext track) =>
            track.Tables.SampleGroups.Any(g => g.GroupingType is "roll" or "prol")
            || track.Movie.HasGaplessInfo
            || track.Entry?.Child<OpusSpecificBox>() is { PreSkip: > 0 };

        private sealed class Check : TrackCheck
        {
            private readonly string _codec;

            public Check(AudioPrimingNotSignalled rule, TrackContext track, string codec) : base(rule, track)
            {
                _codec = codec;
            }

            public override void Finish(TrackSummary track, MovieContext movie, FindingList findings)
            {
                // Presented from media time 0: the edit list skips nothing before the first sample.
                if (track.Info.SampleCount == 0 || track.Info.PrimingTicks is not 0 || track.MediaStart is not long start || start != 0) return;
                string how = track.Info.EditList.Count == 0 ? "with no edit list" : "by an edit list that starts at media time 0";
                string typical = _codec switch
                {
                    "AAC" => "1024 samples for most AAC encoders",
                    "MP3" => "576 samples and the decoder's 529 for LAME",
                    _ => "typically 312 samples at 48 kHz",
                };
                findings.Add(Rule, Track.TrackId, null, null, 1,
                    $"{Track.Name} is {_codec} presented from media time 0 {how}, and no roll group, gapless information or pre-skip says how much of its start is encoder priming " +
                    $"({typical}): players play the priming, so the sound starts late by that much",
                    $"Write an edit list whose media_time skips the priming (ffmpeg does, for MP4 and MOV, unless -use_editlist 0 or a fragmented output leaves it out).");
            }
        }
    }
}
