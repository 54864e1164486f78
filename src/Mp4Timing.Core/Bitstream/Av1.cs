using Mp4Timing.Boxes;
using Mp4Timing.IO;

namespace Mp4Timing.Bitstream
{
    /// <summary>AV1 obu_type values (AV1 specification 6.2.2).</summary>
    internal static class Av1ObuType
    {
        public const int SequenceHeader = 1;
        public const int FrameHeader = 3;
        public const int Frame = 6;
    }

    /// <summary>AV1 frame_type values (6.8.2) and their names.</summary>
    internal static class Av1FrameType
    {
        public const int Key = 0;
        public const int Inter = 1;
        public const int IntraOnly = 2;
        public const int Switch = 3;

        private static readonly string[] Names = { "KEY_FRAME", "INTER_FRAME", "INTRA_ONLY_FRAME", "SWITCH_FRAME" };

        public static string Name(int type) => Names[type & 3];

        /// <summary>The picture type ffmpeg gives a frame of this type (libdav1d: KEY and INTRA_ONLY are I, INTER is P, SWITCH is SP).</summary>
        public static PictureType PictureType(int type) => type switch
        {
            Key or IntraOnly => Mp4Timing.PictureType.I,
            Inter => Mp4Timing.PictureType.P,
            _ => Mp4Timing.PictureType.SP,
        };
    }

    /// <summary>
    /// sequence_header_obu() (5.5): the fields that decide how the frame header is laid out up to
    /// refresh_frame_flags.
    /// </summary>
    internal sealed class Av1SequenceHeader
    {
        private const int SelectScreenContentTools = 2;
        private const int SelectIntegerMv = 2;

        public bool ReducedStillPictureHeader { get; private set; }

        public bool DecoderModelInfoPresent { get; private set; }

        public bool EqualPictureInterval { get; private set; }

        public int FramePresentationTimeLength { get; private set; }

        public int BufferRemovalTimeLength { get; private set; }

        public int OperatingPoints { get; private set; }

        public int[] OperatingPointIdc { get; } = new int[32];

        public bool[] DecoderModelPresentForThisOp { get; } = new bool[32];

        public bool FrameIdNumbersPresent { get; private set; }

        /// <summary>idLen: the bits of current_frame_id and display_frame_id.</summary>
        public int FrameIdLength { get; private set; }

        public int SeqForceScreenContentTools { get; private set; }

        public int SeqForceIntegerMv { get; private set; }

        public int OrderHintBits { get; private set; }

