using Mp4Timing.Boxes;
using static Mp4Timing.Tests.Support.Mp4Bytes;
using static Mp4Timing.Tests.Support.SpecBytes;

namespace Mp4Timing.Tests.Boxes
{
    /// <summary>
    /// Codec configuration boxes: avcC and hvcC (ISO/IEC 14496-15 5.3.3.1, 8.3.3.1), av1C (AV1-ISOBMFF 2.3),
    /// vpcC (VP-ISOBMFF 2.2, version 1), dOps (Opus-in-ISOBMFF 4.3.2), esds (ISO/IEC 14496-14 3.1.2 with
    /// the ES_Descriptor of 14496-1 7.2.6 and AudioSpecificConfig of 14496-3 1.6.2.1).
    /// </summary>
    public class CodecConfigurationBoxTests
    {
        // ---- avcC -------------------------------------------------------------------------------

        [Fact]
        public void AvcCHighProfile()
        {
            // version 1, profile 100, compatibility 0, level 31, 0xFF = reserved '111111' + lengthSizeMinusOne 3,
            // 0xE1 = reserved '111' + one SPS, SPS of 4 bytes, one PPS of 4 bytes, then the High-profile
            // extension (chroma_format 1, bit depths 8, no SPS extensions).
            byte[] avcC = Box("avcC", Hex("01 64 00 1F FF E1 00 04 67 64 00 1F 01 00 04 68 EB E3 CB FD F8 F8 00"));

            var box = Single<AvcConfigurationBox>(avcC);

            Assert.Equal(1, box.ConfigurationVersion);
            Assert.Equal(100, box.ProfileIndication);
            Assert.Equal(0, box.ProfileCompatibility);
            Assert.Equal(31, box.LevelIndication);
            Assert.Equal(4, box.NalUnitLengthSize);
            Assert.Equal(1, box.SequenceParameterSetCount);
            Assert.Equal(1, box.PictureParameterSetCount);
            Assert.Equal(1, box.ChromaFormat);
            Assert.Equal(8, box.BitDepthLuma);
            Assert.Equal(8, box.BitDepthChroma);
            WithCulture("", () => Assert.Equal("profile=100 level=3.1 nal_length=4 sps=1 pps=1", box.Summary));
        }

        [Fact]
        public void AvcCHigh10ExtensionAndItsAbsence()
        {
            // High 10 (110) with the extension: FE = '111111' + chroma_format 2 (4:2:2), FA = '11111' + bit_depth_luma_minus8 2
            // (10 bits), FA the same for chroma, 00 SPS extensions. Without the extension (many writers) the fields stay unknown.
            var high10 = Single<AvcConfigurationBox>(Box("avcC", Hex("01 6E 00 28 FF E1 00 04 67 6E 00 28 01 00 04 68 EB E3 CB FE FA FA 00")));
            Assert.Equal(2, high10.ChromaFormat);
            Assert.Equal(10, high10.BitDepthLuma);
            Assert.Equal(10, high10.BitDepthChroma);

            var bare = Single<AvcConfigurationBox>(Box("avcC", Hex("01 64 00 1F FF E1 00 04 67 64 00 1F 01 00 04 68 EB E3 CB")));
            Assert.Null(bare.ChromaFormat);
            Assert.Null(bare.BitDepthLuma);
        }

        [Fact]
        public void AvcCBaselineTwoSpsNoPps()
        {
            // 0xFD: lengthSizeMinusOne 1 (2-byte lengths); 0xE2: two SPS (of 1 and 3 bytes); 0 PPS.
            byte[] avcC = Box("avcC", Hex("01 42 C0 1E FD E2 00 01 67 00 03 67 42 C0 00"));

            var box = Single<AvcConfigurationBox>(avcC);

            Assert.Equal(66, box.ProfileIndication);
            Assert.Equal(0xC0, box.ProfileCompatibility);
            Assert.Equal(30, box.LevelIndication);
            Assert.Equal(2, box.NalUnitLengthSize);
            Assert.Equal(2, box.SequenceParameterSetCount);
            Assert.Equal(0, box.PictureParameterSetCount);
            WithCulture("", () => Assert.Equal("profile=66 level=3.0 nal_length=2 sps=2 pps=0", box.Summary));
        }

