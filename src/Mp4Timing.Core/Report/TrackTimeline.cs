using System;
using System.Collections.Generic;
using Mp4Timing.Timing;
using Mp4Timing.Ffmpeg;
using static System.FormattableString;

namespace Mp4Timing.Report
{
    /// <summary>
    /// What the page draws of one track, read from the file in passes that never hold the track: its extent,
    /// ffmpeg's D flags and start time (from the ffmpeg model, which holds the index as ffmpeg does), and the
    /// samples of the window, either one by one (at most <see cref="TimelineOptions.MaxDetailedSamples"/>) or
    /// counted per pixel column, whose memory is the plot's width.
    /// </summary>
    internal sealed class TrackTimeline
    {
        private const int ProgressEvery = 4096;

        private readonly Mp4Movie _movie;
        private BitSet? _ffmpegDiscard;
        private FfmpegTrackResult? _ffmpeg;
        private long _firstNumber = 1;

        public TrackTimeline(Mp4Movie movie, Mp4Track track, TrackInfo info)
        {
            _movie = movie;
            Track = track;
            Info = info;
        }

        public Mp4Track Track { get; }

        public TrackInfo Info { get; }

        public bool IsVideo => Track.Kind == TrackKind.Video;

        public uint Timescale => Track.Timescale;

        // ---- ffmpeg's view ------------------------------------------------------------------------------

        /// <summary>The start_time ffprobe reports for the stream, in seconds (the model's), when known.</summary>
        public double? FfmpegStart { get; private set; }

        /// <summary>The modelled ffmpeg version whose view is shown, when the model could be built.</summary>
        public Version? FfmpegVersion { get; private set; }

        /// <summary>Why ffmpeg's view of the track is not shown (or is empty), else null.</summary>
        public string? FfmpegNote { get; private set; }

        public bool HasFfmpeg => _ffmpegDiscard is not null;

        // ---- extent ---------------------------------------------------------------------------------------

        /// <summary>The earliest decode or presentation time of any sample, in seconds (null without samples).</summary>
        public double? FirstTime { get; private set; }

        /// <summary>The latest end of a sample on the decode or presentation timeline, in seconds.</summary>
        public double? LastTime { get; private set; }

        // ---- the window ----------------------------------------------------------------------------------

        /// <summary>Samples with a mark in the window (decoded or presented in it).</summary>
        public long SamplesInWindow { get; private set; }

        /// <summary>Sync samples of the track (in the window or not).</summary>
        public long SyncSamples { get; private set; }

        /// <summary>Samples read by the drawing pass (a sample an edit list shows twice counts twice), for progress.</summary>
        public long SamplesRead { get; private set; }

        /// <summary>True when the window holds more samples than are drawn one by one: the columns below are drawn instead of <see cref="Marks"/>.</summary>
        public bool Aggregated { get; private set; }

        /// <summary>The samples of the window in decode order, when not aggregated.</summary>
        public List<SampleMark> Marks { get; } = new List<SampleMark>();

        /// <summary>The sync intervals that overlap the window, when not aggregated.</summary>
        public List<SyncInterval> SyncIntervals { get; } = new List<SyncInterval>();

        public ColumnTally? DecodeColumns { get; private set; }

        public ColumnTally? PresentationColumns { get; private set; }

        /// <summary>PTS − DTS per column of decode time, in ticks.</summary>
        public ColumnRange? Offsets { get; private set; }

        /// <summary>Sample durations per column of decode time, in ticks.</summary>
        public ColumnRange? Durations { get; private set; }

        /// <summary>Sync intervals per column of their start, in ticks.</summary>
        public ColumnRange? Intervals { get; private set; }

        public RateBins? Rates { get; private set; }

        /// <summary>What stopped the reading of the samples (a damaged file), else null; what was read before it is drawn.</summary>
        public string? ReadError { get; private set; }

        /// <summary>Why presentation order (showinfo's n) is not given, else null.</summary>
        public string? OrderNote { get; private set; }

        public double Seconds(long ticks) => Mp4Timing.Seconds.FromTicks(ticks, Timescale);

        /// <summary>Reads ffmpeg's D flags and start time from the model (null when the model could not be built: <paramref name="modelError"/> says why).</summary>
        public void ReadFfmpeg(FfmpegMovieModel? model, string? modelError)
        {
            if (model is null)
            {
                FfmpegNote = modelError;
                return;
            }
            _ffmpeg = model.For(Track);
            FfmpegVersion = model.Version;
            if (_ffmpeg.NoPackets is not null) FfmpegNote = "ffmpeg reads no packet of this track: " + _ffmpeg.NoPackets;
            FfmpegStart = _ffmpeg.StartTime is long start && _ffmpeg.TimeBase > 0 ? (double)start / _ffmpeg.TimeBase : (double?)null;
            // One bit per stored sample: an eighth of a byte beside the index ffmpeg (and the model) holds anyway.
            var discard = new BitSet(_ffmpeg.Origins.Count);
            for (int k = 0; k < _ffmpeg.Packets.Count; k++)
            {
                FfmpegPacket packet = _ffmpeg.Packets[k];
                if (packet.Discard && packet.Sample >= 1 && packet.Sample <= discard.Length) discard[(int)(packet.Sample - 1)] = true;
            }
            _ffmpegDiscard = discard;
        }

