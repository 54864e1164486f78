using System;

namespace Mp4Timing.Report
{
    /// <summary>How a sample's mark is coloured: by picture type for video, one colour for other tracks, grey when ffmpeg flags it D.</summary>
    internal enum MarkClass
    {
        /// <summary>Intra picture (I, and H.264's SI).</summary>
        I,
        /// <summary>Predicted picture (P, SP, MPEG-4's S).</summary>
        P,
        /// <summary>Bi-predicted picture (B, VC-1's BI).</summary>
        B,
        /// <summary>Video whose picture type the headers do not give.</summary>
        Unknown,
        /// <summary>A sample of a track that is not video (sound, text...).</summary>
        Other,
        /// <summary>Decoded but not shown by ffmpeg (flag D): greyed, whatever its type.</summary>
        Discarded,
    }

    internal static class MarkClasses
    {
        public const int Count = 6;

        /// <summary>The CSS class of a mark.</summary>
        public static string Css(MarkClass mark) => mark switch
        {
            MarkClass.I => "I",
            MarkClass.P => "P",
            MarkClass.B => "B",
            MarkClass.Unknown => "U",
            MarkClass.Other => "A",
            _ => "D",
        };

        public static string Name(MarkClass mark) => mark switch
        {
            MarkClass.I => "I",
            MarkClass.P => "P",
            MarkClass.B => "B",
            MarkClass.Unknown => "of unknown type",
            MarkClass.Other => "",
            _ => "flagged D by ffmpeg",
        };

        public static MarkClass Of(bool video, PictureType? type, bool ffmpegDiscarded)
        {
            if (ffmpegDiscarded) return MarkClass.Discarded;
            if (!video) return MarkClass.Other;
            return type switch
            {
                PictureType.I or PictureType.SI => MarkClass.I,
                PictureType.P or PictureType.SP or PictureType.S => MarkClass.P,
                PictureType.B or PictureType.BI => MarkClass.B,
                _ => MarkClass.Unknown,
            };
        }
    }

    /// <summary>One sample of the window, kept to be drawn one by one (only up to <see cref="TimelineOptions.MaxDetailedSamples"/> per track).</summary>
    internal sealed class SampleMark
    {
        public long Sample;
        /// <summary>0-based place in decode order within the reading (stable order for equal presentation times).</summary>
        public long Order;
        public long DtsTicks;
        public long PtsTicks;
        public long DurationTicks;
        public long DecodeTicks;
        public long CompositionTicks;
        public long Size;
        public PictureType? PictureType;
        public string? PictureKind;
        public bool IsSync;
        /// <summary>No edit shows it (ISO).</summary>
        public bool IsDiscarded;
        public int? Edit;
        public MarkClass Class;
        public bool InDecodeRow;
        public bool InPresentationRow;
        /// <summary>showinfo's n: the rank among the shown samples of the track in presentation order.</summary>
        public long? PresentationIndex;
        public long? FfmpegPts;
        public long? FfmpegDts;
        public bool FfmpegKey;
        public bool FfmpegDiscard;
    }

    /// <summary>A run of decode time from one sync sample to the next: how far back a seek may have to go.</summary>
    internal readonly struct SyncInterval
    {
        public SyncInterval(long sample, long samples, long startTicks, long endTicks)
        {
            Sample = sample;
            Samples = samples;
            StartTicks = startTicks;
            EndTicks = endTicks;
        }

        /// <summary>The sync sample that starts it.</summary>
        public long Sample { get; }

        public long Samples { get; }

        /// <summary>Its decode time on the presentation timeline (DTS), in ticks.</summary>
        public long StartTicks { get; }

        /// <summary>The next sync sample's DTS (or the end of the last sample).</summary>
        public long EndTicks { get; }
    }

    /// <summary>Counts of marks per pixel column and class: the aggregated form of a row of marks.</summary>
    internal sealed class ColumnTally
    {
        private readonly int[] _counts;
        private readonly int[] _sync;
        private readonly int[] _notShown;

        public ColumnTally(int columns)
        {
            Columns = columns;
            _counts = new int[columns * MarkClasses.Count];
            _sync = new int[columns];
            _notShown = new int[columns];
        }

        public int Columns { get; }

        public void Add(int column, MarkClass mark, bool sync, bool notShown)
        {
            _counts[column * MarkClasses.Count + (int)mark]++;
            if (sync) _sync[column]++;
            if (notShown) _notShown[column]++;
        }

        public int Count(int column, MarkClass mark) => _counts[column * MarkClasses.Count + (int)mark];

        public int Total(int column)
        {
            int total = 0;
            for (int k = 0; k < MarkClasses.Count; k++) total += _counts[column * MarkClasses.Count + k];
            return total;
        }

        public int Sync(int column) => _sync[column];

        /// <summary>Samples no edit shows (ISO), in the presentation row.</summary>
        public int NotShown(int column) => _notShown[column];
    }

    /// <summary>The smallest and largest value per pixel column (an aggregated chart), with how many values fell in each.</summary>
    internal sealed class ColumnRange
    {
        private readonly long[] _min;
        private readonly long[] _max;
        private readonly int[] _count;

        public ColumnRange(int columns)
        {
            _min = new long[columns];
            _max = new long[columns];
            _count = new int[columns];
        }

        public int Columns => _count.Length;

        public void Add(int column, long value)
        {
            if (_count[column]++ == 0)
            {
                _min[column] = value;
                _max[column] = value;
                return;
            }
            if (value < _min[column]) _min[column] = value;
            if (value > _max[column]) _max[column] = value;
        }

        public int Count(int column) => _count[column];

        public long Min(int column) => _min[column];

        public long Max(int column) => _max[column];
    }

    /// <summary>
    /// Bytes of the samples whose decode time falls in each bin of whole seconds (of the presentation timeline: bins start
    /// at multiples of <see cref="BinSeconds"/>), over the bins the window overlaps: the bit rate chart.
    /// </summary>
    internal sealed class RateBins
    {
        private readonly long[] _bytes;
        private readonly int[] _samples;
        private readonly double _first;

        public RateBins(double start, double end, int maxBins)
        {
            // One second a bin, or as many whole seconds as keep the bins within the plot's columns.
            BinSeconds = Math.Max(1, Math.Ceiling((end - start) / maxBins));
            _first = Math.Floor(start / BinSeconds);
            int bins = (int)Math.Max(1, Math.Ceiling(end / BinSeconds) - _first);
            _bytes = new long[bins];
            _samples = new int[bins];
        }

        public double BinSeconds { get; }

        public int Count => _bytes.Length;

        public void Add(double decodeSeconds, long size)
        {
            double bin = Math.Floor(decodeSeconds / BinSeconds) - _first;
            if (bin < 0 || bin >= _bytes.Length) return;
            _bytes[(int)bin] += size;
            _samples[(int)bin]++;
        }

        public double BinStart(int bin) => (_first + bin) * BinSeconds;

        public double BinEnd(int bin) => (_first + bin + 1) * BinSeconds;

        public long Bytes(int bin) => _bytes[bin];

        public int Samples(int bin) => _samples[bin];

        /// <summary>The bits of the bin's samples per second of the bin.</summary>
        public double BitsPerSecond(int bin) => _bytes[bin] * 8.0 / BinSeconds;
    }
}
