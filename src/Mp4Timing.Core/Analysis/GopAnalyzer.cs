using System.Collections.Generic;
using System.Text;
using Mp4Timing.Bitstream;
using Mp4Timing.Timing;

namespace Mp4Timing.Analysis
{
    /// <summary>Which sample headers <see cref="TrackAnalysis"/> reads for the GOP structure of a video track.</summary>
    internal enum PictureReading
    {
        /// <summary>None: the GOP length only (from the sync samples of the tables).</summary>
        None,

        /// <summary>
        /// The sync samples, the first GOP (up to <see cref="GopAnalyzer.PatternLength"/> samples) and the first sample:
        /// everything but MaxConsecutiveBFrames, at the cost of reading a few KB per sync sample. The readers keep what the
        /// samples read carry (parameter sets, reference slots): a sync sample is typed as if the samples between were not
        /// there, which changes nothing for pictures that start a GOP.
        /// </summary>
        SyncSamples,

        /// <summary>Every sample, for MaxConsecutiveBFrames too: the cost of Get-Mp4SampleTiming -PictureType.</summary>
        EverySample,
    }

    /// <summary>
    /// The GOP structure of a video track, from the sample tables and the picture headers, in the one pass of
    /// <see cref="TrackAnalyzer"/>: whether every GOP is closed, the usual GOP length, the first GOP's picture types,
    /// the longest run of B pictures, and the <see cref="RandomAccessFacts"/> the rules need. Memory does not grow
    /// with the number of samples: one sync sample is pending at a time (until it is known whether pictures shown
    /// before it follow it) and the GOP lengths are counted per distinct length.
    /// </summary>
    internal sealed class GopAnalyzer
    {
        /// <summary>Pictures of the first GOP that <see cref="TrackInfo.GopPattern"/> shows; a longer GOP ends with "...".</summary>
        internal const int PatternLength = 64;

        /// <summary>Distinct GOP lengths counted: far more than any encoder makes; lengths first met after these are not counted.</summary>
        internal const int MaxDistinctLengths = 1024;

        private readonly PictureReader? _pictures;
        private readonly bool _everySample;
        private readonly RandomAccessFacts _facts = new RandomAccessFacts();
        private readonly Dictionary<long, long> _lengths = new Dictionary<long, long>();
        private readonly StringBuilder _pattern = new StringBuilder(PatternLength + 3);

        private long _samples;
        private long _lastNumber;
        private long _firstSync;
        private long _lastSync;
        private bool _patternOpen;
        private bool _patternDone;
        private int _bRun;
        private int _maxBRun;
        private bool _sawPicture;
        private uint? _fragment;

        private SamplePicture? _pending;
        private long _pendingComposition;
        private bool _pendingLeading;
        private bool _pendingStartsFragment;
        private long _closed;
        private long _open;

        /// <param name="pictures">The reader of the track's picture headers; null when they are not read (an unknown codec, data in another file).</param>
        /// <param name="everySample">Read every sample's header (for the B-picture runs), not only the sync samples and the first GOP.</param>
        public GopAnalyzer(PictureReader? pictures, bool everySample)
        {
            _pictures = pictures;
            _everySample = everySample && pictures is not null;
        }

        /// <summary>Takes the next sample in decode order; <paramref name="ptsTicks"/> is its first presentation time after the edit list.</summary>
        public void Add(in RawSample sample, long? ptsTicks)
        {
            _samples++;
            _lastNumber = sample.Number;
            bool startsFragment = sample.Fragment is uint fragment && fragment != _fragment;
            _fragment = sample.Fragment;

            if (sample.IsSync)
            {
                FinishPending();
                CountLength(sample.Number);
                if (!_patternOpen && !_patternDone) _patternOpen = true;
                else if (_patternOpen) ClosePattern(truncated: false);
            }
            else if (_pending.HasValue && sample.CompositionTicks < _pendingComposition)
            {
                // Shown before the sync sample it follows: a leading picture.
                _pendingLeading = true;
            }

            bool inPattern = _patternOpen && _pattern.Length < PatternLength;
            if (_patternOpen && !inPattern) ClosePattern(truncated: true);
            bool read = _pictures is not null && (_everySample || sample.IsSync || inPattern || _samples == 1);
            Picture picture = read ? _pictures!.Read(sample.SampleDescriptionIndex, sample.Offset, sample.Size) : Picture.Unknown;
            if (read && picture.Kind is not null) _sawPicture = true;

            if (inPattern) _pattern.Append(Picture.FfmpegChar(picture.Type));
            if (_everySample)
            {
                _bRun = picture.Type is PictureType.B or PictureType.BI ? _bRun + 1 : 0;
                if (_bRun > _maxBRun) _maxBRun = _bRun;
            }

            var here = new SamplePicture(sample.Number, ptsTicks, sample.Fragment, picture, sample.IsSync ? GopStart.Unknown : GopStart.NotSync);
            if (_samples == 1 && !sample.IsSync) _facts.FirstSample = here;
            if (!sample.IsSync) return;

            _facts.SyncSamples++;
            _facts.FirstSyncSample ??= here;
            if (startsFragment) _facts.FragmentsStartingOnSync++;
            _pending = here;
            _pendingComposition = sample.CompositionTicks;
            _pendingLeading = false;
            _pendingStartsFragment = startsFragment;
        }