        [Fact]
        public void AvcCParameterSetLongerThanTheBoxIsAnError()
        {
            var (error, box) = ReadFailing(Box("avcC", Hex("01 64 00 1F FF E1 00 40 67 64")), "avcC");

            Assert.Equal(Mp4ErrorKind.TruncatedBox, error.Kind);
            Assert.IsNotType<AvcConfigurationBox>(box);
        }

        // ---- hvcC -------------------------------------------------------------------------------

        [Theory]
        // Main, Main tier, level 3.1 (93), 4:2:0, 8-bit, 4-byte lengths, 3 arrays.
        [InlineData("01 01 60000000 900000000000 5D F000 FC FD F8 F8 0000 0F 03", 0, false, 1, 93, 1, 8, 8, 4, 3, "profile=1 tier=main level=3.1 chroma=1 depth=8 nal_length=4")]
        // profile_space 2, High tier, Main 10, level 5.1 (153), 4:2:2, 10-bit luma, 12-bit chroma, 2-byte lengths.
        [InlineData("01 A2 20000000 000000000000 99 F000 FC FE FA FC 0000 0D 00", 2, true, 2, 153, 2, 10, 12, 2, 0, "profile=2 tier=high level=5.1 chroma=2 depth=10 nal_length=2")]
        public void HvcC(string hex, int profileSpace, bool tier, int profileIdc, int level, int chroma, int lumaDepth, int chromaDepth, int nalLength, int arrays, string summary)
        {
            var box = Single<HevcConfigurationBox>(Box("hvcC", Hex(hex)));

            Assert.Equal(profileSpace, box.GeneralProfileSpace);
            Assert.Equal(tier, box.GeneralTierFlag);
            Assert.Equal(profileIdc, box.GeneralProfileIdc);
            Assert.Equal(level, box.GeneralLevelIdc);
            Assert.Equal(chroma, box.ChromaFormat);
            Assert.Equal(lumaDepth, box.BitDepthLuma);
            Assert.Equal(chromaDepth, box.BitDepthChroma);
            Assert.Equal(nalLength, box.NalUnitLengthSize);
            Assert.Equal(arrays, box.ArrayCount);
            WithCulture("", () => Assert.Equal(summary, box.Summary));
        }

        [Fact]
        public void HvcCKeepsTheCompatibilityAndConstraintFlags()
        {
            // general_profile_compatibility_flags 0x60000000 (flags 1 and 2: Main and Main 10 decoders can decode),
            // general_constraint_indicator_flags B0 00 00 00 00 00 (progressive, interlaced=0, non-packed, frame-only).
            var box = Single<HevcConfigurationBox>(Box("hvcC", Hex("01 01 60000000 B00000000012 5D F000 FC FD F8 F8 0000 0F 00")));

            Assert.Equal(0x60000000u, box.GeneralProfileCompatibilityFlags);
            Assert.Equal(0xB00000000012ul, box.GeneralConstraintIndicatorFlags);
            Assert.Equal(93, box.GeneralLevelIdc);
        }

        [Fact]
        public void HvcCWithArraysInsideHvc1()
        {
            // The arrays (VPS here) follow numOfArrays; the sample entry's next child must still be found.
            byte[] hvcC = Box("hvcC", Hex("01 01 60000000 900000000000 5D F000 FC FD F8 F8 0000 0F 01  A0 0001 0004 40 01 0C 01"));
            byte[] entry = Box("hvc1", Zeros(6), U16(1), Zeros(16), U16(1920), U16(1080), U32(0x00480000), U32(0x00480000), U32(0), U16(1), Zeros(32), U16(0x18), I16(-1),
                hvcC, Box("pasp", U32(1), U32(1)));
            var (boxes, errors) = Read(FullBox("stsd", 0, 0, U32(1), entry));

            Assert.Empty(errors);
            Assert.Equal(new[] { "stsd", "hvc1", "hvcC", "pasp" }, System.Linq.Enumerable.Select(boxes, b => b.Type));
            Assert.Equal(1, Assert.IsType<HevcConfigurationBox>(boxes[2]).ArrayCount);
        }

