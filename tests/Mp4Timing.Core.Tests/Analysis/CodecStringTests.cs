using Mp4Timing.Analysis;
using static Mp4Timing.Tests.Support.EntryBytes;
using static Mp4Timing.Tests.Support.Mp4Bytes;
using static Mp4Timing.Tests.Support.SpecBytes;

namespace Mp4Timing.Tests.Analysis
{
    /// <summary>
    /// Codec strings computed by hand from configuration bytes built here, following RFC 6381 3.3 and
    /// ISO/IEC 14496-15 Annex E (E.2 AVC, E.3 HEVC), AV1-ISOBMFF and VP-ISOBMFF "Codecs Parameter String".
    /// </summary>
    public class CodecStringTests
    {
        private static string Of(byte[] entry, string handler = "vide") => CodecStrings.Of(ReadEntry(entry, handler));

        // ---- AVC: avc1.PPCCLL, three bytes of avcC in hex ------------------------------------------------

        [Theory]
        // AVCProfileIndication 100 (0x64), profile_compatibility 0, AVCLevelIndication 31 (0x1F): High@3.1.
        [InlineData("avc1", "01 64 00 1F FF E1 00 04 67 64 00 1F 01 00 04 68 EB E3 CB", "avc1.64001F")]
        // Constrained Baseline: profile 66 (0x42), constraint_set0+1 (0xC0), level 30 (0x1E).
        [InlineData("avc1", "01 42 C0 1E FF E1 00 04 67 42 C0 1E 01 00 04 68 CE 38 80", "avc1.42C01E")]
        // avc3 (parameter sets in band) keeps its own fourcc: Main (77 = 0x4D), compatibility 0x40, level 4.0 (0x28).
        [InlineData("avc3", "01 4D 40 28 FF E0 00", "avc3.4D4028")]
        public void Avc(string codec, string avcC, string expected)
        {
            Assert.Equal(expected, Of(Visual(codec, 1280, 720, Box("avcC", Hex(avcC)))));
        }

        // ---- HEVC: hvc1.[A-C]P.C.TL.B... -------------------------------------------------------------------

        [Theory]
        // general_profile_space 0, tier 0, profile_idc 1 (Main): byte 0x01. Compatibility flags 0x60000000 (flags 1 and
        // 2) reversed bit by bit: 0x00000006 → "6". Level 93 (3.1) Main tier → "L93". Constraint bytes B0 00 00 00 00 00:
        // the trailing zero bytes are dropped → "B0". The example of ISO/IEC 14496-15 E.3: hvc1.1.6.L93.B0.
        [InlineData("hvc1", "01 01 60000000 B00000000000 5D", "hvc1.1.6.L93.B0")]
        // Main 10 (2), compatibility 0x20000000 (flag 2) → 4, High tier level 120 (4.0) → H120, constraints 90 → "90".
        [InlineData("hev1", "01 22 20000000 900000000000 78", "hev1.2.4.H120.90")]
        // profile_space 1 → "A", profile 4 (RExt), compatibility 0x08000000 (flag 4) → 0x10 → "10", level 153,
        // constraint bytes 9F A8 00 00 00 01: every byte up to the last non-zero one is kept, in hex without padding.
        [InlineData("hvc1", "01 44 08000000 9FA800000001 99", "hvc1.A4.10.L153.9F.A8.0.0.0.1")]
        // No constraint flag set: no constraint part at all.
        [InlineData("hvc1", "01 01 60000000 000000000000 5A", "hvc1.1.6.L90")]
        public void Hevc(string codec, string start, string expected)
        {
            byte[] hvcC = Box("hvcC", Hex(start), Hex("F000 FC FD F8 F8 0000 0F 00"));
            Assert.Equal(expected, Of(Visual(codec, 1920, 1080, hvcC)));
        }

        // ---- AV1: av01.P.LLT.DD ---------------------------------------------------------------------------------

        [Theory]
        // marker+version 0x81; seq_profile 0, seq_level_idx_0 4 (0x04); tier 0, high_bitdepth 0: av01.0.04M.08.
        [InlineData("81 04 0C 00", "av01.0.04M.08")]
        // seq_profile 0, level 13 (0x0D), high_bitdepth 1 → 10 bits: av01.0.13M.10.
        [InlineData("81 0D 4C 00", "av01.0.13M.10")]
        // seq_profile 2, level 31 (0x1F), tier 1 → H, high_bitdepth and twelve_bit → 12 bits.
        [InlineData("81 5F E0 00", "av01.2.31H.12")]
        public void Av1(string av1C, string expected)
        {
            Assert.Equal(expected, Of(Visual("av01", 1920, 1080, Box("av1C", Hex(av1C)))));
        }

        // ---- VP9: vp09.PP.LL.DD -----------------------------------------------------------------------------------

        [Theory]
        // profile 0, level 10 (1.0), bitDepth 8 (0x8 in the high nibble of 0x82): vp09.00.10.08.
        [InlineData("vp09", "00 0A 82 01 01 01 0000", "vp09.00.10.08")]
        // profile 2, level 41, 10 bits.
        [InlineData("vp09", "02 29 A2 09 10 09 0000", "vp09.02.41.10")]
        [InlineData("vp08", "00 1F 82 01 01 01 0000", "vp08.00.31.08")]
        public void Vp(string codec, string vpcC, string expected)
        {
            Assert.Equal(expected, Of(Visual(codec, 1280, 720, FullBox("vpcC", 1, 0, Hex(vpcC)))));
        }