        /// <summary>Fills the GOP properties of <paramref name="info"/> (a video track's).</summary>
        public void Finish(TrackInfo info)
        {
            FinishPending();
            if (_patternOpen) ClosePattern(truncated: false);

            info.GopLength = TypicalLength();
            if (_pictures is null || !_sawPicture) return;

            info.RandomAccess = _facts;
            if (_pattern.Length > 0) info.GopPattern = _pattern.ToString();
            if (_open > 0) info.ClosedGop = false;
            else if (_closed > 0 && _facts.UnreadSyncSamples.Count == 0) info.ClosedGop = true;
            if (_everySample) info.MaxConsecutiveBFrames = _maxBRun;
        }

        /// <summary>Decides whether the pending sync sample starts a closed GOP, now that the pictures up to the next sync sample are known.</summary>
        private void FinishPending()
        {
            if (_pending is not SamplePicture pending) return;
            _pending = null;
            Picture picture = pending.Picture;
            GopStart start = picture.Kind is null ? GopStart.Unknown : picture.Access switch
            {
                RandomAccess.Closed => GopStart.Closed,
                RandomAccess.OpenIfLeading => _pendingLeading ? GopStart.Open : GopStart.Closed,
                _ => GopStart.Open,
            };
            SamplePicture judged = pending.WithStart(start);

            if (_facts.FirstSample is null) _facts.FirstSample = judged;
            if (_facts.FirstSyncSample?.Number == judged.Number) _facts.FirstSyncSample = judged;
            switch (start)
            {
                case GopStart.Closed:
                    _closed++;
                    break;
                case GopStart.Open:
                    _open++;
                    _facts.OpenSyncSamples.Add(judged);
                    if (_pendingStartsFragment) _facts.OpenFragmentStarts.Add(judged);
                    break;
                default:
                    _facts.UnreadSyncSamples.Add(judged);
                    break;
            }
            if (picture.Kind is not null) _facts.SyncSamplesRead++;
            if (picture.Type is not null && !picture.IsIntra) _facts.NonIntraSyncSamples.Add(judged);
        }

        private void CountLength(long number)
        {
            if (_lastSync > 0)
            {
                long length = number - _lastSync;
                if (_lengths.TryGetValue(length, out long count)) _lengths[length] = count + 1;
                else if (_lengths.Count < MaxDistinctLengths) _lengths[length] = 1;
            }
            else
            {
                _firstSync = number;
            }
            _lastSync = number;
        }

        /// <summary>
        /// The most common number of samples from one sync sample to the next (the longer of equally common ones); with
        /// one sync sample, the samples from it to the end. Null without sync samples.
        /// </summary>
        private long? TypicalLength()
        {
            if (_lastSync == 0) return null;
            if (_lengths.Count == 0) return _lastNumber - _firstSync + 1;
            long best = 0, bestCount = 0;
            foreach (KeyValuePair<long, long> entry in _lengths)
            {
                if (entry.Value > bestCount || (entry.Value == bestCount && entry.Key > best))
                {
                    best = entry.Key;
                    bestCount = entry.Value;
                }
            }
            return best;
        }

        private void ClosePattern(bool truncated)
        {
            if (truncated) _pattern.Append("...");
            _patternOpen = false;
            _patternDone = true;
        }
    }
}
