using System.Collections.Generic;
using Mp4Timing.Boxes;
using Mp4Timing.IO;

namespace Mp4Timing.Bitstream
{
    /// <summary>HEVC nal_unit_type values (ITU-T H.265 table 7-1) and their names.</summary>
    internal static class HevcNalType
    {
        public const int BlaWithLeading = 16;
        public const int IdrWithoutLeading = 20;
        public const int Cra = 21;
        public const int Sps = 33;
        public const int Pps = 34;

        private static readonly string[] VclNames =
        {
            "TRAIL_N", "TRAIL_R", "TSA_N", "TSA_R", "STSA_N", "STSA_R", "RADL_N", "RADL_R", "RASL_N", "RASL_R",
            "RSV_VCL_N10", "RSV_VCL_R11", "RSV_VCL_N12", "RSV_VCL_R13", "RSV_VCL_N14", "RSV_VCL_R15",
            "BLA_W_LP", "BLA_W_RADL", "BLA_N_LP", "IDR_W_RADL", "IDR_N_LP", "CRA_NUT", "RSV_IRAP_VCL22", "RSV_IRAP_VCL23",
        };

        /// <summary>VCL types 0-31 carry slice segments.</summary>
        public static bool IsVcl(int type) => type < 32;

        /// <summary>IRAP pictures: BLA, IDR, CRA and the reserved IRAP types (16-23).</summary>
        public static bool IsIrap(int type) => type >= 16 && type <= 23;

        /// <summary>The specification's name of a VCL type (TRAIL_R, IDR_W_RADL, CRA_NUT...).</summary>
        public static string Name(int type) => type >= 0 && type < VclNames.Length ? VclNames[type] : $"RSV_VCL{type}";
    }

    /// <summary>seq_parameter_set_rbsp() (H.265 7.3.2.2) up to the coding block sizes: what slice_segment_address needs.</summary>
    internal sealed class HevcSequenceParameterSet
    {
        public int Id { get; private set; }

        /// <summary>PicSizeInCtbsY: coding tree blocks in a picture.</summary>
        public long PicSizeInCtbs { get; private set; }

        /// <summary>Parses an SPS whose two NAL header bytes have been read; null when damaged or out of range.</summary>
        public static HevcSequenceParameterSet? Parse(BitReader r)
        {
            r.Skip(4); // sps_video_parameter_set_id
            int maxSubLayersMinus1 = (int)r.ReadBits(3);
            if (maxSubLayersMinus1 > 6) return null;
            r.Skip(1); // sps_temporal_id_nesting_flag
            SkipProfileTierLevel(r, maxSubLayersMinus1);
            uint id = r.ReadUe();
            if (id > 15) return null;
            uint chroma = r.ReadUe();
            if (chroma > 3) return null;
            if (chroma == 3) r.Skip(1); // separate_colour_plane_flag
            uint width = r.ReadUe();
            uint height = r.ReadUe();
            if (r.ReadFlag())
            {
                for (int i = 0; i < 4; i++) r.ReadUe(); // conformance window offsets
            }
            r.ReadUe(); // bit_depth_luma_minus8
            r.ReadUe(); // bit_depth_chroma_minus8
            if (r.ReadUe() > 12) return null; // log2_max_pic_order_cnt_lsb_minus4
            bool orderingForAll = r.ReadFlag();
            for (int i = orderingForAll ? 0 : maxSubLayersMinus1; i <= maxSubLayersMinus1; i++)
            {
                r.ReadUe(); // sps_max_dec_pic_buffering_minus1
                r.ReadUe(); // sps_max_num_reorder_pics
                r.ReadUe(); // sps_max_latency_increase_plus1
            }
            uint minCbLog2 = r.ReadUe() + 3;
            uint ctbLog2 = minCbLog2 + r.ReadUe();
            if (r.Failed || ctbLog2 < 4 || ctbLog2 > 6 || width == 0 || height == 0) return null;
            long ctb = 1L << (int)ctbLog2;
            long widthInCtbs = (width + ctb - 1) / ctb;
            long heightInCtbs = (height + ctb - 1) / ctb;
            return new HevcSequenceParameterSet { Id = (int)id, PicSizeInCtbs = widthInCtbs * heightInCtbs };
        }