        /// <summary>The first pass, for the default window: the earliest and latest time of any sample (decode or presentation).</summary>
        public void Survey(SampleReadState? state, Action<Mp4FormatException> onError)
        {
            long? first = null, last = null;
            try
            {
                foreach (SampleTiming sample in _movie.ReadSampleTimings(Track, state))
                {
                    long start = Math.Min(sample.DtsTicks, sample.PtsTicks);
                    long end = Math.Max(Ticks.SaturatingAdd(sample.DtsTicks, sample.DurationTicks), Ticks.SaturatingAdd(sample.PtsTicks, sample.DurationTicks));
                    if (first is null || start < first) first = start;
                    if (last is null || end > last) last = end;
                }
            }
            catch (Mp4FormatException error)
            {
                ReadError = error.Message;
                onError(error);
            }
            if (first is long f) FirstTime = Seconds(f);
            if (last is long l) LastTime = Seconds(l);
        }

        /// <summary>
        /// The pass that draws: every sample in decode order (with its picture type for video), kept one by one while the
        /// window holds at most <paramref name="maxDetailed"/> of them, and counted per pixel column all along.
        /// </summary>
        public void Collect(TimeAxis axis, SampleReadState? state, int maxDetailed, Action<string, double>? progress, Action<Mp4FormatException> onError)
        {
            DecodeColumns = new ColumnTally(axis.Width);
            PresentationColumns = new ColumnTally(axis.Width);
            Offsets = new ColumnRange(axis.Width);
            Durations = new ColumnRange(axis.Width);
            Intervals = new ColumnRange(axis.Width);
            Rates = new RateBins(axis.Start, axis.End, axis.Width);

            long count = _movie.IsFragmented ? Info.SampleCount : Track.SampleCount;
            long firstNumber = -1, previous = -1;
            long order = 0;
            long lastSync = -1, lastSyncDts = 0, sinceSync = 0, endDts = long.MinValue;
            bool reportedRead = ReadError is not null;
            try
            {
                IEnumerable<SampleTiming> samples = _movie.ReadSampleTimings(Track, state);
                if (IsVideo) samples = _movie.WithPictureTypes(Track, samples);
                foreach (SampleTiming sample in samples)
                {
                    if (firstNumber < 0) _firstNumber = firstNumber = sample.Sample;
                    // A sample an edit list shows twice comes twice, one after the other: it is one sample of the tables.
                    bool newSample = sample.Sample != previous;
                    previous = sample.Sample;
                    SamplesRead++;
                    if (progress is not null && SamplesRead % ProgressEvery == 0)
                    {
                        progress(Invariant($"Track {Track.TrackId}: sample {sample.Sample}") + (count > 0 ? Invariant($" of {count}") : ""), count > 0 ? Math.Min(1, (double)SamplesRead / count) : -1);
                    }
                    long index = sample.Sample - firstNumber;
                    bool ffmpegDiscard = _ffmpegDiscard is not null && index >= 0 && index < _ffmpegDiscard.Length && _ffmpegDiscard[(int)index];
                    MarkClass mark = MarkClasses.Of(IsVideo, sample.PictureTypeValue, ffmpegDiscard);
                    if (sample.IsSync && newSample) SyncSamples++;

                    double dts = Seconds(sample.DtsTicks), pts = Seconds(sample.PtsTicks);
                    double dtsEnd = Seconds(Ticks.SaturatingAdd(sample.DtsTicks, sample.DurationTicks)), ptsEnd = Seconds(Ticks.SaturatingAdd(sample.PtsTicks, sample.DurationTicks));
                    bool inDecode = axis.Overlaps(dts, dtsEnd);
                    bool inPresentation = axis.Overlaps(pts, ptsEnd);
                    if (inDecode)
                    {
                        int column = axis.Column(dts);
                        DecodeColumns.Add(column, mark, sample.IsSync, notShown: false);
                        Offsets.Add(column, sample.PtsTicks - sample.DtsTicks);
                        Durations.Add(column, sample.DurationTicks);
                    }
                    if (newSample) Rates.Add(dts, sample.Size);
                    if (inPresentation) PresentationColumns.Add(axis.Column(pts), mark, sync: false, notShown: sample.IsDiscarded);

                    // Sync intervals: from each sync sample to the next, in decode time.
                    if (sample.IsSync && newSample)
                    {
                        if (lastSync >= 0) AddInterval(axis, new SyncInterval(lastSync, sinceSync, lastSyncDts, sample.DtsTicks), maxDetailed);
                        lastSync = sample.Sample;
                        lastSyncDts = sample.DtsTicks;
                        sinceSync = 0;
                    }
                    if (newSample) sinceSync++;
                    endDts = Math.Max(endDts, Ticks.SaturatingAdd(sample.DtsTicks, sample.DurationTicks));

                    if (inDecode || inPresentation)
                    {
                        SamplesInWindow++;
                        if (!Aggregated)
                        {
                            if (Marks.Count >= maxDetailed)
                            {
                                // Too many to draw one by one: the columns are drawn instead, and the marks let go.
                                Aggregated = true;
                                Marks.Clear();
                                Marks.TrimExcess();
                                SyncIntervals.Clear();
                                SyncIntervals.TrimExcess();
                            }
                            else
                            {
                                Marks.Add(new SampleMark
                                {
                                    Sample = sample.Sample,
                                    Order = order,
                                    DtsTicks = sample.DtsTicks,
                                    PtsTicks = sample.PtsTicks,
                                    DurationTicks = sample.DurationTicks,
                                    DecodeTicks = sample.DecodeTicks,
                                    CompositionTicks = sample.CompositionTicks,
                                    Size = sample.Size,
                                    PictureType = sample.PictureTypeValue,
                                    PictureKind = sample.PictureKind,
                                    IsSync = sample.IsSync,
                                    IsDiscarded = sample.IsDiscarded,
                                    Edit = sample.Edit,
                                    Class = mark,
                                    InDecodeRow = inDecode,
                                    InPresentationRow = inPresentation,
                                    FfmpegDiscard = ffmpegDiscard,
                                });
                            }
                        }
                    }
                    order++;
                }
            }
            catch (Mp4FormatException error)
            {
                ReadError ??= error.Message;
                if (!reportedRead) onError(error);
            }
            if (lastSync >= 0) AddInterval(axis, new SyncInterval(lastSync, sinceSync, lastSyncDts, endDts), maxDetailed);
        }