        // ---- av1C -------------------------------------------------------------------------------

        [Theory]
        // marker 1 + version 1 = 0x81; seq_profile(3) seq_level_idx_0(5); tier, high_bitdepth, twelve_bit,
        // monochrome, subsampling x, y, chroma_sample_position(2); then the presentation delay byte.
        [InlineData("81 08 0C 00", 0, 8, false, 8, false, true, true, "profile=0 level_idx=8 tier=0 depth=8")]
        [InlineData("81 5F E0 00", 2, 31, true, 12, false, false, false, "profile=2 level_idx=31 tier=1 depth=12")]
        [InlineData("81 0D 5C 00", 0, 13, false, 10, true, true, true, "profile=0 level_idx=13 tier=0 depth=10")]
        [InlineData("81 2C 48 00", 1, 12, false, 10, false, true, false, "profile=1 level_idx=12 tier=0 depth=10")]
        public void Av1C(string hex, int profile, int level, bool tier, int depth, bool mono, bool ssx, bool ssy, string summary)
        {
            var box = Single<Av1ConfigurationBox>(Box("av1C", Hex(hex)));

            Assert.Equal(profile, box.SeqProfile);
            Assert.Equal(level, box.SeqLevelIdx0);
            Assert.Equal(tier, box.SeqTier0);
            Assert.Equal(depth, box.BitDepth);
            Assert.Equal(mono, box.Monochrome);
            Assert.Equal(ssx, box.ChromaSubsamplingX);
            Assert.Equal(ssy, box.ChromaSubsamplingY);
            Assert.Equal(summary, box.Summary);
        }

        // ---- vpcC -------------------------------------------------------------------------------

        [Theory]
        // profile, level, bitDepth(4) chromaSubsampling(3) videoFullRangeFlag(1), colourPrimaries,
        // transferCharacteristics, matrixCoefficients, codecIntializationDataSize(16).
        [InlineData("00 1F 82 01 01 01 0000", 0, 31, 8, 1, false, "profile=0 level=31 depth=8 chroma=1")]
        [InlineData("02 29 A7 09 10 09 0000", 2, 41, 10, 3, true, "profile=2 level=41 depth=10 chroma=3")]
        [InlineData("01 0A C4 02 02 02 0000", 1, 10, 12, 2, false, "profile=1 level=10 depth=12 chroma=2")]
        public void VpcC(string hex, int profile, int level, int depth, int chroma, bool fullRange, string summary)
        {
            var box = Single<VpConfigurationBox>(FullBox("vpcC", 1, 0, Hex(hex)));

            Assert.Equal(1, box.Version);
            Assert.Equal(profile, box.Profile);
            Assert.Equal(level, box.Level);
            Assert.Equal(depth, box.BitDepth);
            Assert.Equal(chroma, box.ChromaSubsampling);
            Assert.Equal(fullRange, box.VideoFullRange);
            Assert.Equal(summary, box.Summary);
        }

        // ---- dOps -------------------------------------------------------------------------------

        [Fact]
        public void DOpsStereo()
        {
            var box = Single<OpusSpecificBox>(Box("dOps", U8(0), U8(2), U16(312), U32(48000), I16(0), U8(0)));

            Assert.Equal(0, box.OpusVersion);
            Assert.Equal(2, box.OutputChannelCount);
            Assert.Equal(312, box.PreSkip);
            Assert.Equal(48000u, box.InputSampleRate);
            Assert.Equal(0, box.OutputGain);
            Assert.Equal(0, box.ChannelMappingFamily);
            Assert.Equal("channels=2 pre_skip=312 input_rate=48000", box.Summary);
        }

