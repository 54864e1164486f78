using Mp4Timing.IO;

namespace Mp4Timing.Bitstream
{
    /// <summary>The start of a VP9 uncompressed_header() (VP9 bitstream specification 6.2), to refresh_frame_flags.</summary>
    internal readonly struct Vp9FrameHeader
    {
        private const int AllFrames = 0xFF;
        private const int SrgbColorSpace = 7;

        public Vp9FrameHeader(int profile, bool showExistingFrame, int frameToShow, bool keyFrame, bool showFrame, bool intraOnly, int refreshFrameFlags)
        {
            Profile = profile;
            ShowExistingFrame = showExistingFrame;
            FrameToShow = frameToShow;
            KeyFrame = keyFrame;
            ShowFrame = showFrame;
            IntraOnly = intraOnly;
            RefreshFrameFlags = refreshFrameFlags;
        }

        public int Profile { get; }

        public bool ShowExistingFrame { get; }

        /// <summary>frame_to_show_map_idx (with show_existing_frame).</summary>
        public int FrameToShow { get; }

        /// <summary>frame_type is KEY_FRAME (0).</summary>
        public bool KeyFrame { get; }

        public bool ShowFrame { get; }

        public bool IntraOnly { get; }

        /// <summary>The reference slots the frame fills.</summary>
        public int RefreshFrameFlags { get; }

        /// <summary>Reads the header at the start of a frame; null when frame_marker is wrong or the bits run out.</summary>
        public static Vp9FrameHeader? Read(BitReader r)
        {
            if (r.ReadBits(2) != 2) return null; // frame_marker
            int profile = r.ReadBit() | (r.ReadBit() << 1);
            if (profile == 3 && r.ReadBit() != 0) return null; // reserved_zero
            if (r.ReadFlag())
            {
                int slot = (int)r.ReadBits(3);
                return r.Failed ? (Vp9FrameHeader?)null : new Vp9FrameHeader(profile, true, slot, false, true, false, 0);
            }
            bool key = r.ReadBit() == 0;
            bool show = r.ReadFlag();
            bool errorResilient = r.ReadFlag();
            if (key) return r.Failed ? (Vp9FrameHeader?)null : new Vp9FrameHeader(profile, false, 0, true, show, false, AllFrames);
            bool intraOnly = !show && r.ReadFlag();
            if (!errorResilient) r.Skip(2); // reset_frame_context
            if (intraOnly)
            {
                if (r.ReadBits(24) != 0x498342) return null; // frame_sync_code
                if (profile > 0) SkipColorConfig(r, profile);
            }
            int refresh = (int)r.ReadBits(8);
            return r.Failed ? (Vp9FrameHeader?)null : new Vp9FrameHeader(profile, false, 0, false, show, intraOnly, refresh);
        }

        /// <summary>color_config() (6.2.2).</summary>
        private static void SkipColorConfig(BitReader r, int profile)
        {
            if (profile >= 2) r.Skip(1); // ten_or_twelve_bit
            uint colorSpace = r.ReadBits(3);
            bool subsampling = profile == 1 || profile == 3;
            if (colorSpace != SrgbColorSpace)
            {
                r.Skip(1); // color_range
                if (subsampling) r.Skip(3); // subsampling_x, subsampling_y, reserved_zero
            }
            else if (subsampling)
            {
                r.Skip(1); // reserved_zero
            }
        }
    }

    /// <summary>
    /// Reads VP9 samples: a sample is one frame or a superframe (frames followed by an index of their
    /// sizes, Annex B of the VP9 specification). It keeps what each of the eight reference slots holds
    /// (key, inter, intra-only), so that a frame shown again (show_existing_frame) gets the type it was
    /// decoded with, as ffmpeg's VP9 decoder reports it.
    /// </summary>
    internal sealed class Vp9SampleReader
    {
        private const int HeaderBytes = 16;
        private const int MaxFrames = 8;

        private readonly BitReader _bits;
        private readonly Picture?[] _slots = new Picture?[8];
        private readonly long[] _sizes = new long[MaxFrames];

        public Vp9SampleReader(BitReader bits) => _bits = bits;

        /// <summary>The picture a VP9 frame header describes (key, inter or intra-only).</summary>
        public static Picture PictureOf(Vp9FrameHeader frame) =>
            frame.KeyFrame ? new Picture(PictureType.I, "key", true, RandomAccess.Closed)
            : frame.IntraOnly ? new Picture(PictureType.I, "intra-only", false, RandomAccess.Open)
            : new Picture(PictureType.P, "inter", false, RandomAccess.None);

        /// <summary>The header of the first frame of the sample the reader is bounded to (what ffmpeg's VP9 parser looks at).</summary>
        public Vp9FrameHeader? ReadFirst(BoxDataReader reader)
        {
            _bits.Load(reader, HeaderBytes, removeEmulationPrevention: false);
            return Vp9FrameHeader.Read(_bits);
        }

        /// <summary>The picture the decoder outputs for the sample (the first shown frame of a superframe); Unknown when none.</summary>
        public Picture Read(BoxDataReader reader)
        {
            long start = reader.Position;
            long end = reader.Limit;
            int frames = ReadSuperframeIndex(reader, start, end);
            if (frames == 0)
            {
                frames = 1;
                _sizes[0] = end - start;
            }
            Picture shown = Picture.Unknown;
            bool sawShown = false;
            long at = start;
            for (int i = 0; i < frames; i++)
            {
                if (_sizes[i] <= 0 || _sizes[i] > end - at) break;
                reader.Seek(at, at + _sizes[i]);
                _bits.Load(reader, HeaderBytes, removeEmulationPrevention: false);
                at += _sizes[i];
                if (Vp9FrameHeader.Read(_bits) is not Vp9FrameHeader frame) continue;
                Picture picture = frame.ShowExistingFrame ? _slots[frame.FrameToShow] ?? Picture.Unknown : PictureOf(frame);
                if (!sawShown && frame.ShowFrame)
                {
                    shown = picture;
                    sawShown = true;
                }
                for (int slot = 0; slot < 8; slot++)
                {
                    if ((frame.RefreshFrameFlags & (1 << slot)) != 0) _slots[slot] = picture;
                }
            }
            return shown;
        }

        /// <summary>The number of frames of a superframe index at the end of [start, end), their sizes in _sizes; 0 when there is no valid index.</summary>
        private int ReadSuperframeIndex(BoxDataReader reader, long start, long end)
        {
            if (end - start < 2) return 0;
            reader.Position = end - 1;
            byte marker = reader.ReadByte();
            if ((marker & 0xE0) != 0xC0) return 0;
            int frames = (marker & 7) + 1;
            int bytes = ((marker >> 3) & 3) + 1;
            long indexSize = 2 + ((long)bytes * frames);
            if (end - start < indexSize) return 0;
            reader.Position = end - indexSize;
            if (reader.ReadByte() != marker) return 0;
            long total = 0;
            for (int i = 0; i < frames; i++)
            {
                long size = 0;
                for (int k = 0; k < bytes; k++) size |= (long)reader.ReadByte() << (8 * k);
                _sizes[i] = size;
                total += size;
            }
            return total <= end - start - indexSize ? frames : 0;
        }
    }
}
