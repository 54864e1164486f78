using System;
using System.Collections.Generic;
using System.Linq;
using Mp4Timing.Bitstream;
using Mp4Timing.Boxes;
using Mp4Timing.Timing;

namespace Mp4Timing.Analysis
{
    /// <summary>
    /// Computes a <see cref="TrackInfo"/> from a track's boxes and one pass over its samples as the tables
    /// store them (no per-sample object): counts, sizes, durations, sync intervals, the peak bit rate
    /// (<see cref="PeakRateWindow"/>), reordering (<see cref="ReorderWindow{T}"/>), frame-rate regularity
    /// (<see cref="ConstantRateCheck"/>), the presented span through the ISO edit list and, for video, the GOP
    /// structure (<see cref="GopAnalyzer"/>, which reads picture headers). Memory does not grow with the number of samples.
    /// </summary>
    internal sealed class TrackAnalyzer
    {
        /// <summary>Samples the reorder window holds: far beyond any decoder's reorder buffer (H.264 and HEVC allow 16).</summary>
        internal const int ReorderCapacity = 1024;

        private static readonly FourCC Sinf = FourCC.Parse("sinf");
        private static readonly FourCC Schi = FourCC.Parse("schi");

        private static readonly HashSet<string> StoredDepthAudio = new HashSet<string>(StringComparer.Ordinal)
        {
            "lpcm", "ipcm", "fpcm", "sowt", "twos", "in24", "in32", "fl32", "fl64", "raw ", "alac", "fLaC",
        };

        private readonly Mp4Track _track;
        private readonly IsoEditList _edits;
        private readonly PeakRateWindow? _peak;
        private readonly ReorderWindow<long> _reorder = new ReorderWindow<long>(ReorderCapacity);
        private readonly ConstantRateCheck _rate;
        private readonly GopAnalyzer? _gop;
        private readonly SyncIntervals _syncIntervals;

        private long _samples;
        private long _size;
        private long _duration;
        private long _minDuration = long.MaxValue;
        private long _maxDuration = long.MinValue;
        private long? _firstComposition;
        private long _firstNumber;
        private long _firstDecode;
        private long _mediaStart = long.MaxValue;
        private long _mediaEnd = long.MinValue;
        private long? _start;
        private long? _end;
        private long _fragments;
        private uint? _fragment;
        private long _firstOffset;
        private long _firstSize;

        private TrackAnalyzer(Mp4Track track, Action<Mp4FormatException> onWarning, GopAnalyzer? gop, ConstantRateCheck? rate, SyncIntervals? syncIntervals)
        {
            _track = track;
            _rate = rate ?? new ConstantRateCheck();
            _syncIntervals = syncIntervals ?? new SyncIntervals();
            _edits = new IsoEditList(track, onWarning);
            _peak = track.Timescale > 0 ? new PeakRateWindow(track.Timescale) : null;
            _gop = gop;
        }

        /// <summary>
        /// The summary of <paramref name="track"/>; for video, <paramref name="pictures"/> says which picture headers are
        /// read for the GOP structure. Damage met while reading the samples goes to <paramref name="onError"/> and is named
        /// in <see cref="TrackInfo.ReadError"/>; the values then describe the samples read before it.
        /// </summary>
        public static TrackInfo Analyze(Mp4Movie movie, Mp4Track track, SampleReadState? state, FfmpegStartTimes? ffmpeg, PictureReading pictures,
            Action<Mp4FormatException> onError) =>
            Run(movie, track, state, ffmpeg, pictures, onError, null).Info;