        [Fact]
        public void DOpsSurroundWithChannelMapping()
        {
            // Family 1 adds StreamCount, CoupledCount and one mapping byte per output channel.
            var box = Single<OpusSpecificBox>(Box("dOps", U8(0), U8(6), U16(3840), U32(44100), I16(-256), U8(1), U8(4), U8(2), Hex("00 04 01 02 03 05")));

            Assert.Equal(6, box.OutputChannelCount);
            Assert.Equal(3840, box.PreSkip);
            Assert.Equal(44100u, box.InputSampleRate);
            Assert.Equal(-256, box.OutputGain);
            Assert.Equal(1, box.ChannelMappingFamily);
            Assert.Equal("channels=6 pre_skip=3840 input_rate=44100", box.Summary);
        }

        // ---- esds -------------------------------------------------------------------------------

        /// <summary>A descriptor: tag, the size in the 7-bits-per-byte form with <paramref name="lengthBytes"/> bytes, the payload.</summary>
        private static byte[] Descriptor(byte tag, int lengthBytes, params byte[][] payload)
        {
            byte[] body = Cat(payload);
            var length = new byte[lengthBytes];
            for (int i = 0; i < lengthBytes; i++)
            {
                int shift = 7 * (lengthBytes - 1 - i);
                length[i] = (byte)(((body.Length >> shift) & 0x7F) | (i < lengthBytes - 1 ? 0x80 : 0));
            }
            return Cat(new[] { tag }, length, body);
        }

        private static byte[] Esds(int lengthBytes, byte esFlags, byte[] optional, byte oti, byte streamTypeByte, byte[]? decoderSpecificInfo) =>
            FullBox("esds", 0, 0,
                Descriptor(0x03, lengthBytes, U16(1), new[] { esFlags }, optional,
                    Descriptor(0x04, lengthBytes, new[] { oti, streamTypeByte }, U24(768), U32(128000), U32(96000),
                        decoderSpecificInfo is null ? new byte[0] : Descriptor(0x05, lengthBytes, decoderSpecificInfo)),
                    Descriptor(0x06, lengthBytes, U8(2))));

        [Theory]
        [InlineData(1)]
        [InlineData(2)]
        [InlineData(3)]
        [InlineData(4)] // ffmpeg writes 80 80 80 nn
        public void EsdsAacWithEachDescriptorLengthForm(int lengthBytes)
        {
            // streamType 5 (audio) << 2 | upStream 0 | reserved 1 = 0x15; AudioSpecificConfig 0x1210:
            // audioObjectType 2 (AAC LC), samplingFrequencyIndex 4 (44100), channelConfiguration 2.
            var esds = Single<ElementaryStreamDescriptorBox>(Esds(lengthBytes, 0x00, new byte[0], 0x40, 0x15, Hex("12 10")));

            Assert.Equal(1, esds.EsId);
            Assert.Equal(0x40, esds.ObjectTypeIndication);
            Assert.Equal(5, esds.StreamType);
            Assert.Equal(768u, esds.BufferSize);
            Assert.Equal(128000u, esds.MaxBitrate);
            Assert.Equal(96000u, esds.AvgBitrate);
            Assert.Equal(2, esds.AudioObjectType);
            Assert.Equal(44100, esds.SamplingFrequency);
            Assert.Equal(2, esds.ChannelConfiguration);
            Assert.Equal("object_type=0x40 stream_type=5 avg_bitrate=96000 aot=2 rate=44100 channels=2", esds.Summary);
        }

        [Fact]
        public void EsdsFfmpegBytes()
        {
            // As ffmpeg's movenc writes it: four-byte lengths, 48 kHz stereo AAC LC (0x1190).
            byte[] esds = FullBox("esds", 0, 0, Hex(
                "03 80 80 80 22 00 01 00" +
                "04 80 80 80 14 40 15 00 00 00 00 01 F4 00 00 01 77 00" +
                "05 80 80 80 02 11 90" +
                "06 80 80 80 01 02"));

            var box = Single<ElementaryStreamDescriptorBox>(esds);

            Assert.Equal(0x40, box.ObjectTypeIndication);
            Assert.Equal(0u, box.BufferSize);
            Assert.Equal(128000u, box.MaxBitrate);
            Assert.Equal(96000u, box.AvgBitrate);
            Assert.Equal(2, box.AudioObjectType);
            Assert.Equal(48000, box.SamplingFrequency);
            Assert.Equal(2, box.ChannelConfiguration);
        }

