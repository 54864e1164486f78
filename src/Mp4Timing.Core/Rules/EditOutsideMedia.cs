using System;
using System.Collections.Generic;
using Mp4Timing.Timing;

namespace Mp4Timing.Rules
{
    /// <summary>
    /// EditOutsideMedia (Error): an edit presents media [media_time, media_time + segment_duration) that lies partly or wholly
    /// outside the media the samples cover (from the earliest composition time to the latest composition end), by more than
    /// ToleranceSamples sample durations: for that part there is nothing to present. Lone media segments are left alone:
    /// the edit list of their init segment describes the whole track, which no one segment holds.
    /// </summary>
    internal sealed class EditOutsideMedia : TimingRule
    {
        public override TimingRuleInfo Info { get; } = new TimingRuleInfo(nameof(EditOutsideMedia), FindingSeverity.Error,
            "An edit's media range lies partly or wholly outside the media.",
            new TimingRuleSetting("ToleranceSamples", 1.0, "How far an edit may reach past the media without a finding, in sample durations (of the track's longest sample)."));

        public override TrackCheck? CheckTrack(TrackContext track, RuleOptions options) =>
            track.Track.Edits.Count > 0 && track.Movie.InitSegmentPath is null ? new Check(this, track, options.Number("ToleranceSamples")) : null;

        private sealed class Check : TrackCheck
        {
            private readonly double _samples;

            public Check(EditOutsideMedia rule, TrackContext track, double samples) : base(rule, track)
            {
                _samples = samples;
            }

            public override void Finish(TrackSummary track, MovieContext movie, FindingList findings)
            {
                if (track.MediaStart is not long mediaStart || track.MediaEnd is not long mediaEnd || track.ReadError is not null) return;
                Mp4Track t = Track.Track;
                decimal scale = t.MovieTimescale == 0 ? 1 : (decimal)t.Timescale / t.MovieTimescale;
                // Rounding of segment_duration to the movie timescale (up to a movie tick) is never a finding.
                decimal tolerance = (decimal)_samples * (track.Info.MaxSampleDurationTicks ?? 0) + Math.Ceiling(scale);
                var outside = new List<string>();
                decimal presentationStart = 0;
                double? firstAt = null;
                for (int i = 0; i < t.Edits.Count; i++)
                {
                    Boxes.EditListEntry edit = t.Edits[i];
                    decimal editStart = presentationStart;
                    presentationStart += edit.SegmentDuration;
                    if (edit.IsEmpty || edit.MediaTime < 0) continue;
                    bool toEnd = edit.SegmentDuration == 0 && i == t.Edits.Count - 1;
                    decimal from = edit.MediaTime;
                    decimal to = edit.MediaRate == 0 || toEnd ? from : from + edit.SegmentDuration * scale;
                    bool checkEnd = !toEnd && edit.MediaRate != 0;
                    string? what = null;
                    if (from >= mediaEnd || (edit.MediaRate != 0 && !toEnd && to <= mediaStart))
                    {
                        what = "wholly outside the media";
                    }
                    else if (mediaStart - from > tolerance)
                    {
                        what = $"{Span(mediaStart - from)} before the first sample";
                    }
                    else if (checkEnd && to - mediaEnd > tolerance)
                    {
                        what = $"{Span(to - mediaEnd)} past the end of the media";
                    }
                    if (what is null) continue;
                    firstAt ??= (double)(editStart / (t.MovieTimescale == 0 ? 1 : t.MovieTimescale));
                    string range = edit.MediaRate == 0 ? $"holds media time {Time(from)}" : toEnd ? $"presents media from {Time(from)} to the end" : $"presents media from {Time(from)} to {Time(to)}";
                    outside.Add($"edit {i + 1} {range}, {what}");
                }
                if (outside.Count == 0) return;
                findings.Add(Rule, Track.TrackId, null, firstAt, outside.Count,
                    $"{string.Join("; ", outside)}: the samples cover media from {Track.Time(mediaStart)} to {Track.Time(mediaEnd)}",
                    "Nothing is presented for the part of an edit outside the media (players hold a frame or show nothing there). Write an edit list within the media: a re-mux (ffmpeg -i in.mp4 -c copy out.mp4) writes one from the samples.");
            }

            private string Time(decimal ticks) => Track.Time(Ticks.Saturate(Math.Round(ticks)));

            private string Span(decimal ticks) => $"{Track.Time(Ticks.Saturate(Math.Round(ticks)))} ({Words.N(Ticks.Saturate(Math.Round(ticks)))} ticks)";
        }
    }
}