        /// <summary>
        /// As <see cref="Analyze"/>, and in the same pass each sample goes to <paramref name="observer"/> with its showings
        /// and times on the presentation timeline (the timing rules look at the samples this way). The analyzer is returned for the
        /// measures the summary leaves out (<see cref="Rate"/>, <see cref="MediaStart"/>, <see cref="MediaEnd"/>). The rate and
        /// the sync intervals are measured with <paramref name="rate"/> and <paramref name="syncIntervals"/> when given, so that
        /// an observer can watch them as the samples go by (and read what the summary leaves out of them).
        /// </summary>
        internal static TrackAnalyzer Run(Mp4Movie movie, Mp4Track track, SampleReadState? state, FfmpegStartTimes? ffmpeg, PictureReading pictures,
            Action<Mp4FormatException> onError, ISampleObserver? observer, ConstantRateCheck? rate = null, SyncIntervals? syncIntervals = null)
        {
            TrackTables tables = movie.TablesOf(track);
            var info = new TrackInfo(track, movie.Path, ffmpeg)
            {
                InitSegment = movie.InitSegmentPath,
                IsFragmented = movie.IsFragmented,
            };
            Describe(info, tables);

            var analyzer = new TrackAnalyzer(track, movie.OnWarning, GopOf(movie, tables, pictures), rate, syncIntervals) { Info = info };
            try
            {
                foreach (RawSample sample in movie.ReadRawSamples(track, state, yieldFirstPastEnd: observer is not null))
                {
                    ReadOnlyShowings showings = analyzer.Add(sample, out TimelineTimes times);
                    observer?.Add(sample, showings, times);
                }
            }
            catch (Mp4FormatException error)
            {
                info.ReadError = error.Message;
                onError(error);
            }
            catch (OverflowException)
            {
                var error = new Mp4FormatException(Mp4ErrorKind.TimestampOverflow, movie.Path, tables.StblPath, tables.StblOffset,
                    $"the times or sizes of track {track.TrackId} leave the 64-bit range after sample {analyzer._samples}");
                info.ReadError = error.Message;
                onError(error);
            }
            analyzer.Finish(info);
            if (IsMpegAudio(tables) && analyzer._firstSize >= 4 && !tables.DataIsExternal) ReadMpegAudioHeader(movie, info, analyzer._firstOffset);
            return analyzer;
        }

        /// <summary>The GOP analysis of a video track: with a picture header reader when headers are to be read and can be.</summary>
        private static GopAnalyzer? GopOf(Mp4Movie movie, TrackTables tables, PictureReading reading)
        {
            if (tables.Track.Kind != TrackKind.Video) return null;
            PictureReader? pictures = null;
            if (reading != PictureReading.None && !tables.DataIsExternal)
            {
                // Sync samples lie far apart: reading past one brings bytes no header needs.
                int readBytes = reading == PictureReading.EverySample ? PictureReader.BatchReadBytes : PictureReader.SparseReadBytes;
                pictures = new PictureReader(movie.Stream, movie.Path, tables.SampleEntries, readBytes);
                if (!pictures.ReadsAny) pictures = null;
            }
            return new GopAnalyzer(pictures, reading == PictureReading.EverySample);
        }

        /// <summary>The summary made by <see cref="Run"/>.</summary>
        internal TrackInfo Info { get; private set; } = null!;

        /// <summary>Whether the sample durations are those of one constant rate (TrackInfo.FrameRateMode), with the durations it saw.</summary>
        internal ConstantRateCheck Rate => _rate;

        /// <summary>The number of the first sample read (1, or the number a piped segment goes on from); null without samples.</summary>
        internal long? FirstSample => _samples == 0 ? (long?)null : _firstNumber;

        /// <summary>The decode time of the first sample read (a fragmented file's first tfdt); null without samples.</summary>
        internal long? FirstDecode => _samples == 0 ? (long?)null : _firstDecode;

        /// <summary>The earliest composition time of any sample (the start of the media), in media ticks; null without samples.</summary>
        internal long? MediaStart => _samples == 0 ? (long?)null : _mediaStart;

        /// <summary>The latest composition time plus duration of any sample (the end of the media), in media ticks; null without samples.</summary>
        internal long? MediaEnd => _samples == 0 ? (long?)null : _mediaEnd;

        private static bool IsMpegAudio(TrackTables tables) => tables.SampleEntries.FirstOrDefault() is AudioSampleEntry audio && CodecStrings.IsMpegAudio(audio);

        /// <summary>Sample rate and channels from the first frame's header (the entry's channelcount is a template 2).</summary>
        private static void ReadMpegAudioHeader(Mp4Movie movie, TrackInfo info, long offset)
        {
            var reader = new IO.BoxDataReader(movie.Stream, movie.Path, 32);
            if (offset < 0 || offset > reader.StreamLength - 4) return;
            reader.Seek(offset, offset + 4);
            if (!MpegAudioHeader.TryRead(reader.ReadUInt32(), out MpegAudioHeader header)) return;
            info.SampleRate = header.SampleRate;
            info.Channels = header.Channels;
        }

