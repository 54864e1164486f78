using System.Collections.Generic;
using System.IO;
using System.Linq;
using Mp4Timing.Bitstream;
using Mp4Timing.Boxes;
using Mp4Timing.IO;

namespace Mp4Timing.Ffmpeg
{
    /// <summary>
    /// Looks at the start of a sample as ffmpeg's bitstream parsers do to decide the key flag, through the
    /// bitstream readers of <see cref="Bitstream"/>: an H.264 IDR slice, a recovery-point SEI before the
    /// first slice, or an intra picture when the stream cannot refer back past it (see H264());
    /// an HEVC IRAP picture (NAL types 16-23); an AV1 KEY_FRAME header; a VP8/VP9 key frame. Reads only
    /// headers. Null means the parser could not tell (no slice or frame header found): ffmpeg then keeps
    /// the demuxer's flag.
    /// </summary>
    internal sealed class KeyFrameProbe
    {
        private readonly BoxDataReader _reader;
        private readonly BitReader _bits = new BitReader();
        private readonly H264AccessUnitReader _h264;
        private readonly HevcAccessUnitReader _hevc;
        private readonly Av1TemporalUnitReader _av1;

        public KeyFrameProbe(Stream stream, IReadOnlyList<SampleEntry> entries, int nalLengthSize)
        {
            // Samples are probed in file order and are often smaller than the buffer: read on past each one.
            _reader = new BoxDataReader(stream, null, 4096) { FillPastLimit = true };
            // ffmpeg's parser starts from the stream's extradata: the first sample entry's configuration.
            SampleEntry? first = entries.FirstOrDefault();
            _h264 = new H264AccessUnitReader(first?.Child<AvcConfigurationBox>(), nalLengthSize, _bits);
            _hevc = new HevcAccessUnitReader(first?.Child<HevcConfigurationBox>(), nalLengthSize, _bits);
            _av1 = new Av1TemporalUnitReader(first?.Child<Av1ConfigurationBox>(), _bits);
        }

        /// <summary>The key flag ffmpeg's parser gives a sample of <paramref name="codec"/>, or null when it cannot tell.</summary>
        public bool? IsKeyFrame(string codec, long position, long size)
        {
            try
            {
                _reader.Seek(position, position + size);
                return codec switch
                {
                    "avc1" or "avc3" => H264(),
                    "hvc1" or "hev1" => Hevc(),
                    "av01" => Av1(),
                    "vp09" => Vp9(),
                    "vp08" => _reader.Remaining > 0 ? (_reader.ReadByte() & 1) == 0 : (bool?)null,
                    _ => null,
                };
            }
            catch (Mp4FormatException)
            {
                return null;
            }
        }

        /// <summary>
        /// H.264 as ffmpeg 5.1's parser (libavcodec/h264_parser.c, parse_nal_units) decides it from the NAL
        /// units before and at the first slice: key for an IDR slice, for a slice after a recovery-point SEI,
        /// and, by its "heuristic to detect non marked keyframes", for an I slice (slice_type 2 or 7) whose
        /// SPS has max_num_ref_frames at most 1 and whose PPS has num_ref_idx_l0_default_active at most 1:
        /// such a stream cannot refer back past an intra picture. libavformat then sets the packet's key flag
        /// from the parser alone. A sample with no slice (or a broken length) is not key ("missing picture").
        /// </summary>
        private bool H264()
        {
            H264AccessUnit unit = _h264.Read(_reader);
            if (!unit.HasSlice) return false;
            if (unit.NalType == H264NalType.Idr || unit.RecoveryPoint) return true;
            return unit.Slice is H264SliceHeader slice && slice.Type == PictureType.I
                && unit.Pps is H264PictureParameterSet pps && pps.Sps.MaxNumRefFrames <= 1 && pps.FfmpegRefCountL0 <= 1;
        }

        /// <summary>HEVC: the first VCL NAL unit decides: an IRAP picture (types 16-23) is key.</summary>
        private bool? Hevc()
        {
            HevcAccessUnit unit = _hevc.Read(_reader);
            if (unit.Broken || unit.FirstVclType < 0) return null;
            return HevcNalType.IsIrap(unit.FirstVclType);
        }

        /// <summary>AV1: the first frame header decides (KEY_FRAME, not a frame shown again; a reduced still-picture header is always key).</summary>
        private bool? Av1()
        {
            Av1TemporalUnit unit = _av1.Read(_reader);
            if (unit.FirstFrame is not Av1FrameHeader frame) return null;
            return !frame.ShowExistingFrame && frame.FrameType == Av1FrameType.Key;
        }

        /// <summary>
        /// VP9 as ffmpeg's VP9 parser reads the first frame of the sample: frame_marker (not checked),
        /// profile (one more reserved bit for profile 3), show_existing_frame (then not key), frame_type (0 = key).
        /// </summary>
        private bool? Vp9()
        {
            if (_reader.Remaining == 0) return null;
            _bits.Load(_reader, 1, removeEmulationPrevention: false);
            _bits.Skip(2);
            int profile = _bits.ReadBit() | (_bits.ReadBit() << 1);
            if (profile == 3) _bits.Skip(1);
            if (_bits.ReadFlag()) return false;
            return _bits.ReadBit() == 0;
        }
    }
}