        [Fact]
        public void EsdsTwoByteLengthsThatNeedBothBytes()
        {
            // A 130-byte DecoderSpecificInfo: its length is 81 02 (1 × 128 + 2); the DecoderConfigDescriptor
            // then holds 13 + 3 + 130 = 146 bytes (81 12), the ES_Descriptor 3 + (3 + 146) + (3 + 1) = 156 (81 1C).
            byte[] dsi = Cat(Hex("12 10"), Zeros(128));
            byte[] esds = Esds(2, 0x00, new byte[0], 0x40, 0x15, dsi);
            Assert.Equal(new byte[] { 0x03, 0x81, 0x1C }, esds[12..15]);
            Assert.Equal(new byte[] { 0x04, 0x81, 0x12 }, esds[18..21]);

            var box = Single<ElementaryStreamDescriptorBox>(esds);

            Assert.Equal(2, box.AudioObjectType);
            Assert.Equal(44100, box.SamplingFrequency);
            Assert.Equal(96000u, box.AvgBitrate);
        }

        [Fact]
        public void EsdsOptionalEsFieldsAreSkipped()
        {
            // streamDependenceFlag, URL_Flag and OCRstreamFlag: dependsOn_ES_ID, URLlength + URLstring, OCR_ES_Id.
            byte[] optional = Cat(U16(7), U8(4), Ascii("abcd"), U16(9));
            var box = Single<ElementaryStreamDescriptorBox>(Esds(1, 0xE0, optional, 0x40, 0x15, Hex("11 90")));

            Assert.Equal(1, box.EsId);
            Assert.Equal(0x40, box.ObjectTypeIndication);
            Assert.Equal(48000, box.SamplingFrequency);
        }

        [Theory]
        [InlineData("12 10", 2, 44100, 2)]   // AAC LC, 44.1 kHz, stereo
        [InlineData("11 90", 2, 48000, 2)]   // AAC LC, 48 kHz, stereo
        [InlineData("2B 08", 5, 24000, 1)]   // HE-AAC (SBR), 24 kHz core, mono
        [InlineData("0D 88", 1, 8000, 1)]    // AAC Main, 8 kHz, mono
        [InlineData("13 B0", 2, 22050, 6)]   // AAC LC, 22.05 kHz, 5.1
        [InlineData("16 08", 2, 7350, 1)]    // AAC LC, index 12 (7350 Hz), mono
        public void AudioSpecificConfig(string asc, int objectType, int frequency, int channels)
        {
            var box = Single<ElementaryStreamDescriptorBox>(Esds(1, 0, new byte[0], 0x40, 0x15, Hex(asc)));

            Assert.Equal(objectType, box.AudioObjectType);
            Assert.Equal(frequency, box.SamplingFrequency);
            Assert.Equal(channels, box.ChannelConfiguration);
        }

        [Theory]
        // samplingFrequencyIndex 15: an explicit 24-bit frequency follows. 00010 1111 000000010111011100000000 0010:
        // AAC LC, 0x017700 = 96000 Hz, stereo.
        [InlineData("17 80 BB 80 10", 2, 96000, 2)]
        // audioObjectType 31 escapes to 32 + the next 6 bits: 11111 001010 (42, USAC) 0011 (48000 Hz) 0010 (stereo).
        [InlineData("F9 46 40", 42, 48000, 2)]
        public void AudioSpecificConfigEscapes(string asc, int objectType, int frequency, int channels)
        {
            var box = Single<ElementaryStreamDescriptorBox>(Esds(1, 0, new byte[0], 0x40, 0x15, Hex(asc)));

            Assert.Equal(objectType, box.AudioObjectType);
            Assert.Equal(frequency, box.SamplingFrequency);
            Assert.Equal(channels, box.ChannelConfiguration);
        }