        // ---- MPEG-4: mp4a.OO[.A] and mp4v.OO[.PL] ------------------------------------------------------------------------

        [Theory]
        // objectTypeIndication 0x40 (MPEG-4 Audio), AudioSpecificConfig 12 10: audioObjectType 2 (AAC LC) → mp4a.40.2.
        [InlineData(0x40, "12 10", "mp4a.40.2")]
        // HE-AAC with explicit SBR: audioObjectType 5 → mp4a.40.5; with PS: 29.
        [InlineData(0x40, "2B 09 88", "mp4a.40.5")]
        [InlineData(0x40, "EB 11 88", "mp4a.40.29")]
        // Escaped audioObjectType 31 + 10 = 42 (USAC, xHE-AAC).
        [InlineData(0x40, "F9 46 40", "mp4a.40.42")]
        // MP3 (MPEG-1 Layer 3, 0x6B) and MPEG-2 audio (0x69) have no AudioSpecificConfig: the OTI alone, in hex.
        [InlineData(0x6B, null, "mp4a.6B")]
        [InlineData(0x69, null, "mp4a.69")]
        // MPEG-2 AAC LC (0x67): the audioObjectType suffix is defined for 0x40 only.
        [InlineData(0x67, "12 10", "mp4a.67")]
        // 0x40 without a decoder specific info: the OTI alone.
        [InlineData(0x40, null, "mp4a.40")]
        public void Mp4a(int objectType, string? asc, string expected)
        {
            byte[] esds = Esds((byte)objectType, 5, asc is null ? null : Hex(asc));
            Assert.Equal(expected, Of(Audio("mp4a", 2, 16, 48000, esds), "soun"));
        }

        [Fact]
        public void Mp4aInsideQuickTimeWave()
        {
            // QuickTime puts esds inside a wave box (with frma and a terminator).
            byte[] wave = Box("wave", Box("frma", Ascii("mp4a")), Esds(0x40, 5, Hex("11 90")), Zeros(8));
            Assert.Equal("mp4a.40.2", Of(Audio("mp4a", 2, 16, 48000, wave), "soun"));
        }

        [Theory]
        // MPEG-4 Visual (0x20), visual_object_sequence profile_and_level_indication 9 (Simple Profile level 0): mp4v.20.9.
        [InlineData(0x20, "00 00 01 B0 09 00 00 01 B5", "mp4v.20.9")]
        // Advanced Simple Profile level 5 (0xF5 = 245).
        [InlineData(0x20, "00 00 01 B0 F5", "mp4v.20.245")]
        // MPEG-2 Main Profile video (0x61): the OTI alone.
        [InlineData(0x61, null, "mp4v.61")]
        public void Mp4v(int objectType, string? dsi, string expected)
        {
            byte[] esds = Esds((byte)objectType, 4, dsi is null ? null : Hex(dsi));
            Assert.Equal(expected, Of(Visual("mp4v", 352, 288, esds)));
        }

        // ---- codecs named by their fourcc, and the rest ------------------------------------------------------------------

        [Theory]
        [InlineData("Opus")]
        [InlineData("fLaC")]
        [InlineData("ac-3")]
        [InlineData("ec-3")]
        [InlineData("alac")]
        [InlineData("ipcm")]
        public void AudioNamedByItsFourcc(string codec)
        {
            Assert.Equal(codec, Of(Audio(codec, 2, 16, 48000), "soun"));
        }

        [Fact]
        public void QuickTimeMp3EntryLosesItsDot()
        {
            Assert.Equal("mp3", Of(Audio(".mp3", 2, 16, 44100), "soun"));
        }

        [Fact]
        public void MissingConfigurationGivesTheFourccAlone()
        {
            Assert.Equal("avc1", Of(Visual("avc1", 640, 360)));
            Assert.Equal("mp4a", Of(Audio("mp4a", 2, 16, 48000), "soun"));
        }

        [Fact]
        public void DolbyVisionAndMpegH()
        {
            // dvcC: profile 5, level 6 → dvh1.05.06.
            Assert.Equal("dvh1.05.06", Of(Visual("dvh1", 3840, 2160, Box("dvcC", Hex("01 00 0A 35 00"), Zeros(19)))));
            // mhaC: mpegh3daProfileLevelIndication 0x0D (LC profile level 3) → mhm1.0x0D.
            Assert.Equal("mhm1.0x0D", Of(Audio("mhm1", 0, 16, 48000, Box("mhaC", Hex("01 0D 13 0000"))), "soun"));
        }

        // ---- protected entries: the original format's codec string ---------------------------------------------------------

        [Fact]
        public void EncryptedVideoIsNamedByItsOriginalFormat()
        {
            byte[] entry = Visual("encv", 1280, 720, Box("avcC", Hex("01 64 00 1F FF E0 00")), Sinf("avc1", "cenc"));
            var read = ReadEntry(entry);

            Assert.Equal("avc1", CodecStrings.OriginalFormat(read));
            Assert.Equal("avc1.64001F", CodecStrings.Of(read));
        }

        [Fact]
        public void EncryptedAudioIsNamedByItsOriginalFormat()
        {
            byte[] entry = Audio("enca", 2, 16, 48000, Esds(0x40, 5, Hex("11 90")), Sinf("mp4a", "cbcs"));
            var read = ReadEntry(entry, "soun");

            Assert.Equal("mp4a", CodecStrings.OriginalFormat(read));
            Assert.Equal("mp4a.40.2", CodecStrings.Of(read));
        }
    }
}