        /// <summary>What the boxes say: names, codec, picture and sound, durations as stored, the edit list.</summary>
        private static void Describe(TrackInfo info, TrackTables tables)
        {
            Mp4Track track = tables.Track;
            info.Name = tables.Handler?.Name ?? "";
            info.Language = tables.MediaHeader?.Language ?? "";
            info.TkhdDuration = tables.TrackHeader?.Duration ?? -1;
            info.IsEnabled = tables.TrackHeader?.Enabled ?? false;
            if (tables.TrackHeader is { } tkhd && (tkhd.Width != 0 || tkhd.Height != 0))
            {
                info.DisplayWidth = tkhd.Width;
                info.DisplayHeight = tkhd.Height;
            }
            info.SampleDescriptionCount = tables.SampleEntries.Count;
            info.EditList = Edits(track);

            SampleEntry? entry = tables.SampleEntries.FirstOrDefault();
            if (entry is null) return;
            info.Codec = entry.Type;
            info.OriginalFormat = CodecStrings.OriginalFormat(entry);
            info.CodecString = CodecStrings.Of(entry);
            if (entry.Child(Sinf) is { } sinf)
            {
                info.IsEncrypted = sinf.Child<SchemeTypeBox>() is not null || sinf.Child(Schi) is not null || info.Codec != info.OriginalFormat;
                info.Scheme = sinf.Child<SchemeTypeBox>()?.SchemeType;
            }

            switch (entry)
            {
                case VisualSampleEntry visual:
                    info.Width = visual.Width;
                    info.Height = visual.Height;
                    info.BitDepth = visual.Child<HevcConfigurationBox>()?.BitDepthLuma
                        ?? visual.Child<Av1ConfigurationBox>()?.BitDepth
                        ?? visual.Child<VpConfigurationBox>()?.BitDepth
                        ?? visual.Child<AvcConfigurationBox>()?.BitDepthLuma;
                    break;
                case AudioSampleEntry audio:
                    DescribeSound(info, audio);
                    break;
            }
        }

        /// <summary>
        /// Sample rate and channels: the sample entry's, unless the codec's own configuration says better (ISO files
        /// write channelcount 2 and samplesize 16 whatever the stream holds, as 14496-12 templates them).
        /// </summary>
        private static void DescribeSound(TrackInfo info, AudioSampleEntry audio)
        {
            info.SampleRate = audio.SampleRate;
            info.Channels = audio.ChannelCount > 0 ? (int)Math.Min(audio.ChannelCount, int.MaxValue) : (int?)null;
            if (StoredDepthAudio.Contains(info.OriginalFormat) && audio.SampleSize > 0) info.BitDepth = audio.SampleSize;

            ElementaryStreamDescriptorBox? esds = CodecStrings.EsdsOf(audio);
            if (esds is not null && esds.ObjectTypeIndication == 0x40)
            {
                // AudioSpecificConfig; with explicit SBR the output rate is the extension's.
                if ((esds.ExtensionSamplingFrequency ?? esds.SamplingFrequency) is int frequency && frequency > 0) info.SampleRate = frequency;
                if (esds.ChannelConfiguration is int configuration && AacChannels(configuration) is int channels) info.Channels = channels;
            }
            switch (info.OriginalFormat)
            {
                case "Opus":
                    // Opus decodes at 48 kHz whatever rate was encoded (RFC 7845 5.1; Opus-in-ISOBMFF 4.3.1).
                    info.SampleRate = 48000;
                    if (audio.Child<OpusSpecificBox>() is { OutputChannelCount: > 0 } dOps) info.Channels = dOps.OutputChannelCount;
                    break;
                case "ac-3":
                    if (audio.Child<Ac3SpecificBox>() is { } dac3) info.Channels = dac3.Channels;
                    break;
                case "ec-3":
                    if (audio.Child<Ec3SpecificBox>() is { } dec3) info.Channels = dec3.Channels;
                    break;
                case "alac":
                    if (audio.Child<AlacSpecificBox>() is { } alac)
                    {
                        if (alac.ChannelCount > 0) info.Channels = alac.ChannelCount;
                        if (alac.BitDepth > 0) info.BitDepth = alac.BitDepth;
                        if (alac.SampleRate > 0) info.SampleRate = alac.SampleRate;
                    }
                    break;
                case "samr":
                case "sawb":
                    // AMR and AMR-WB are mono; 3GPP TS 26.244 fixes the entry's channelcount at 2 and ignores it.
                    info.Channels = 1;
                    break;
                case "mha1":
                case "mha2":
                case "mhm1":
                case "mhm2":
                    info.Channels = audio.Child<MpegHConfigurationBox>()?.Channels;
                    break;
            }
        }