        [Theory]
        // Explicit SBR (14496-3 1.6.2.1): 00101 (5) 0110 (24000) 0001 (mono) 0011 (extension 48000) 00010 (AAC LC).
        [InlineData("2B 09 88", 5, 24000, 1, 48000)]
        // Explicit PS: 11101 (29) 0110 (24000) 0010 (stereo) 0011 (48000) 00010.
        [InlineData("EB 11 88", 29, 24000, 2, 48000)]
        // Implicit signalling: AAC LC alone, no extension frequency.
        [InlineData("13 10", 2, 24000, 2, null)]
        public void AudioSpecificConfigWithSbr(string asc, int objectType, int frequency, int channels, int? extension)
        {
            var box = Single<ElementaryStreamDescriptorBox>(Esds(1, 0, new byte[0], 0x40, 0x15, Hex(asc)));

            Assert.Equal(objectType, box.AudioObjectType);
            Assert.Equal(frequency, box.SamplingFrequency);
            Assert.Equal(channels, box.ChannelConfiguration);
            Assert.Equal(extension, box.ExtensionSamplingFrequency);
        }

        [Fact]
        public void AudioSpecificConfigCutShortKeepsWhatWasRead()
        {
            // An escaped object type whose second byte is missing: nothing certain but nothing invented either.
            var box = Single<ElementaryStreamDescriptorBox>(Esds(1, 0, new byte[0], 0x40, 0x15, Hex("F8")));

            Assert.Null(box.AudioObjectType);
            Assert.Null(box.SamplingFrequency);
        }

        [Fact]
        public void EsdsMp3HasNoAudioSpecificConfig()
        {
            var box = Single<ElementaryStreamDescriptorBox>(Esds(1, 0, new byte[0], 0x6B, 0x15, null));

            Assert.Equal(0x6B, box.ObjectTypeIndication);
            Assert.Equal(5, box.StreamType);
            Assert.Null(box.AudioObjectType);
            Assert.Equal("object_type=0x6B stream_type=5 avg_bitrate=96000", box.Summary);
        }

        [Fact]
        public void EsdsVisualStreamDoesNotReadItsDecoderSpecificInfoAsAudio()
        {
            // MPEG-4 Visual: objectTypeIndication 0x20, streamType 4 → 0x11; the DSI is a VOL header.
            var box = Single<ElementaryStreamDescriptorBox>(Esds(1, 0, new byte[0], 0x20, 0x11, Hex("00 00 01 B0 01")));

            Assert.Equal(0x20, box.ObjectTypeIndication);
            Assert.Equal(4, box.StreamType);
            Assert.Null(box.AudioObjectType);
            Assert.Equal("object_type=0x20 stream_type=4 avg_bitrate=96000", box.Summary);
            // visual_object_sequence_start_code 00 00 01 B0, then profile_and_level_indication 1 (Simple Profile, level 1).
            Assert.Equal((byte)1, box.VisualProfileLevelIndication);
        }

        [Fact]
        public void EsdsVisualStreamWithoutASequenceHeaderHasNoProfileLevel()
        {
            // A DSI that starts with a VOL (00 00 01 20) has no visual_object_sequence header to take the profile from.
            var box = Single<ElementaryStreamDescriptorBox>(Esds(1, 0, new byte[0], 0x20, 0x11, Hex("00 00 01 20 00 84")));

            Assert.Null(box.VisualProfileLevelIndication);
        }

        [Fact]
        public void EsdsEmptyOrNotAnEsDescriptorLeavesTheFieldsUnset()
        {
            var empty = Single<ElementaryStreamDescriptorBox>(FullBox("esds", 0, 0));
            Assert.Equal(0, empty.ObjectTypeIndication);
            Assert.Null(empty.AudioObjectType);

            var other = Single<ElementaryStreamDescriptorBox>(FullBox("esds", 0, 0, Hex("04 02 40 15")));
            Assert.Equal(0, other.ObjectTypeIndication);
        }

        [Fact]
        public void EsdsDescriptorLongerThanTheBoxIsAnError()
        {
            var (error, box) = ReadFailing(FullBox("esds", 0, 0, Hex("03 80 80 80 7F 00 01 00")), "esds");

            Assert.Equal(Mp4ErrorKind.TruncatedBox, error.Kind);
            Assert.Contains("127", error.Message);
            Assert.IsNotType<ElementaryStreamDescriptorBox>(box);
        }
    }
}
