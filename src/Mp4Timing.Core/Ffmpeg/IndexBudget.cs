using System;

namespace Mp4Timing.Ffmpeg
{
    /// <summary>
    /// How many index entries the ffmpeg model may hold for one file. Like ffmpeg, the model keeps every
    /// sample the tables claim in memory, but a count is only a claim: a 12-byte trun or stsz can claim four
    /// billion samples. Every sample of a real file is backed by at least half a byte: its data in the file
    /// (ffmpeg drops empty fragment samples) or its entry in a size table (4 bits in stz2, 4 bytes in trun).
    /// So the model indexes at most two samples per byte of the file (the copies an edit list makes while
    /// mov_fix_index rebuilds the index count too: edits that repeat the samples thousands of times are
    /// no real file either), and never more than
    /// <see cref="MaxEntries"/>; a file that claims more fails with <see cref="Mp4FormatException"/> instead
    /// of exhausting memory (ffprobe would stop at the first packet whose data lies past the end of the file).
    /// </summary>
    internal sealed class IndexBudget
    {
        /// <summary>The most index entries for one file: days of 60 fps video, about 10 GB of model.</summary>
        public const long MaxEntries = 50_000_000;

        private const long Floor = 1024;

        private readonly long _limit;
        private long _used;

        public IndexBudget(long fileLength)
        {
            _limit = Math.Min(MaxEntries, Math.Max(0, fileLength) * 2 + Floor);
        }

        /// <summary>Counts one more index entry of <paramref name="track"/>, whose count was claimed by <paramref name="table"/>.</summary>
        public void Take(Mp4Track track, Box table)
        {
            if (++_used > _limit) throw TooMany(track, table.BoxPath, table.Offset, "claims more samples than the file can hold");
        }

        /// <summary>Counts one more entry of the index the edit list rebuilds (mov_fix_index copies samples once per edit that shows them).</summary>
        public void TakeEdited(Mp4Track track)
        {
            if (++_used > _limit) throw TooMany(track, track.EditListBoxPath, track.EditListOffset, "has an edit list that repeats its samples more often than the file can hold");
        }

        /// <summary>Checks, before anything is allocated for them, that <paramref name="count"/> per-sample values fit the limit.</summary>
        public void Check(Mp4Track track, Box table, long count)
        {
            if (count > _limit) throw TooMany(track, table.BoxPath, table.Offset, "claims more samples than the file can hold");
        }

        private Mp4FormatException TooMany(Mp4Track track, string? boxPath, long offset, string what) =>
            new Mp4FormatException(Mp4ErrorKind.InvalidField, track.Path, boxPath, offset,
                $"track {track.TrackId} {what}: the ffmpeg model indexes at most {_limit} samples " +
                $"for a file of this size (two per byte, at most {MaxEntries}); the ISO convention reads the samples without an index");
    }
}