        /// <summary>Parses the payload of a sequence header OBU; null when damaged.</summary>
        public static Av1SequenceHeader? Parse(BitReader r)
        {
            var seq = new Av1SequenceHeader();
            r.Skip(3); // seq_profile
            r.Skip(1); // still_picture
            seq.ReducedStillPictureHeader = r.ReadFlag();
            if (seq.ReducedStillPictureHeader)
            {
                seq.OperatingPoints = 1;
                r.Skip(5); // seq_level_idx[0]
            }
            else
            {
                int bufferDelayLength = 0;
                if (r.ReadFlag()) // timing_info_present_flag
                {
                    r.Skip(64); // num_units_in_display_tick, time_scale
                    seq.EqualPictureInterval = r.ReadFlag();
                    if (seq.EqualPictureInterval) r.ReadUvlc(); // num_ticks_per_picture_minus_1
                    seq.DecoderModelInfoPresent = r.ReadFlag();
                    if (seq.DecoderModelInfoPresent)
                    {
                        bufferDelayLength = (int)r.ReadBits(5) + 1;
                        r.Skip(32); // num_units_in_decoding_tick
                        seq.BufferRemovalTimeLength = (int)r.ReadBits(5) + 1;
                        seq.FramePresentationTimeLength = (int)r.ReadBits(5) + 1;
                    }
                }
                bool initialDisplayDelayPresent = r.ReadFlag();
                seq.OperatingPoints = (int)r.ReadBits(5) + 1;
                for (int i = 0; i < seq.OperatingPoints; i++)
                {
                    seq.OperatingPointIdc[i] = (int)r.ReadBits(12);
                    uint level = r.ReadBits(5);
                    if (level > 7) r.Skip(1); // seq_tier
                    if (seq.DecoderModelInfoPresent)
                    {
                        seq.DecoderModelPresentForThisOp[i] = r.ReadFlag();
                        if (seq.DecoderModelPresentForThisOp[i]) r.Skip((2 * bufferDelayLength) + 1);
                    }
                    if (initialDisplayDelayPresent && r.ReadFlag()) r.Skip(4);
                }
            }
            int widthBits = (int)r.ReadBits(4) + 1;
            int heightBits = (int)r.ReadBits(4) + 1;
            r.Skip(widthBits + heightBits); // max_frame_width_minus_1, max_frame_height_minus_1
            if (!seq.ReducedStillPictureHeader) seq.FrameIdNumbersPresent = r.ReadFlag();
            if (seq.FrameIdNumbersPresent)
            {
                int delta = (int)r.ReadBits(4) + 2;
                int additional = (int)r.ReadBits(3) + 1;
                seq.FrameIdLength = delta + additional;
            }
            r.Skip(3); // use_128x128_superblock, enable_filter_intra, enable_intra_edge_filter
            seq.SeqForceScreenContentTools = SelectScreenContentTools;
            seq.SeqForceIntegerMv = SelectIntegerMv;
            if (!seq.ReducedStillPictureHeader)
            {
                r.Skip(4); // enable_interintra_compound, enable_masked_compound, enable_warped_motion, enable_dual_filter
                bool orderHint = r.ReadFlag();
                if (orderHint) r.Skip(2); // enable_jnt_comp, enable_ref_frame_mvs
                seq.SeqForceScreenContentTools = r.ReadFlag() ? SelectScreenContentTools : (int)r.ReadBits(1);
                if (seq.SeqForceScreenContentTools > 0)
                {
                    seq.SeqForceIntegerMv = r.ReadFlag() ? SelectIntegerMv : (int)r.ReadBits(1);
                }
                if (orderHint) seq.OrderHintBits = (int)r.ReadBits(3) + 1;
            }
            return r.Failed ? null : seq;
        }

        /// <summary>True when operating point 0 decodes OBUs of this temporal and spatial layer (7.5: drop the others).</summary>
        public bool InOperatingPoint(int temporalId, int spatialId)
        {
            int idc = OperatingPointIdc[0];
            return idc == 0 || (((idc >> temporalId) & 1) != 0 && ((idc >> (spatialId + 8)) & 1) != 0);
        }
    }

