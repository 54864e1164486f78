using System;
using System.Globalization;
using System.Text;
using Mp4Timing.Boxes;

namespace Mp4Timing.Analysis
{
    /// <summary>
    /// Codec strings: the 'codecs' parameter of RFC 6381 that DASH and HLS manifests and
    /// <c>MediaSource.isTypeSupported</c> use, built from a sample entry and its configuration box as
    /// ISO/IEC 14496-15 Annex E (AVC, HEVC), AV1-ISOBMFF, VP-ISOBMFF and RFC 6381 3.3 (MPEG-4) define them.
    /// Encrypted (encv, enca) and restricted (resv) entries are named by their original format (frma):
    /// a codec string says what the decoder gets once the samples are decrypted.
    /// An entry whose configuration box is missing or unknown is named by its fourcc alone.
    /// </summary>
    public static class CodecStrings
    {
        private static readonly FourCC Sinf = FourCC.Parse("sinf");
        private static readonly FourCC Rinf = FourCC.Parse("rinf");
        private static readonly FourCC Wave = FourCC.Parse("wave");

        /// <summary>The codec string of a sample entry, e.g. <c>avc1.64001F</c>, <c>hvc1.1.6.L93.B0</c>, <c>mp4a.40.2</c>.</summary>
        public static string Of(SampleEntry entry)
        {
            if (entry is null) throw new ArgumentNullException(nameof(entry));
            string format = OriginalFormat(entry);
            switch (format)
            {
                case "avc1":
                case "avc2":
                case "avc3":
                case "avc4":
                    return entry.Child<AvcConfigurationBox>() is { } avcC ? Avc(format, avcC) : format;
                case "hvc1":
                case "hev1":
                case "hvc2":
                case "hev2":
                    return entry.Child<HevcConfigurationBox>() is { } hvcC ? Hevc(format, hvcC) : format;
                case "av01":
                    return entry.Child<Av1ConfigurationBox>() is { } av1C ? Av1(format, av1C) : format;
                case "vp08":
                case "vp09":
                    return entry.Child<VpConfigurationBox>() is { } vpcC ? Vp(format, vpcC) : format;
                case "mp4a":
                case "mp4v":
                    return EsdsOf(entry) is { } esds ? Mpeg4(format, esds) : format;
                case "dvh1":
                case "dvhe":
                case "dva1":
                case "dvav":
                case "dav1":
                    return entry.Child<DolbyVisionConfigurationBox>() is { } dovi ? DolbyVision(format, dovi) : format;
                case "mha1":
                case "mha2":
                case "mhm1":
                case "mhm2":
                    return entry.Child<MpegHConfigurationBox>() is { } mhaC ? MpegH(format, mhaC) : format;
                case ".mp3":
                    // No RFC 6381 form for QuickTime's MP3 entry: the fourcc without its dot, as mp4box.js writes it.
                    return "mp3";
                default:
                    return format;
            }
        }

        /// <summary>MP3 (and MPEG-1/2 audio) in MP4: mp4a with objectTypeIndication 0x6B or 0x69, or QuickTime's .mp3 entry.</summary>
        public static bool IsMpegAudio(AudioSampleEntry audio)
        {
            string format = OriginalFormat(audio);
            if (format == ".mp3" || format == "mp3 ") return true;
            return format == "mp4a" && EsdsOf(audio) is { ObjectTypeIndication: 0x6B or 0x69 };
        }

        /// <summary>
        /// The codec the samples are coded with: the sample entry's fourcc, or for encrypted (encv, enca...)
        /// and restricted (resv) entries the data_format of their frma box (what ffprobe shows as codec_tag_string).
        /// </summary>
        public static string OriginalFormat(SampleEntry entry)
        {
            if (entry is null) throw new ArgumentNullException(nameof(entry));
            OriginalFormatBox? frma = entry.Child(Sinf)?.Child<OriginalFormatBox>() ?? entry.Child(Rinf)?.Child<OriginalFormatBox>();
            return frma is { DataFormat.Length: > 0 } ? frma.DataFormat : entry.Type;
        }

        /// <summary>The esds of an MPEG-4 entry: a child, or in QuickTime a child of its wave box.</summary>
        internal static ElementaryStreamDescriptorBox? EsdsOf(SampleEntry entry) =>
            entry.Child<ElementaryStreamDescriptorBox>() ?? entry.Child(Wave)?.Child<ElementaryStreamDescriptorBox>();

        /// <summary>avc1.PPCCLL: AVCProfileIndication, profile_compatibility and AVCLevelIndication in hex (14496-15 E.2).</summary>
        internal static string Avc(string format, AvcConfigurationBox avcC) =>
            string.Format(CultureInfo.InvariantCulture, "{0}.{1:X2}{2:X2}{3:X2}", format, avcC.ProfileIndication, avcC.ProfileCompatibility, avcC.LevelIndication);

