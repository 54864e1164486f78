using System;
using System.Collections.Generic;

namespace Mp4Timing.Bitstream
{
    /// <summary>H.264 nal_unit_type values (ITU-T H.264 table 7-1) the readers act on.</summary>
    internal static class H264NalType
    {
        public const int Slice = 1;
        public const int Idr = 5;
        public const int Sei = 6;
        public const int Sps = 7;
        public const int Pps = 8;
    }

    /// <summary>
    /// seq_parameter_set_data() (H.264 7.3.2.1.1) up to frame_mbs_only_flag: what slice headers and the
    /// key-frame rules need. The checks are those that make ffmpeg reject an SPS, so that a set ffmpeg
    /// ignores is ignored here too.
    /// </summary>
    internal sealed class H264SequenceParameterSet
    {
        private static readonly int[] HighProfiles = { 100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135, 144 };

        private H264SequenceParameterSet(byte[] rbsp) => Rbsp = rbsp;

        /// <summary>The set's bytes (emulation prevention removed), to tell a repeated set from a changed one.</summary>
        public byte[] Rbsp { get; }

        public int ProfileIdc { get; private set; }

        public int Id { get; private set; }

        public int Log2MaxFrameNum { get; private set; }

        /// <summary>max_num_ref_frames (ffmpeg's ref_frame_count).</summary>
        public int MaxNumRefFrames { get; private set; }

        public bool FrameMbsOnly { get; private set; }

        /// <summary>Parses an SPS whose NAL header byte has been read; null when it is damaged or out of range.</summary>
        public static H264SequenceParameterSet? Parse(BitReader r)
        {
            var sps = new H264SequenceParameterSet(Snapshot(r)) { ProfileIdc = (int)r.ReadBits(8) };
            r.Skip(16); // constraint_set flags, reserved bits, level_idc
            uint id = r.ReadUe();
            if (id >= 32) return null;
            sps.Id = (int)id;
            if (Array.IndexOf(HighProfiles, sps.ProfileIdc) >= 0)
            {
                uint chroma = r.ReadUe();
                if (chroma > 3) return null;
                if (chroma == 3) r.Skip(1); // separate_colour_plane_flag
                uint lumaDepth = r.ReadUe() + 8;
                uint chromaDepth = r.ReadUe() + 8;
                if (lumaDepth > 14 || chromaDepth != lumaDepth) return null;
                r.Skip(1); // qpprime_y_zero_transform_bypass_flag
                if (r.ReadFlag()) SkipScalingLists(r, chroma != 3 ? 8 : 12);
            }
            uint log2MaxFrameNum = r.ReadUe() + 4;
            if (log2MaxFrameNum > 16) return null;
            sps.Log2MaxFrameNum = (int)log2MaxFrameNum;
            uint pocType = r.ReadUe();
            if (pocType > 2) return null;
            if (pocType == 0)
            {
                if (r.ReadUe() > 12) return null; // log2_max_pic_order_cnt_lsb_minus4
            }
            else if (pocType == 1)
            {
                r.Skip(1); // delta_pic_order_always_zero_flag
                r.ReadSe(); // offset_for_non_ref_pic
                r.ReadSe(); // offset_for_top_to_bottom_field
                uint cycle = r.ReadUe();
                if (cycle >= 256) return null;
                for (uint i = 0; i < cycle && !r.Failed; i++) r.ReadSe();
            }
            uint refFrames = r.ReadUe();
            if (refFrames > 16) return null;
            sps.MaxNumRefFrames = (int)refFrames;
            r.Skip(1); // gaps_in_frame_num_value_allowed_flag
            r.ReadUe(); // pic_width_in_mbs_minus1
            r.ReadUe(); // pic_height_in_map_units_minus1
            sps.FrameMbsOnly = r.ReadFlag();
            return r.Failed ? null : sps;
        }

        /// <summary>scaling_list() for each list present (7.3.2.1.1.1): delta_scale values until the list ends or a zero next scale.</summary>
        private static void SkipScalingLists(BitReader r, int lists)
        {
            for (int i = 0; i < lists && !r.Failed; i++)
            {
                if (!r.ReadFlag()) continue;
                int size = i < 6 ? 16 : 64;
                int last = 8, next = 8;
                for (int j = 0; j < size && !r.Failed; j++)
                {
                    if (next != 0) next = (int)((last + (long)r.ReadSe()) & 0xFF);
                    last = next == 0 ? last : next;
                }
            }
        }

