using System;
using System.Collections.Generic;
using Mp4Timing.Boxes;

namespace Mp4Timing.Timing
{
    /// <summary>
    /// The edit list as ISO/IEC 14496-12 defines it. Each edit plays media [media_time, media_time +
    /// duration) from the point the edits before it have reached on the presentation timeline; an empty
    /// edit (media_time -1) only moves that point; a dwell (media_rate 0) holds the sample at media_time.
    /// A sample appears once per edit that shows it; a sample no edit shows appears once, discarded.
    /// </summary>
    internal sealed class IsoEditList
    {
        private readonly Segment[] _segments;
        private readonly bool _hasEditList;
        private Showing[] _showings = new Showing[2];

        /// <summary>Edits a track may have: each sample is checked against every edit, so the count bounds the work per sample.</summary>
        internal const int MaxEdits = 4096;

        public IsoEditList(Mp4Track track, Action<Mp4FormatException>? onWarning)
        {
            _hasEditList = track.Edits.Count > 0;
            if (track.Edits.Count > MaxEdits)
            {
                throw new Mp4FormatException(Mp4ErrorKind.InvalidField, track.Path, track.EditListBoxPath, track.EditListOffset,
                    $"the edit list of track {track.TrackId} has {track.Edits.Count} entries; Mp4Timing maps up to {MaxEdits}");
            }
            try
            {
                _segments = ReadSegments(track, onWarning);
            }
            catch (OverflowException)
            {
                throw new Mp4FormatException(Mp4ErrorKind.TimestampOverflow, track.Path, track.EditListBoxPath, track.EditListOffset,
                    $"the edit list of track {track.TrackId} reaches times beyond the 64-bit tick range");
            }
        }

        private static Segment[] ReadSegments(Mp4Track track, Action<Mp4FormatException>? onWarning)
        {
            var segments = new List<Segment>();
            long presentationStart = 0;
            for (int i = 0; i < track.Edits.Count; i++)
            {
                EditListEntry edit = track.Edits[i];
                long startTicks = ToMediaTicks(presentationStart, track, roundUp: false);
                bool last = i == track.Edits.Count - 1;
                if (!edit.IsEmpty)
                {
                    if (edit.MediaTime < 0)
                    {
                        onWarning?.Invoke(new Mp4FormatException(Mp4ErrorKind.InvalidField, track.Path, track.EditListBoxPath, track.EditListOffset,
                            $"edit {i + 1} of track {track.TrackId} has media_time {edit.MediaTime}; only -1 (empty) is defined below 0, so the edit is ignored"));
                    }
                    else
                    {
                        if (edit.MediaRate != 0 && edit.MediaRate != 1)
                        {
                            onWarning?.Invoke(new Mp4FormatException(Mp4ErrorKind.InvalidField, track.Path, track.EditListBoxPath, track.EditListOffset,
                                $"edit {i + 1} of track {track.TrackId} plays at rate {edit.MediaRate}; times are given as if at rate 1"));
                        }
                        // segment_duration 0 on the last edit means "the rest of the media" (fragmented files).
                        long end = edit.SegmentDuration == 0 && last
                            ? long.MaxValue
                            : checked(edit.MediaTime + ToMediaTicks(edit.SegmentDuration, track, roundUp: true));
                        segments.Add(new Segment(i + 1, startTicks, edit.MediaTime, end, edit.MediaRate == 0));
                    }
                }
                presentationStart = checked(presentationStart + edit.SegmentDuration);
            }
            return segments.ToArray();
        }

