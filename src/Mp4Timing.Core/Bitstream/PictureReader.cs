using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Mp4Timing.Boxes;
using Mp4Timing.IO;

namespace Mp4Timing.Bitstream
{
    /// <summary>
    /// Reads the picture type of each sample of a track from the first bytes of its data, as ffmpeg's
    /// decoder for the codec reports it: H.264 (the first slice's slice_type), HEVC (the first slice
    /// segment's), AV1 and VP9 (the frame shown, with frames shown again taking the type they were decoded
    /// with), VP8, MPEG-4 Part 2, MPEG-1/2 video and H.263. Samples must be read in decode order, since
    /// parameter sets and reference slots carry over from one sample to the next.
    /// </summary>
    /// <remarks>
    /// Reads are batched: the reader fills its buffer past the end of each sample, so samples that follow
    /// in the file are read with it. An encrypted entry (encv) is read as its original format (frma): Common
    /// Encryption leaves NAL unit and slice headers in the clear, and ffmpeg's decoder reads them too.
    /// </remarks>
    internal sealed class PictureReader
    {
        /// <summary>Bytes each read takes from the file when samples are read one after another: the sample and those after it.</summary>
        public const int BatchReadBytes = 16 * 1024;

        /// <summary>Bytes each read takes when only samples far apart are read (sync samples): enough for the headers.</summary>
        public const int SparseReadBytes = 4 * 1024;
        private const byte Mpeg4VisualObjectType = 0x20;

        private readonly BoxDataReader _reader;
        private readonly BitReader _bits = new BitReader();
        private readonly IReadOnlyList<SampleEntry> _entries;
        private readonly Func<BoxDataReader, Picture>?[] _codecs;
        private readonly bool[] _made;

        public PictureReader(Stream stream, string? path, IReadOnlyList<SampleEntry> entries, int readBytes = BatchReadBytes)
        {
            _reader = new BoxDataReader(stream, path, readBytes) { FillPastLimit = true };
            _entries = entries;
            _codecs = new Func<BoxDataReader, Picture>?[entries.Count];
            _made = new bool[entries.Count];
        }

        /// <summary>True when some sample entry of the track is a codec whose picture types are read.</summary>
        public bool ReadsAny => _entries.Any(e => Supports(e));

        /// <summary>The picture of the sample at [position, position + size) described by the 1-based sample entry index.</summary>
        public Picture Read(uint sampleDescriptionIndex, long position, long size)
        {
            int index = sampleDescriptionIndex >= 1 && sampleDescriptionIndex <= _entries.Count ? (int)sampleDescriptionIndex - 1 : 0;
            if (size <= 0 || _entries.Count == 0 || position < 0 || position + size > _reader.StreamLength) return Picture.Unknown;
            if (!_made[index])
            {
                _codecs[index] = Create(_entries[index]);
                _made[index] = true;
            }
            Func<BoxDataReader, Picture>? read = _codecs[index];
            if (read is null) return Picture.Unknown;
            try
            {
                _reader.Seek(position, position + size);
                return read(_reader);
            }
            catch (Mp4FormatException)
            {
                // A header that runs past the sample: no picture type, as for any unreadable header.
                return Picture.Unknown;
            }
        }

        /// <summary>The codec of a sample entry: its type, or the original format of an encrypted one.</summary>
        private static string CodecOf(SampleEntry entry) =>
            entry.Type == "encv" && entry.Child(FourCC.Parse("sinf"))?.Child<OriginalFormatBox>() is OriginalFormatBox frma ? frma.DataFormat : entry.Type;

        private static bool Supports(SampleEntry entry) => CodecOf(entry) switch
        {
            "avc1" or "avc2" or "avc3" or "avc4" or "dva1" or "dvav" => true,
            "hvc1" or "hev1" or "dvh1" or "dvhe" => true,
            "av01" or "vp09" or "vp08" or "mp4v" or "s263" or "h263" => true,
            _ => false,
        };

