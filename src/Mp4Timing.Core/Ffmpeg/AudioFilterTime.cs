using System;
using System.Collections.Generic;
using System.Linq;
using Mp4Timing.Boxes;

namespace Mp4Timing.Ffmpeg
{
    /// <summary>
    /// The time base of ffmpeg's audio filters (ashowinfo): 1/sample rate. ffmpeg 5.1 (fftools, decode_audio) rescales
    /// each decoded frame's pts into it with av_rescale_delta, which keeps consecutive frames contiguous where the
    /// track's timescale is coarser than the sample rate: a frame starts where the previous one ended when that is
    /// within rounding of its own time. With a timescale at or above the sample rate it is plain rounding.
    /// </summary>
    internal sealed class AudioFilterTime
    {
        private readonly long _timescale;
        private readonly long _sampleRate;
        private long? _last;

        private AudioFilterTime(long timescale, long sampleRate)
        {
            _timescale = timescale;
            _sampleRate = sampleRate;
        }

        /// <summary>The filter time of a track's decoded frames (null when its sample rate is unknown).</summary>
        public static AudioFilterTime? For(FfmpegTrackResult track, IReadOnlyList<SampleEntry> entries)
        {
            double rate = (entries.FirstOrDefault() as AudioSampleEntry)?.SampleRate ?? 0;
            return rate >= 1 && track.TimeBase > 0 ? new AudioFilterTime(track.TimeBase, (long)rate) : null;
        }

        /// <summary>The filter-time pts of the next decoded frame: <paramref name="pts"/> in track ticks, <paramref name="samples"/> long.</summary>
        public long Next(long pts, long samples)
        {
            if (_timescale == _sampleRate) return pts;
            if (_last is null || samples <= 0 || _sampleRate <= _timescale)
            {
                _last = FfmpegTrackModel.Rescale(pts, _sampleRate, _timescale) + samples;
                return FfmpegTrackModel.Rescale(pts, _sampleRate, _timescale);
            }
            long a = FloorShift(Floor(2 * (decimal)pts - 1));
            long b = FloorShift(Ceiling(2 * (decimal)pts + 1) + 1);
            long last = _last.Value;
            if (last < 2 * a - b || last > 2 * b - a)
            {
                _last = FfmpegTrackModel.Rescale(pts, _sampleRate, _timescale) + samples;
                return FfmpegTrackModel.Rescale(pts, _sampleRate, _timescale);
            }
            long time = Math.Min(Math.Max(last, a), b);
            _last = time + samples;
            return time;
        }

        /// <summary>Puts a row's own times in the filter time base too, and says so, when it is not the track's timescale.</summary>
        public void Describe(PtsComparison row)
        {
            if (_timescale == _sampleRate) return;
            row.Timescale = (uint)_sampleRate;
            if (row.PtsTicks.HasValue) row.PtsTicks = FfmpegTrackModel.Rescale(row.PtsTicks.Value, _sampleRate, _timescale);
            if (row.CompositionTicks.HasValue) row.CompositionTicks = FfmpegTrackModel.Rescale(row.CompositionTicks.Value, _sampleRate, _timescale);
            row.Reason = row.Reason.Length == 0 ? $"times in ashowinfo's 1/{_sampleRate} s" : row.Reason + $"; times in ashowinfo's 1/{_sampleRate} s";
        }

        private long Floor(decimal ticks) => (long)Math.Floor(ticks * _sampleRate / _timescale);

        private long Ceiling(decimal ticks) => (long)Math.Ceiling(ticks * _sampleRate / _timescale);

        /// <summary>x &gt;&gt; 1 on a signed 64-bit value: halving, rounded down.</summary>
        private static long FloorShift(long x) => x >> 1;
    }
}