        /// <summary>profile_tier_level(1, maxNumSubLayersMinus1) (7.3.3): 88 bits of general profile, the level, then the sub-layers'.</summary>
        private static void SkipProfileTierLevel(BitReader r, int maxSubLayersMinus1)
        {
            r.Skip(88 + 8);
            var profilePresent = new bool[8];
            var levelPresent = new bool[8];
            for (int i = 0; i < maxSubLayersMinus1; i++)
            {
                profilePresent[i] = r.ReadFlag();
                levelPresent[i] = r.ReadFlag();
            }
            if (maxSubLayersMinus1 > 0) r.Skip(2 * (8 - maxSubLayersMinus1));
            for (int i = 0; i < maxSubLayersMinus1; i++)
            {
                if (profilePresent[i]) r.Skip(88);
                if (levelPresent[i]) r.Skip(8);
            }
        }
    }

    /// <summary>pic_parameter_set_rbsp() (H.265 7.3.2.3) up to num_extra_slice_header_bits.</summary>
    internal sealed class HevcPictureParameterSet
    {
        public int Id { get; private set; }

        public int SpsId { get; private set; }

        public bool DependentSliceSegmentsEnabled { get; private set; }

        public int NumExtraSliceHeaderBits { get; private set; }

        /// <summary>Parses a PPS whose two NAL header bytes have been read; null when damaged or out of range.</summary>
        public static HevcPictureParameterSet? Parse(BitReader r)
        {
            uint id = r.ReadUe();
            uint spsId = r.ReadUe();
            bool dependent = r.ReadFlag();
            r.Skip(1); // output_flag_present_flag
            int extraBits = (int)r.ReadBits(3);
            if (r.Failed || id > 63 || spsId > 15) return null;
            return new HevcPictureParameterSet { Id = (int)id, SpsId = (int)spsId, DependentSliceSegmentsEnabled = dependent, NumExtraSliceHeaderBits = extraBits };
        }
    }

    /// <summary>The start of slice_segment_header() (H.265 7.3.6.1), to slice_type.</summary>
    internal readonly struct HevcSliceSegmentHeader
    {
        private HevcSliceSegmentHeader(bool first, bool dependent, int sliceType, int ppsId)
        {
            FirstSliceSegmentInPicture = first;
            Dependent = dependent;
            SliceType = sliceType;
            PpsId = ppsId;
        }

        public bool FirstSliceSegmentInPicture { get; }

        /// <summary>A dependent slice segment takes its slice header (and type) from the segment before it.</summary>
        public bool Dependent { get; }

        /// <summary>slice_type: 0 B, 1 P, 2 I; -1 for a dependent slice segment.</summary>
        public int SliceType { get; }

        public int PpsId { get; }

        /// <summary>The picture type ffmpeg's decoder gives a picture whose first slice has this type.</summary>
        public PictureType? Type => SliceType switch { 0 => PictureType.B, 1 => PictureType.P, 2 => PictureType.I, _ => (PictureType?)null };

        /// <summary>Reads the header of a slice segment whose two NAL header bytes have been read; null when damaged or its parameter sets are unknown.</summary>
        public static HevcSliceSegmentHeader? Read(BitReader r, int nalType, HevcParameterSets sets)
        {
            bool first = r.ReadFlag();
            if (HevcNalType.IsIrap(nalType)) r.Skip(1); // no_output_of_prior_pics_flag
            uint ppsId = r.ReadUe();
            if (r.Failed || ppsId > 63 || sets.Pps((int)ppsId) is not HevcPictureParameterSet pps) return null;
            bool dependent = false;
            if (!first)
            {
                if (pps.DependentSliceSegmentsEnabled) dependent = r.ReadFlag();
                if (sets.Sps(pps.SpsId) is not HevcSequenceParameterSet sps) return null;
                int bits = 0;
                while ((1L << bits) < sps.PicSizeInCtbs) bits++;
                r.Skip(bits); // slice_segment_address
            }
            if (dependent) return r.Failed ? (HevcSliceSegmentHeader?)null : new HevcSliceSegmentHeader(first, true, -1, (int)ppsId);
            r.Skip(pps.NumExtraSliceHeaderBits); // slice_reserved_flag[i]
            uint sliceType = r.ReadUe();
            if (r.Failed || sliceType > 2) return null;
            return new HevcSliceSegmentHeader(first, false, (int)sliceType, (int)ppsId);
        }
    }

    /// <summary>The SPS and PPS by id: from hvcC first, then from the NAL units of the samples.</summary>
    internal sealed class HevcParameterSets
    {
        private readonly HevcSequenceParameterSet?[] _sps = new HevcSequenceParameterSet?[16];
        private readonly HevcPictureParameterSet?[] _pps = new HevcPictureParameterSet?[64];

        public HevcSequenceParameterSet? Sps(int id) => id >= 0 && id < _sps.Length ? _sps[id] : null;