    /// <summary>The start of uncompressed_header() (5.9.2), to refresh_frame_flags.</summary>
    internal readonly struct Av1FrameHeader
    {
        private const int AllFrames = 0xFF;

        public Av1FrameHeader(bool showExistingFrame, int frameToShow, int frameType, bool showFrame, int refreshFrameFlags)
        {
            ShowExistingFrame = showExistingFrame;
            FrameToShow = frameToShow;
            FrameType = frameType;
            ShowFrame = showFrame;
            RefreshFrameFlags = refreshFrameFlags;
        }

        public bool ShowExistingFrame { get; }

        /// <summary>frame_to_show_map_idx (with show_existing_frame).</summary>
        public int FrameToShow { get; }

        /// <summary>frame_type (not known for show_existing_frame: the shown slot's type applies).</summary>
        public int FrameType { get; }

        public bool ShowFrame { get; }

        /// <summary>refresh_frame_flags: the reference slots this frame fills (-1 when not known).</summary>
        public int RefreshFrameFlags { get; }

        /// <summary>
        /// Reads a frame header. Without a sequence header only the first fields are known (as if it were
        /// not a reduced still picture header) and RefreshFrameFlags is -1.
        /// </summary>
        public static Av1FrameHeader? Read(BitReader r, Av1SequenceHeader? seq, int temporalId, int spatialId)
        {
            if (seq is not null && seq.ReducedStillPictureHeader) return new Av1FrameHeader(false, 0, Av1FrameType.Key, true, AllFrames);
            bool showExisting = r.ReadFlag();
            if (showExisting)
            {
                int slot = (int)r.ReadBits(3);
                return r.Failed ? (Av1FrameHeader?)null : new Av1FrameHeader(true, slot, -1, true, 0);
            }
            int frameType = (int)r.ReadBits(2);
            bool showFrame = r.ReadFlag();
            if (seq is null) return r.Failed ? (Av1FrameHeader?)null : new Av1FrameHeader(false, 0, frameType, showFrame, -1);

            if (showFrame && seq.DecoderModelInfoPresent && !seq.EqualPictureInterval) r.Skip(seq.FramePresentationTimeLength); // temporal_point_info
            if (!showFrame) r.Skip(1); // showable_frame
            bool errorResilient = frameType == Av1FrameType.Switch || (frameType == Av1FrameType.Key && showFrame) || r.ReadFlag();
            r.Skip(1); // disable_cdf_update
            bool screenContentTools = seq.SeqForceScreenContentTools == 2 ? r.ReadFlag() : seq.SeqForceScreenContentTools != 0;
            if (screenContentTools && seq.SeqForceIntegerMv == 2) r.Skip(1); // force_integer_mv
            if (seq.FrameIdNumbersPresent) r.Skip(seq.FrameIdLength); // current_frame_id
            if (frameType != Av1FrameType.Switch) r.Skip(1); // frame_size_override_flag
            r.Skip(seq.OrderHintBits); // order_hint
            bool intra = frameType == Av1FrameType.Key || frameType == Av1FrameType.IntraOnly;
            if (!intra && !errorResilient) r.Skip(3); // primary_ref_frame
            if (seq.DecoderModelInfoPresent && r.ReadFlag()) // buffer_removal_time_present_flag
            {
                for (int op = 0; op < seq.OperatingPoints; op++)
                {
                    if (!seq.DecoderModelPresentForThisOp[op]) continue;
                    int idc = seq.OperatingPointIdc[op];
                    bool inTemporal = ((idc >> temporalId) & 1) != 0;
                    bool inSpatial = ((idc >> (spatialId + 8)) & 1) != 0;
                    if (idc == 0 || (inTemporal && inSpatial)) r.Skip(seq.BufferRemovalTimeLength);
                }
            }
            int refresh = frameType == Av1FrameType.Switch || (frameType == Av1FrameType.Key && showFrame) ? AllFrames : (int)r.ReadBits(8);
            return r.Failed ? (Av1FrameHeader?)null : new Av1FrameHeader(false, 0, frameType, showFrame, refresh);
        }
    }

    /// <summary>What the OBUs of one AV1 sample (a temporal unit) say.</summary>
    internal readonly struct Av1TemporalUnit
    {
        public Av1TemporalUnit(Av1FrameHeader? firstFrame, int shownFrameType)
        {
            FirstFrame = firstFrame;
            ShownFrameType = shownFrameType;
        }

        /// <summary>The first frame header, as ffmpeg's parser reads it for the key flag.</summary>
        public Av1FrameHeader? FirstFrame { get; }

        /// <summary>The frame_type of the frame the decoder outputs for this sample (of the shown slot for show_existing_frame); -1 when none or not known.</summary>
        public int ShownFrameType { get; }
    }

    /// <summary>
    /// Walks the OBUs of AV1 samples (low overhead bitstream format: each OBU with its size): sequence
    /// headers (first from av1C) and frame headers. It keeps the frame type held in each of the eight
    /// reference slots, so that a frame shown again (show_existing_frame) gets the type it was decoded
    /// with, as ffmpeg's libdav1d decoder reports it.
    /// </summary>
    internal sealed class Av1TemporalUnitReader
    {
        private const int HeaderBytes = 256;

        private readonly BitReader _bits;
        private readonly int[] _slotTypes = { -1, -1, -1, -1, -1, -1, -1, -1 };
        private Av1SequenceHeader? _sequence;

        public Av1TemporalUnitReader(Av1ConfigurationBox? configuration, BitReader bits)
        {
            _bits = bits;
            if (configuration is { ConfigObus.Length: > 0 })
            {
                byte[] obus = configuration.ConfigObus;
                int at = 0;
                while (at < obus.Length && TryHeader(obus, ref at, out int type, out _, out _, out long size))
                {
                    if (size > obus.Length - at) break;
                    if (type == Av1ObuType.SequenceHeader)
                    {
                        _bits.Load(obus, at, (int)size, removeEmulationPrevention: false);
                        _sequence = Av1SequenceHeader.Parse(_bits) ?? _sequence;
                    }
                    at += (int)size;
                }
            }
        }