        private static byte[] Snapshot(BitReader r)
        {
            var bytes = new byte[r.Length];
            for (int i = 0; i < bytes.Length; i++) bytes[i] = r.ByteAt(i);
            return bytes;
        }
    }

    /// <summary>pic_parameter_set_rbsp() (H.264 7.3.2.2) up to the default reference counts.</summary>
    internal sealed class H264PictureParameterSet
    {
        private H264PictureParameterSet(H264SequenceParameterSet sps) => Sps = sps;

        public int Id { get; private set; }

        /// <summary>The SPS it referred to when it was read (ffmpeg binds a PPS to its SPS then).</summary>
        public H264SequenceParameterSet Sps { get; }

        /// <summary>num_slice_groups_minus1 + 1.</summary>
        public int SliceGroups { get; private set; }

        /// <summary>num_ref_idx_l0_default_active_minus1 + 1.</summary>
        public int RefCountL0 { get; private set; }

        /// <summary>
        /// What ffmpeg 5.1 takes for ref_count[0]: it reads the slice group map type and then the reference
        /// counts without the map's fields in between, so with slice groups (FMO) it reads other bits.
        /// Equal to <see cref="RefCountL0"/> for any stream without slice groups.
        /// </summary>
        public int FfmpegRefCountL0 { get; private set; }

        /// <summary>Parses a PPS whose NAL header byte has been read; null when damaged or when its SPS is unknown (ffmpeg rejects it then).</summary>
        public static H264PictureParameterSet? Parse(BitReader r, H264ParameterSets sets)
        {
            uint id = r.ReadUe();
            uint spsId = r.ReadUe();
            if (id >= 256 || spsId >= 32 || sets.Sps((int)spsId) is not H264SequenceParameterSet sps) return null;
            var pps = new H264PictureParameterSet(sps) { Id = (int)id };
            r.Skip(2); // entropy_coding_mode_flag, bottom_field_pic_order_in_frame_present_flag
            uint groups = r.ReadUe() + 1;
            if (groups > 8) return null;
            pps.SliceGroups = (int)groups;
            if (groups > 1)
            {
                uint mapType = r.ReadUe();
                if (r.Failed) return null;
                long mapStart = r.Position;
                pps.FfmpegRefCountL0 = (int)Math.Min(r.ReadUe() + 1L, int.MaxValue);
                long ffmpegL1 = r.ReadUe() + 1L;
                r.Seek(mapStart);
                if (pps.FfmpegRefCountL0 > 32 || ffmpegL1 > 32) return null;
                SkipSliceGroupMap(r, mapType, groups);
            }
            uint l0 = r.ReadUe() + 1;
            uint l1 = r.ReadUe() + 1;
            if (groups == 1 && (l0 > 32 || l1 > 32)) return null;
            pps.RefCountL0 = (int)Math.Min(l0, 33);
            if (groups == 1) pps.FfmpegRefCountL0 = pps.RefCountL0;
            return r.Failed ? null : pps;
        }

        private static void SkipSliceGroupMap(BitReader r, uint mapType, uint groups)
        {
            switch (mapType)
            {
                case 0:
                    for (uint i = 0; i < groups && !r.Failed; i++) r.ReadUe(); // run_length_minus1
                    break;
                case 2:
                    for (uint i = 0; i + 1 < groups && !r.Failed; i++)
                    {
                        r.ReadUe(); // top_left
                        r.ReadUe(); // bottom_right
                    }
                    break;
                case 3:
                case 4:
                case 5:
                    r.Skip(1); // slice_group_change_direction_flag
                    r.ReadUe(); // slice_group_change_rate_minus1
                    break;
                case 6:
                    uint units = r.ReadUe() + 1;
                    int bits = 0;
                    while ((1u << bits) < groups) bits++;
                    r.Skip((long)units * bits);
                    break;
            }
        }
    }