        public HevcPictureParameterSet? Pps(int id) => id >= 0 && id < _pps.Length ? _pps[id] : null;

        /// <summary>Reads one parameter set NAL unit (the reader just past its two header bytes).</summary>
        public void Add(int nalType, BitReader reader)
        {
            if (nalType == HevcNalType.Sps && HevcSequenceParameterSet.Parse(reader) is HevcSequenceParameterSet sps) _sps[sps.Id] = sps;
            else if (nalType == HevcNalType.Pps && HevcPictureParameterSet.Parse(reader) is HevcPictureParameterSet pps) _pps[pps.Id] = pps;
        }

        /// <summary>Reads the NAL units of hvcC's arrays.</summary>
        public void AddConfiguration(IEnumerable<byte[]> units, BitReader reader)
        {
            foreach (byte[] unit in units)
            {
                if (unit.Length < 3) continue;
                reader.Load(unit, 0, unit.Length, removeEmulationPrevention: true);
                int type = (int)(reader.ReadBits(16) >> 9) & 0x3F;
                Add(type, reader);
            }
        }
    }

    /// <summary>What the NAL units of one HEVC sample say about its picture.</summary>
    internal readonly struct HevcAccessUnit
    {
        public HevcAccessUnit(int firstVclType, bool broken, HevcSliceSegmentHeader? slice, int sliceNalType)
        {
            FirstVclType = firstVclType;
            Broken = broken;
            Slice = slice;
            SliceNalType = sliceNalType;
        }

        /// <summary>nal_unit_type of the first VCL NAL unit of any layer (-1: none).</summary>
        public int FirstVclType { get; }

        /// <summary>A length prefix ran past the sample before a VCL unit was found.</summary>
        public bool Broken { get; }

        /// <summary>The header of the base layer's first slice segment (null when damaged or its parameter sets are unknown).</summary>
        public HevcSliceSegmentHeader? Slice { get; }

        /// <summary>nal_unit_type of that slice segment (-1: none).</summary>
        public int SliceNalType { get; }
    }

    /// <summary>
    /// Walks the length-prefixed NAL units of HEVC samples: parameter sets update the sets (which start
    /// from hvcC), and the base layer's first slice segment gives the picture. Units of other layers
    /// (MV-HEVC, SHVC) are passed over, as ffmpeg 5.1's decoder passes them over.
    /// </summary>
    internal sealed class HevcAccessUnitReader
    {
        private const int SliceHeaderBytes = 64;

        private readonly HevcParameterSets _sets = new HevcParameterSets();
        private readonly BitReader _bits;
        private readonly int _lengthSize;

        public HevcAccessUnitReader(HevcConfigurationBox? configuration, int nalLengthSize, BitReader bits)
        {
            _bits = bits;
            _lengthSize = nalLengthSize is >= 1 and <= 4 ? nalLengthSize : 4;
            if (configuration is not null) _sets.AddConfiguration(configuration.NalUnits, bits);
        }

        /// <summary>Reads the sample the reader is bounded to.</summary>
        public HevcAccessUnit Read(BoxDataReader reader)
        {
            int firstVcl = -1;
            while (reader.Remaining > _lengthSize)
            {
                long length = 0;
                for (int i = 0; i < _lengthSize; i++) length = (length << 8) | reader.ReadByte();
                if (length <= 0 || length > reader.Remaining) return new HevcAccessUnit(firstVcl, firstVcl < 0, null, -1);
                long next = reader.Position + length;
                int header = reader.ReadByte() << 8;
                if (length >= 2) header |= reader.ReadByte();
                int type = (header >> 9) & 0x3F;
                int layer = length >= 2 ? (header >> 3) & 0x3F : -1;
                if (HevcNalType.IsVcl(type) && firstVcl < 0) firstVcl = type;
                if (layer == 0)
                {
                    if (HevcNalType.IsVcl(type))
                    {
                        reader.Position -= 2;
                        _bits.LoadNalUnit(reader, next, SliceHeaderBytes);
                        _bits.Skip(16);
                        return new HevcAccessUnit(firstVcl, false, HevcSliceSegmentHeader.Read(_bits, type, _sets), type);
                    }
                    if (type == HevcNalType.Sps || type == HevcNalType.Pps)
                    {
                        reader.Position -= 2;
                        _bits.LoadNalUnit(reader, next, BitReader.MaxBytes);
                        _bits.Skip(16);
                        _sets.Add(type, _bits);
                    }
                }
                reader.Position = next;
            }
            return new HevcAccessUnit(firstVcl, false, null, -1);
        }
    }
}