        private void AddInterval(TimeAxis axis, SyncInterval interval, int maxDetailed)
        {
            double start = Seconds(interval.StartTicks), end = Seconds(interval.EndTicks);
            if (!axis.Overlaps(start, end)) return;
            Intervals!.Add(axis.Column(Math.Max(start, axis.Start)), interval.EndTicks - interval.StartTicks);
            if (!Aggregated && SyncIntervals.Count <= maxDetailed) SyncIntervals.Add(interval);
        }

        /// <summary>Adds ffmpeg's pts, dts and flags to the marks (detailed tracks only): the model's packets, each matched to its sample.</summary>
        public void ReadFfmpegPackets()
        {
            if (_ffmpeg is null || Aggregated || Marks.Count == 0) return;
            var bySample = new Dictionary<long, SampleMark>();
            foreach (SampleMark mark in Marks)
            {
                if (!bySample.ContainsKey(mark.Sample)) bySample[mark.Sample] = mark;
            }
            var seen = new HashSet<long>();
            for (int k = 0; k < _ffmpeg.Packets.Count; k++)
            {
                FfmpegPacket packet = _ffmpeg.Packets[k];
                // The model numbers the samples of this movie from 1; the reading may go on from an earlier media segment.
                long sample = packet.Sample - 1 + _firstNumber;
                if (!bySample.TryGetValue(sample, out SampleMark? mark) || !seen.Add(sample)) continue;
                mark.FfmpegPts = packet.Pts;
                mark.FfmpegDts = packet.Dts;
                mark.FfmpegKey = packet.Key;
            }
        }

        /// <summary>
        /// showinfo's n for the marks (detailed tracks only): the track in presentation order, through a reorder window
        /// as deep as the track needs (<see cref="Mp4Movie.InPresentationOrder"/>), so memory stays flat.
        /// </summary>
        public void ReadPresentationOrder(SampleReadState? state)
        {
            if (Aggregated || Marks.Count == 0) return;
            var byTime = new Dictionary<(long Sample, long Pts), SampleMark>();
            foreach (SampleMark mark in Marks) byTime[(mark.Sample, mark.PtsTicks)] = mark;
            try
            {
                IEnumerable<SampleTiming> sorted = _movie.InPresentationOrder(Track, _movie.ReadSampleTimings(Track, state), TimingConvention.Iso, state, null);
                int found = 0;
                foreach (SampleTiming sample in sorted)
                {
                    if (sample.PresentationIndex is long n && byTime.TryGetValue((sample.Sample, sample.PtsTicks), out SampleMark? mark))
                    {
                        mark.PresentationIndex = n;
                        if (++found == byTime.Count) break;
                    }
                }
            }
            catch (Mp4FormatException error)
            {
                OrderNote = error.Message;
            }
            catch (InvalidOperationException error)
            {
                OrderNote = error.Message;
            }
        }
    }
}