    /// <summary>
    /// The SPS and PPS a decoder holds, by id: from avcC first, then from the NAL units of the samples.
    /// A changed SPS drops the PPSs that refer to its id, as ffmpeg does, until they are sent again.
    /// </summary>
    internal sealed class H264ParameterSets
    {
        private readonly H264SequenceParameterSet?[] _sps = new H264SequenceParameterSet?[32];
        private readonly H264PictureParameterSet?[] _pps = new H264PictureParameterSet?[256];

        public H264SequenceParameterSet? Sps(int id) => id >= 0 && id < _sps.Length ? _sps[id] : null;

        public H264PictureParameterSet? Pps(int id) => id >= 0 && id < _pps.Length ? _pps[id] : null;

        /// <summary>Reads the parameter sets of avcC (each a whole NAL unit with its header byte).</summary>
        public void AddConfiguration(IEnumerable<byte[]> sequenceSets, IEnumerable<byte[]> pictureSets, BitReader reader)
        {
            foreach (byte[] unit in sequenceSets) AddUnit(unit, reader);
            foreach (byte[] unit in pictureSets) AddUnit(unit, reader);
        }

        private void AddUnit(byte[] unit, BitReader reader)
        {
            if (unit.Length < 2) return;
            reader.Load(unit, 0, unit.Length, removeEmulationPrevention: true);
            int type = (int)reader.ReadBits(8) & 0x1F;
            if (type == H264NalType.Sps) AddSps(reader);
            else if (type == H264NalType.Pps) AddPps(reader);
        }

        /// <summary>Reads an SPS (the reader just past its NAL header byte).</summary>
        public void AddSps(BitReader reader)
        {
            H264SequenceParameterSet? sps = H264SequenceParameterSet.Parse(reader);
            if (sps is null) return;
            H264SequenceParameterSet? old = _sps[sps.Id];
            if (old is not null && SameBytes(old.Rbsp, sps.Rbsp)) return;
            if (old is not null)
            {
                for (int i = 0; i < _pps.Length; i++)
                {
                    if (_pps[i]?.Sps.Id == sps.Id) _pps[i] = null;
                }
            }
            _sps[sps.Id] = sps;
        }

        /// <summary>Reads a PPS (the reader just past its NAL header byte).</summary>
        public void AddPps(BitReader reader)
        {
            H264PictureParameterSet? pps = H264PictureParameterSet.Parse(reader, this);
            if (pps is not null) _pps[pps.Id] = pps;
        }

        private static bool SameBytes(byte[] a, byte[] b)
        {
            if (a.Length != b.Length) return false;
            for (int i = 0; i < a.Length; i++)
            {
                if (a[i] != b[i]) return false;
            }
            return true;
        }
    }

    /// <summary>The start of slice_header() (H.264 7.3.3): enough to know the slice's type and parameter sets.</summary>
    internal readonly struct H264SliceHeader
    {
        private H264SliceHeader(int nalType, int firstMb, int sliceType, int ppsId)
        {
            NalType = nalType;
            FirstMbInSlice = firstMb;
            SliceType = sliceType;
            PpsId = ppsId;
        }

        public int NalType { get; }

        public int FirstMbInSlice { get; }

        /// <summary>slice_type as coded (0-9; 5-9 say every slice of the picture has the type).</summary>
        public int SliceType { get; }

        public int PpsId { get; }

        /// <summary>The picture type of slice_type (P, B, I, SP, SI for slice_type % 5 = 0..4).</summary>
        public PictureType Type => (SliceType % 5) switch
        {
            0 => PictureType.P,
            1 => PictureType.B,
            2 => PictureType.I,
            3 => PictureType.SP,
            _ => PictureType.SI,
        };

        /// <summary>Reads first_mb_in_slice, slice_type and pic_parameter_set_id; null when they are damaged or out of range.</summary>
        public static H264SliceHeader? Read(BitReader r, int nalType)
        {
            uint firstMb = r.ReadUe();
            uint sliceType = r.ReadUe();
            uint ppsId = r.ReadUe();
            if (r.Failed || sliceType > 9 || ppsId >= 256 || firstMb > int.MaxValue) return null;
            return new H264SliceHeader(nalType, (int)firstMb, (int)sliceType, (int)ppsId);
        }
    }
}
