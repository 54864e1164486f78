using System;

namespace Mp4Timing.Ffmpeg
{
    /// <summary>What an index entry carries besides its numbers: ffmpeg's flags and the rules only it can tell.</summary>
    [Flags]
    internal enum EntryFlags : byte
    {
        None = 0,
        /// <summary>AVINDEX_KEYFRAME (after the bitstream parser, once the track is finished).</summary>
        Key = 1,
        /// <summary>AVINDEX_DISCARD_FRAME: the packet gets flag D.</summary>
        Discard = 2,
        /// <summary>Outside every edit (mov_fix_index).</summary>
        OutsideEdit = 4,
        /// <summary>Audio straddling the edit start.</summary>
        PartlySkipped = 8,
        /// <summary>A second copy made by another edit.</summary>
        Repeated = 16,
        /// <summary>A fragment sample overlapping the one before it.</summary>
        FragmentOverlap = 32,
        /// <summary>The packet's data is cut by the end of the file.</summary>
        CutByEndOfFile = 64,
        /// <summary>K was decided by the codec's bitstream parser.</summary>
        ParserKey = 128,
    }

    /// <summary>
    /// One entry of the model's index, smaller than ffmpeg's own AVIndexEntry (24 bytes): 16 bytes for the
    /// timestamp, the sample it came from, its flags and the edit that made it. Everything else a packet reports
    /// (position, size, raw times, sample description, chunk, fragment) is looked up from the sample
    /// (<see cref="SampleOrigins"/>) when the packet is written.
    /// </summary>
    internal struct FfmpegIndexEntry
    {
        private const int EditShift = 8;

        /// <summary>The most edits an entry can name (24 bits).</summary>
        public const int MaxEdit = (1 << 24) - 1;

        /// <summary>The index timestamp (the packet's dts before the generic layer's fix-ups).</summary>
        public long Ts;

        /// <summary>0-based source sample (for regrouped PCM, the packet's number).</summary>
        public int Sample;

        private uint _bits;

        public FfmpegIndexEntry(long ts, int sample, EntryFlags flags)
        {
            Ts = ts;
            Sample = sample;
            _bits = (uint)flags;
        }

        public EntryFlags Flags
        {
            readonly get => (EntryFlags)(_bits & 0xFF);
            set => _bits = (_bits & ~0xFFu) | (byte)value;
        }

        /// <summary>1-based edit that produced the entry, 0 when none.</summary>
        public int Edit
        {
            readonly get => (int)(_bits >> EditShift);
            set => _bits = (_bits & 0xFF) | ((uint)value << EditShift);
        }

        public readonly bool Is(EntryFlags flag) => (_bits & (uint)flag) != 0;
    }
}