        private Func<BoxDataReader, Picture>? Create(SampleEntry entry)
        {
            switch (CodecOf(entry))
            {
                case "avc1" or "avc2" or "avc3" or "avc4" or "dva1" or "dvav":
                {
                    AvcConfigurationBox? avcC = entry.Child<AvcConfigurationBox>();
                    var h264 = new H264AccessUnitReader(avcC, avcC?.NalUnitLengthSize ?? 4, _bits);
                    return reader => H264Picture(h264.Read(reader));
                }
                case "hvc1" or "hev1" or "dvh1" or "dvhe":
                {
                    HevcConfigurationBox? hvcC = entry.Child<HevcConfigurationBox>();
                    var hevc = new HevcAccessUnitReader(hvcC, hvcC?.NalUnitLengthSize ?? 4, _bits);
                    return reader => HevcPicture(hevc.Read(reader));
                }
                case "av01":
                {
                    var av1 = new Av1TemporalUnitReader(entry.Child<Av1ConfigurationBox>(), _bits);
                    return reader => av1.Read(reader).ShownFrameType is int type and >= 0 ? Av1Picture(type) : Picture.Unknown;
                }
                case "vp09":
                {
                    var vp9 = new Vp9SampleReader(_bits);
                    return vp9.Read;
                }
                case "vp08":
                    return Vp8Picture;
                case "mp4v":
                {
                    byte objectType = entry.Child<ElementaryStreamDescriptorBox>()?.ObjectTypeIndication ?? Mpeg4VisualObjectType;
                    bool mpeg2 = objectType is (>= 0x60 and <= 0x65) or 0x6A;
                    return mpeg2 ? reader => MpegVideo.Mpeg2(reader, _bits) : reader => MpegVideo.Mpeg4Part2(reader, _bits);
                }
                case "s263" or "h263":
                    return reader => MpegVideo.H263(reader, _bits);
                default:
                    return null;
            }
        }

        /// <summary>
        /// H.264: the first slice's type (ffmpeg's decoder types a picture by the slice that starts it); IDR or non-IDR.
        /// Only an IDR closes a GOP: pictures after any other I picture (a recovery point) may refer to pictures before it.
        /// </summary>
        private static Picture H264Picture(H264AccessUnit unit)
        {
            if (!unit.HasSlice) return Picture.Unknown;
            bool idr = unit.NalType == H264NalType.Idr;
            PictureType? type = unit.Slice?.Type;
            // An IDR's slices are all I or SI (H.264 7.4.3): other bits are damage or encryption, and ffmpeg's decoder drops the picture.
            if (idr && type is not null and not (PictureType.I or PictureType.SI)) return Picture.Unknown;
            RandomAccess access = idr ? RandomAccess.Closed : type is PictureType.I or PictureType.SI ? RandomAccess.Open : RandomAccess.None;
            return new Picture(type, idr ? "IDR" : "non-IDR", idr, access);
        }

        /// <summary>
        /// HEVC: the type of the slice segment that starts the picture; the NAL unit type's name (IDR_W_RADL, CRA_NUT, TRAIL_R...).
        /// IDR and BLA pictures close a GOP (their leading pictures are decodable RADL, or RASL that are never output); a CRA's
        /// RASL pictures refer to pictures before it.
        /// </summary>
        private static Picture HevcPicture(HevcAccessUnit unit)
        {
            if (unit.SliceNalType < 0) return Picture.Unknown;
            int nal = unit.SliceNalType;
            // An IRAP picture's slices are all I (H.265 7.4.7.1): other bits are damage or encryption, and ffmpeg's decoder drops the picture.
            if (HevcNalType.IsIrap(nal) && unit.Slice?.Type is PictureType type && type != PictureType.I) return Picture.Unknown;
            RandomAccess access = nal switch
            {
                >= HevcNalType.BlaWithLeading and <= HevcNalType.IdrWithoutLeading => RandomAccess.Closed,
                HevcNalType.Cra => RandomAccess.OpenIfLeading,
                _ => RandomAccess.None,
            };
            return new Picture(unit.Slice?.Type, HevcNalType.Name(nal), HevcNalType.IsIrap(nal), access);
        }

        /// <summary>AV1: the shown frame's frame_type; a KEY_FRAME refreshes every reference (closed), an INTRA_ONLY frame does not.</summary>
        private static Picture Av1Picture(int type)
        {
            RandomAccess access = type switch
            {
                Av1FrameType.Key => RandomAccess.Closed,
                Av1FrameType.IntraOnly => RandomAccess.Open,
                _ => RandomAccess.None,
            };
            return new Picture(Av1FrameType.PictureType(type), Av1FrameType.Name(type), type == Av1FrameType.Key, access);
        }

        /// <summary>VP8 frame tag (RFC 6386 9.1): key_frame is 0 for a key frame; a frame with show_frame 0 is not output.</summary>
        private Picture Vp8Picture(BoxDataReader reader)
        {
            _bits.Load(reader, 3, removeEmulationPrevention: false);
            uint tag = _bits.ReadBits(8);
            if (_bits.Failed || (tag & 0x10) == 0) return Picture.Unknown;
            return (tag & 1) == 0
                ? new Picture(PictureType.I, "key", true, RandomAccess.Closed)
                : new Picture(PictureType.P, "inter", false, RandomAccess.None);
        }
    }
}