        /// <summary>
        /// hvc1.[A-C]P.C.TL.B... (14496-15 E.3): profile space as a letter (none for 0) and profile_idc; the
        /// compatibility flags in reverse bit order, in hex; tier (L or H) and level_idc; then each constraint
        /// byte in hex, the trailing zero bytes left out.
        /// </summary>
        internal static string Hevc(string format, HevcConfigurationBox hvcC)
        {
            var text = new StringBuilder(format).Append('.');
            if (hvcC.GeneralProfileSpace > 0) text.Append((char)('A' + hvcC.GeneralProfileSpace - 1));
            text.Append(hvcC.GeneralProfileIdc.ToString(CultureInfo.InvariantCulture)).Append('.');
            text.Append(ReverseBits(hvcC.GeneralProfileCompatibilityFlags).ToString("X", CultureInfo.InvariantCulture)).Append('.');
            text.Append(hvcC.GeneralTierFlag ? 'H' : 'L').Append(hvcC.GeneralLevelIdc.ToString(CultureInfo.InvariantCulture));
            ulong constraints = hvcC.GeneralConstraintIndicatorFlags;
            int last = 5;
            while (last >= 0 && ConstraintByte(constraints, last) == 0) last--;
            for (int i = 0; i <= last; i++)
            {
                text.Append('.').Append(ConstraintByte(constraints, i).ToString("X", CultureInfo.InvariantCulture));
            }
            return text.ToString();
        }

        /// <summary>av01.P.LLT.DD (AV1-ISOBMFF, Codecs Parameter String): seq_profile, seq_level_idx_0 in two digits, tier M or H, bit depth in two digits.</summary>
        internal static string Av1(string format, Av1ConfigurationBox av1C) =>
            string.Format(CultureInfo.InvariantCulture, "{0}.{1}.{2:D2}{3}.{4:D2}", format, av1C.SeqProfile, av1C.SeqLevelIdx0, av1C.SeqTier0 ? 'H' : 'M', av1C.BitDepth);

        /// <summary>vp09.PP.LL.DD (VP-ISOBMFF, Codecs Parameter String): profile, level and bit depth in two digits each.</summary>
        internal static string Vp(string format, VpConfigurationBox vpcC) =>
            string.Format(CultureInfo.InvariantCulture, "{0}.{1:D2}.{2:D2}.{3:D2}", format, vpcC.Profile, vpcC.Level, vpcC.BitDepth);

        /// <summary>
        /// RFC 6381 3.3: mp4a.OO and mp4v.OO with objectTypeIndication in hex; MPEG-4 Audio (0x40) adds the
        /// audioObjectType in decimal (mp4a.40.2) and MPEG-4 Visual (0x20) its profile_and_level_indication (mp4v.20.9).
        /// </summary>
        internal static string Mpeg4(string format, ElementaryStreamDescriptorBox esds)
        {
            string text = string.Format(CultureInfo.InvariantCulture, "{0}.{1:X2}", format, esds.ObjectTypeIndication);
            if (esds.ObjectTypeIndication == 0x40 && esds.AudioObjectType is int objectType)
            {
                return text + "." + objectType.ToString(CultureInfo.InvariantCulture);
            }
            if (esds.ObjectTypeIndication == 0x20 && esds.VisualProfileLevelIndication is byte profileLevel)
            {
                return text + "." + profileLevel.ToString(CultureInfo.InvariantCulture);
            }
            return text;
        }

        /// <summary>dvh1.PP.LL (Dolby Vision streams within ISOBMFF, codecs parameter): dv_profile and dv_level in two digits.</summary>
        internal static string DolbyVision(string format, DolbyVisionConfigurationBox dovi) =>
            string.Format(CultureInfo.InvariantCulture, "{0}.{1:D2}.{2:D2}", format, dovi.Profile, dovi.Level);

        /// <summary>mhm1.0xPP (ISO/IEC 23008-3 with its DASH and DVB use): the mpegh3daProfileLevelIndication in hex.</summary>
        internal static string MpegH(string format, MpegHConfigurationBox mhaC) =>
            string.Format(CultureInfo.InvariantCulture, "{0}.0x{1:X2}", format, mhaC.ProfileLevelIndication);

        /// <summary>Byte <paramref name="index"/> (0 first) of the 48 constraint bits.</summary>
        private static int ConstraintByte(ulong constraints, int index) => (int)((constraints >> (8 * (5 - index))) & 0xFF);

        private static uint ReverseBits(uint value)
        {
            uint reversed = 0;
            for (int i = 0; i < 32; i++)
            {
                reversed = (reversed << 1) | (value & 1);
                value >>= 1;
            }
            return reversed;
        }
    }
}
