using System;

namespace Mp4Timing.Ffmpeg
{
    /// <summary>
    /// ffmpeg's index of one track: the entries of the moov samples as <see cref="FfmpegIndexEntry"/> (16 bytes each,
    /// rewritten by the edit list), then one entry per fragment sample, kept as its flags alone (a byte): the trun reader
    /// appends them in order, each for the next fragment sample, with a timestamp that runs on by the sample's duration
    /// within a trun, so the sample and the timestamp are those of <see cref="SampleOrigins"/> (its decode time plus what
    /// the trun's timestamps are ahead of it).
    /// </summary>
    internal sealed class FfmpegIndex
    {
        private readonly SampleOrigins _origins;
        private readonly SegmentedList<byte> _fragmentFlags = new SegmentedList<byte>();

        public FfmpegIndex(SampleOrigins origins) => _origins = origins;

        /// <summary>The entries of the moov samples (all of them until fragment samples follow).</summary>
        public SegmentedList<FfmpegIndexEntry> Moov { get; private set; } = new SegmentedList<FfmpegIndexEntry>();

        public int Count => Moov.Count + _fragmentFlags.Count;

        public FfmpegIndexEntry this[int k]
        {
            get
            {
                if (k < Moov.Count) return Moov[k];
                int fragmentSample = k - Moov.Count;
                if ((uint)fragmentSample >= (uint)_fragmentFlags.Count) throw new ArgumentOutOfRangeException(nameof(k));
                int sample = _origins.MoovCount + fragmentSample;
                return new FfmpegIndexEntry(_origins.FragmentTs(sample), sample, (EntryFlags)_fragmentFlags[fragmentSample]);
            }
        }

        /// <summary>Appends the entry of a moov sample.</summary>
        public void Add(in FfmpegIndexEntry entry)
        {
            if (_fragmentFlags.Count > 0) throw new InvalidOperationException("the moov entries come before the fragment samples'");
            Moov.Add(entry);
        }

        /// <summary>Replaces the moov entries (mov_fix_index's second index).</summary>
        public void ReplaceMoov(SegmentedList<FfmpegIndexEntry> entries)
        {
            if (_fragmentFlags.Count > 0) throw new InvalidOperationException("the moov entries come before the fragment samples'");
            Moov = entries;
        }

        /// <summary>Appends the entry of fragment sample <paramref name="sample"/>, the one after the last (its timestamp is in <see cref="SampleOrigins"/>).</summary>
        public void AddFragment(int sample, EntryFlags flags)
        {
            if (sample != _origins.MoovCount + _fragmentFlags.Count) throw new InvalidOperationException("fragment samples are indexed in order");
            _fragmentFlags.Add((byte)flags);
        }

        public void SetFlags(int k, EntryFlags flags)
        {
            if (k < Moov.Count) Moov[k].Flags = flags;
            else _fragmentFlags[k - Moov.Count] = (byte)flags;
        }

        /// <summary>Keeps the first <paramref name="count"/> entries.</summary>
        public void Truncate(int count)
        {
            if (count < 0 || count > Count) throw new ArgumentOutOfRangeException(nameof(count));
            if (count <= Moov.Count)
            {
                Moov.Truncate(count);
                _fragmentFlags.Truncate(0);
            }
            else
            {
                _fragmentFlags.Truncate(count - Moov.Count);
            }
        }
    }
}