        /// <summary>The showings of a sample with composition time <paramref name="cts"/> lasting <paramref name="duration"/>.</summary>
        public ReadOnlyShowings Map(long cts, long duration)
        {
            if (!_hasEditList)
            {
                _showings[0] = new Showing(0, null, cts, Saturated(cts, duration));
                return new ReadOnlyShowings(_showings, 1);
            }

            int count = 0;
            long end = checked(cts + duration);
            foreach (Segment segment in _segments)
            {
                bool shown;
                long shift, presentedStart, presentedEnd;
                if (segment.Dwell)
                {
                    shown = cts <= segment.MediaStart && (segment.MediaStart < end || (duration == 0 && cts == segment.MediaStart));
                    shift = checked(segment.PresentationStart - cts);
                    presentedStart = segment.PresentationStart;
                    presentedEnd = segment.MediaEnd == long.MaxValue ? long.MaxValue : Saturated(segment.PresentationStart, segment.MediaEnd - segment.MediaStart);
                }
                else
                {
                    shown = cts < segment.MediaEnd && (duration > 0 ? end > segment.MediaStart : cts >= segment.MediaStart);
                    shift = checked(segment.PresentationStart - segment.MediaStart);
                    presentedStart = Saturated(Math.Max(cts, segment.MediaStart), shift);
                    presentedEnd = Saturated(Math.Min(end, segment.MediaEnd), shift);
                }
                if (!shown) continue;
                if (count == _showings.Length) Array.Resize(ref _showings, count * 2);
                _showings[count++] = new Showing(shift, segment.Number, presentedStart, presentedEnd);
            }

            if (count == 0)
            {
                long nearest = NearestShift(cts);
                long at = Saturated(cts, nearest);
                _showings[0] = new Showing(nearest, null, at, at);
                return new ReadOnlyShowings(_showings, 1, discarded: true);
            }
            return new ReadOnlyShowings(_showings, count);
        }

        /// <summary>
        /// a + b, held at the ends of the 64-bit range: the presented interval is a summary, so it must not fail
        /// where the sample's own times (checked where they are given) do not.
        /// </summary>
        private static long Saturated(long a, long b)
        {
            long sum = unchecked(a + b);
            if (((a ^ sum) & (b ^ sum)) < 0) return a < 0 ? long.MinValue : long.MaxValue;
            return sum;
        }

        /// <summary>The shift of the edit nearest in media time: a discarded sample is placed as that edit would place it.</summary>
        private long NearestShift(long cts)
        {
            long best = long.MaxValue;
            long shift = 0;
            foreach (Segment segment in _segments)
            {
                if (segment.Dwell) continue;
                long distance = cts < segment.MediaStart ? segment.MediaStart - cts
                    : cts >= segment.MediaEnd ? cts - segment.MediaEnd + 1
                    : 0;
                if (distance < best)
                {
                    best = distance;
                    shift = segment.PresentationStart - segment.MediaStart;
                }
            }
            return shift;
        }

        /// <summary>Movie ticks to media ticks: rounded to nearest for positions, up for the exclusive end of an edit.</summary>
        private static long ToMediaTicks(long movieTicks, Mp4Track track, bool roundUp)
        {
            if (track.MovieTimescale == 0 || track.Timescale == 0) return movieTicks;
            decimal exact = (decimal)movieTicks * track.Timescale / track.MovieTimescale;
            decimal result = roundUp ? Math.Ceiling(exact) : Math.Round(exact, MidpointRounding.AwayFromZero);
            if (result > long.MaxValue) throw new OverflowException();
            return (long)result;
        }

        private readonly struct Segment
        {
            public Segment(int number, long presentationStart, long mediaStart, long mediaEnd, bool dwell)
            {
                Number = number;
                PresentationStart = presentationStart;
                MediaStart = mediaStart;
                MediaEnd = mediaEnd;
                Dwell = dwell;
            }

            public int Number { get; }

            public long PresentationStart { get; }

            public long MediaStart { get; }

            public long MediaEnd { get; }

            public bool Dwell { get; }
        }
    }

    /// <summary>
    /// One showing of a sample: the shift from media to presentation time, the edit that shows it, and the
    /// part of the presentation timeline it covers (the sample's interval clipped to the edit; a dwell covers
    /// the edit's duration; empty for a discarded sample).
    /// </summary>
    internal readonly struct Showing
    {
        public Showing(long shift, int? edit, long presentedStart, long presentedEnd)
        {
            Shift = shift;
            Edit = edit;
            PresentedStart = presentedStart;
            PresentedEnd = presentedEnd;
        }

        public long Shift { get; }

        public int? Edit { get; }

        /// <summary>Where the showing starts on the presentation timeline, in media ticks.</summary>
        public long PresentedStart { get; }

        /// <summary>Where it ends (exclusive), in media ticks; long.MaxValue for a dwell on an open-ended last edit.</summary>
        public long PresentedEnd { get; }
    }

    /// <summary>The showings of one sample (a view over a reused buffer; valid until the next Map).</summary>
    internal readonly struct ReadOnlyShowings
    {
        private readonly Showing[] _items;

        public ReadOnlyShowings(Showing[] items, int count, bool discarded = false)
        {
            _items = items;
            Count = count;
            Discarded = discarded;
        }

        public int Count { get; }

        public bool Discarded { get; }

        public Showing this[int index] => _items[index];
    }
}
