using Mp4Timing.IO;

namespace Mp4Timing.Bitstream
{
    /// <summary>
    /// Picture headers of the start-code video formats: MPEG-4 Part 2 (the VOP header's vop_coding_type),
    /// MPEG-1/2 video (picture_coding_type) and H.263 (the picture type in PTYPE or PLUSPTYPE). Each is
    /// found by its start code within the first bytes of the sample (after any sequence, VOL or GOP headers);
    /// a GOP or GOV header before it says whether an I picture starts a closed GOP.
    /// </summary>
    internal static class MpegVideo
    {
        /// <summary>How far into a sample a picture header is looked for.</summary>
        private const int SearchBytes = 4096;

        private const byte VopStartCode = 0xB6;
        private const byte GovStartCode = 0xB3;
        private const byte PictureStartCode = 0x00;
        private const byte GopStartCode = 0xB8;

        /// <summary>closed_gov follows the GOV start code after time_code (ISO/IEC 14496-2 6.2.4: 5 + 6 + 1 + 6 bits).</summary>
        private const int ClosedGovBit = 18;

        /// <summary>closed_gop follows the GOP start code after time_code (ISO/IEC 13818-2 6.2.2.6: 25 bits).</summary>
        private const int ClosedGopBit = 25;

        /// <summary>
        /// MPEG-4 Part 2: vop_coding_type after the first VOP start code (00 00 01 B6): I, P, B or S (sprite). An I-VOP
        /// after a GOV header with closed_gov starts a closed GOP.
        /// </summary>
        public static Picture Mpeg4Part2(BoxDataReader reader, BitReader bits)
        {
            if (!LoadAfterStartCode(reader, bits, VopStartCode, GovStartCode, ClosedGovBit, out bool closed)) return Picture.Unknown;
            return bits.ReadBits(2) switch
            {
                0 => new Picture(PictureType.I, "I-VOP", true, closed ? RandomAccess.Closed : RandomAccess.OpenIfLeading),
                1 => new Picture(PictureType.P, "P-VOP", false, RandomAccess.None),
                2 => new Picture(PictureType.B, "B-VOP", false, RandomAccess.None),
                _ => new Picture(PictureType.S, "S-VOP", false, RandomAccess.None),
            };
        }

        /// <summary>
        /// MPEG-1/2 video: picture_coding_type after temporal_reference in the picture header (00 00 01 00). An I picture
        /// after a GOP header with closed_gop starts a closed GOP.
        /// </summary>
        public static Picture Mpeg2(BoxDataReader reader, BitReader bits)
        {
            if (!LoadAfterStartCode(reader, bits, PictureStartCode, GopStartCode, ClosedGopBit, out bool closed)) return Picture.Unknown;
            bits.Skip(10); // temporal_reference
            uint type = bits.ReadBits(3);
            if (bits.Failed) return Picture.Unknown;
            return type switch
            {
                1 => new Picture(PictureType.I, "I", true, closed ? RandomAccess.Closed : RandomAccess.OpenIfLeading),
                2 => new Picture(PictureType.P, "P", false, RandomAccess.None),
                3 => new Picture(PictureType.B, "B", false, RandomAccess.None),
                _ => Picture.Unknown,
            };
        }

        /// <summary>
        /// H.263 picture header (ITU-T H.263 5.1): PSC (22 bits), TR, then PTYPE; its bit 9 is the picture
        /// coding type (0 INTRA, 1 INTER). Source format 7 means PLUSPTYPE follows, whose picture type code
        /// is read as ffmpeg's H.263 decoder maps it (0 I, 1 and 2 (improved PB) P, 3 B, 7 I). H.263 has no GOP
        /// header: an I picture starts a closed GOP unless a B picture after it is shown before it.
        /// </summary>
        public static Picture H263(BoxDataReader reader, BitReader bits)
        {
            bits.Load(reader, 16, removeEmulationPrevention: false);
            if (bits.ReadBits(22) != 0x20) return Picture.Unknown; // picture_start_code
            bits.Skip(8); // temporal_reference
            if (bits.ReadBits(2) != 2) return Picture.Unknown; // PTYPE bits 1-2: marker 1, then 0
            bits.Skip(3); // split screen, document camera, freeze picture release
            uint format = bits.ReadBits(3);
            if (format == 0 || bits.Failed) return Picture.Unknown;
            if (format != 7)
            {
                return bits.ReadBit() == 0
                    ? new Picture(PictureType.I, "INTRA", true, RandomAccess.OpenIfLeading)
                    : new Picture(PictureType.P, "INTER", false, RandomAccess.None);
            }
            uint ufep = bits.ReadBits(3);
            if (ufep == 1) bits.Skip(18); // OPPTYPE
            else if (ufep != 0) return Picture.Unknown;
            uint code = bits.ReadBits(3);
            if (bits.Failed) return Picture.Unknown;
            return code switch
            {
                0 or 7 => new Picture(PictureType.I, "I", true, RandomAccess.OpenIfLeading),
                1 => new Picture(PictureType.P, "P", false, RandomAccess.None),
                2 => new Picture(PictureType.P, "improved PB", false, RandomAccess.None),
                3 => new Picture(PictureType.B, "B", false, RandomAccess.None),
                _ => Picture.Unknown,
            };
        }

        /// <summary>
        /// Finds 00 00 01 <paramref name="code"/> in the first bytes of the sample and loads the bytes after it. A group
        /// header on the way (00 00 01 <paramref name="groupCode"/>: MPEG-2's GOP, MPEG-4's GOV) sets
        /// <paramref name="closedGroup"/> to its closed flag, <paramref name="closedBit"/> bits after the start code.
        /// </summary>
        private static bool LoadAfterStartCode(BoxDataReader reader, BitReader bits, byte code, byte groupCode, int closedBit, out bool closedGroup)
        {
            closedGroup = false;
            long end = System.Math.Min(reader.Limit, reader.Position + SearchBytes);
            int zeros = 0;
            while (reader.Position < end)
            {
                byte b = reader.ReadByte();
                if (b == 1 && zeros >= 2 && reader.Position < reader.Limit)
                {
                    byte next = reader.ReadByte();
                    if (next == code)
                    {
                        bits.Load(reader, 8, removeEmulationPrevention: false);
                        return true;
                    }
                    int groupBytes = (closedBit / 8) + 1;
                    if (next == groupCode && reader.Remaining >= groupBytes)
                    {
                        // Only the bytes up to the flag: the next start code may begin in the byte after it.
                        bits.Load(reader, groupBytes, removeEmulationPrevention: false);
                        bits.Skip(closedBit);
                        closedGroup = bits.ReadFlag();
                        zeros = 0;
                        continue;
                    }
                    zeros = next == 0 ? 1 : 0;
                    continue;
                }
                zeros = b == 0 ? zeros + 1 : 0;
            }
            return false;
        }
    }
}