        /// <summary>Reads the sample the reader is bounded to.</summary>
        public Av1TemporalUnit Read(BoxDataReader reader)
        {
            Av1FrameHeader? first = null;
            int shown = -1;
            bool sawShown = false;
            while (reader.Remaining > 0)
            {
                byte b = reader.ReadByte();
                int type = (b >> 3) & 0xF;
                int temporalId = 0, spatialId = 0;
                if ((b & 0x4) != 0)
                {
                    if (reader.Remaining == 0) break;
                    byte extension = reader.ReadByte();
                    temporalId = extension >> 5;
                    spatialId = (extension >> 3) & 3;
                }
                long size = (b & 0x2) != 0 ? ReadLeb128(reader) : reader.Remaining;
                if (size < 0 || size > reader.Remaining) break;
                long next = reader.Position + size;
                if (type == Av1ObuType.SequenceHeader && size > 0)
                {
                    _bits.Load(reader, size, removeEmulationPrevention: false);
                    _sequence = Av1SequenceHeader.Parse(_bits) ?? _sequence;
                }
                else if ((type == Av1ObuType.FrameHeader || type == Av1ObuType.Frame) && size > 0)
                {
                    _bits.Load(reader, System.Math.Min(size, HeaderBytes), removeEmulationPrevention: false);
                    Av1FrameHeader? frame = Av1FrameHeader.Read(_bits, _sequence, temporalId, spatialId);
                    first ??= frame;
                    bool decoded = _sequence is null || (b & 0x4) == 0 || _sequence.InOperatingPoint(temporalId, spatialId);
                    if (decoded && frame is Av1FrameHeader f)
                    {
                        int frameType = f.ShowExistingFrame ? _slotTypes[f.FrameToShow] : f.FrameType;
                        if (!sawShown && f.ShowFrame)
                        {
                            shown = frameType;
                            sawShown = true;
                        }
                        Refresh(f, frameType);
                    }
                }
                reader.Position = next;
            }
            return new Av1TemporalUnit(first, shown);
        }

        /// <summary>The reference update process for the slot types: a frame fills the slots of refresh_frame_flags; a key frame shown again fills them all.</summary>
        private void Refresh(Av1FrameHeader frame, int frameType)
        {
            int flags = frame.ShowExistingFrame ? (frameType == Av1FrameType.Key ? 0xFF : 0) : frame.RefreshFrameFlags;
            if (flags < 0)
            {
                for (int i = 0; i < 8; i++) _slotTypes[i] = -1;
                return;
            }
            for (int i = 0; i < 8; i++)
            {
                if ((flags & (1 << i)) != 0) _slotTypes[i] = frameType;
            }
        }

        private static bool TryHeader(byte[] data, ref int at, out int type, out int temporalId, out int spatialId, out long size)
        {
            type = temporalId = spatialId = 0;
            size = 0;
            byte b = data[at++];
            type = (b >> 3) & 0xF;
            if ((b & 0x4) != 0)
            {
                if (at >= data.Length) return false;
                byte extension = data[at++];
                temporalId = extension >> 5;
                spatialId = (extension >> 3) & 3;
            }
            if ((b & 0x2) == 0)
            {
                size = data.Length - at;
                return true;
            }
            for (int i = 0; i < 8; i++)
            {
                if (at >= data.Length) return false;
                byte v = data[at++];
                size |= (long)(v & 0x7F) << (7 * i);
                if ((v & 0x80) == 0) return true;
            }
            return false;
        }

        /// <summary>leb128() (4.10.5): at most eight bytes.</summary>
        internal static long ReadLeb128(BoxDataReader reader)
        {
            long value = 0;
            for (int i = 0; i < 8; i++)
            {
                if (reader.Remaining == 0) return -1;
                byte b = reader.ReadByte();
                value |= (long)(b & 0x7F) << (7 * i);
                if ((b & 0x80) == 0) break;
            }
            return value;
        }
    }
}