        /// <summary>The channels of an MPEG-4 Audio channelConfiguration (ISO/IEC 14496-3 1.6.3.4); null for 0 (a program config element says).</summary>
        private static int? AacChannels(int configuration) => configuration switch
        {
            >= 1 and <= 6 => configuration,
            7 => 8,
            11 => 7,
            12 => 8,
            13 => 24,
            14 => 8,
            _ => null,
        };

        private static IReadOnlyList<TrackEdit> Edits(Mp4Track track)
        {
            var edits = new TrackEdit[track.Edits.Count];
            long start = 0;
            for (int i = 0; i < edits.Length; i++)
            {
                edits[i] = new TrackEdit(i + 1, track.Edits[i], track.MovieTimescale, track.Timescale, start);
                start = start > long.MaxValue - track.Edits[i].SegmentDuration ? long.MaxValue : start + track.Edits[i].SegmentDuration;
            }
            return edits;
        }

        /// <summary>Counts a sample in; its showings, and in <paramref name="times"/> its times on the presentation timeline.</summary>
        private ReadOnlyShowings Add(in RawSample sample, out TimelineTimes times)
        {
            long decode = sample.DecodeTicks;
            long duration = sample.DurationTicks;
            long composition = sample.CompositionTicks;
            if (_samples == 0)
            {
                _firstNumber = sample.Number;
                _firstDecode = decode;
                _firstComposition = composition;
                _firstOffset = sample.Offset;
                _firstSize = sample.Size;
            }
            _samples++;
            _size = checked(_size + sample.Size);
            _duration = checked(_duration + duration);
            if (duration < _minDuration) _minDuration = duration;
            if (duration > _maxDuration) _maxDuration = duration;
            if (composition < _mediaStart) _mediaStart = composition;
            long compositionEnd = checked(composition + duration);
            if (compositionEnd > _mediaEnd) _mediaEnd = compositionEnd;
            _rate.Add(sample.Number, duration);
            _peak?.Add(decode, sample.Size);
            _reorder.Add(composition, sample.Number, out _, out _);
            _syncIntervals.Add(sample.Number, decode, duration, sample.IsSync);

            if (sample.Fragment is uint fragment && fragment != _fragment) _fragments++;
            _fragment = sample.Fragment;

            ReadOnlyShowings showings = _edits.Map(composition, duration);
            times = TimelineTimes.Of(composition, decode, showings[0].Shift);
            _gop?.Add(sample, times.Pts);
            if (showings.Discarded) return showings;
            for (int i = 0; i < showings.Count; i++)
            {
                Showing showing = showings[i];
                if (_start is null || showing.PresentedStart < _start) _start = showing.PresentedStart;
                if (_end is null || showing.PresentedEnd > _end) _end = showing.PresentedEnd;
            }
            return showings;
        }

        private void Finish(TrackInfo info)
        {
            while (_reorder.TryRelease(out _, out _))
            {
            }
            _syncIntervals.Finish();
            info.SampleCount = _samples;
            info.SyncSampleCount = _syncIntervals.SyncCount;
            info.Size = _size;
            info.MediaDurationTicks = _duration;
            info.FragmentCount = _fragments;
            // Samples that all last 0 ticks have no rate to be constant or variable.
            info.FrameRateModeValue = _duration > 0 ? _rate.Result : null;
            info.ReorderDepth = _reorder.Exceeded ? ReorderCapacity + 1 : _reorder.MaxDisplacement;
            long peak = _peak?.Finish() ?? 0;
            info.MaxBitRate = peak > long.MaxValue / 8 ? long.MaxValue : peak * 8;
            info.StartTimeTicks = _start;
            info.EndTimeTicks = _end;
            _gop?.Finish(info);
            if (_samples == 0) return;

            info.MinSampleDurationTicks = _minDuration;
            info.MaxSampleDurationTicks = _maxDuration;
            if (_syncIntervals.SyncCount > 0)
            {
                info.MaxSyncInterval = Seconds.FromTicks(_syncIntervals.Longest, _track.Timescale);
            }
            if (_track.Kind == TrackKind.Audio)
            {
                // The media before the first presented edit's media_time: what the edit list skips.
                EditListEntry? first = _track.Edits.FirstOrDefault(e => !e.IsEmpty && e.MediaTime >= 0);
                long skipped = first is null ? 0 : first.MediaTime - _firstComposition!.Value;
                info.PrimingTicks = Math.Max(0, skipped);
            }
        }
    }
}
