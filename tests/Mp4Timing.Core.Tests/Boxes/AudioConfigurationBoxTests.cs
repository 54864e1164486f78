using Mp4Timing.Boxes;
using static Mp4Timing.Tests.Support.Mp4Bytes;
using static Mp4Timing.Tests.Support.SpecBytes;

namespace Mp4Timing.Tests.Boxes
{
    /// <summary>
    /// dac3 and dec3 (ETSI TS 102 366 F.4, F.6), the alac magic cookie (ALACSpecificConfig), mhaC
    /// (ISO/IEC 23008-3 20.5) and dvcC (Dolby Vision streams within ISOBMFF 3.2): the fields the track
    /// summary takes channels, bit depth and codec strings from.
    /// </summary>
    public class AudioConfigurationBoxTests
    {
        [Theory]
        // fscod 00 | bsid 01000 | bsmod 000 | acmod 111 (3/2) | lfeon 1 | bit_rate_code 01110 (448 kbit/s) | reserved 00000
        [InlineData("10 3D C0", 0, 8, 7, true, 14, 6)]
        // fscod 01 (44.1 kHz) | bsid 01000 | bsmod 000 | acmod 010 (2/0) | lfeon 0 | bit_rate_code 01010 | reserved
        [InlineData("50 11 40", 1, 8, 2, false, 10, 2)]
        // acmod 000 (1+1, dual mono): two channels
        [InlineData("10 00 00", 0, 8, 0, false, 0, 2)]
        public void Dac3(string hex, int fscod, int bsid, int acmod, bool lfe, int bitRateCode, int channels)
        {
            var box = Single<Ac3SpecificBox>(Box("dac3", Hex(hex)));

            Assert.Equal(fscod, box.SampleRateCode);
            Assert.Equal(bsid, box.BitStreamId);
            Assert.Equal(acmod, box.AudioCodingMode);
            Assert.Equal(lfe, box.LfeOn);
            Assert.Equal(bitRateCode, box.BitRateCode);
            Assert.Equal(channels, box.Channels);
        }

        [Fact]
        public void Dec3FiveOneWithoutDependentSubstreams()
        {
            // data_rate 1000 (13 bits) num_ind_sub 0 | fscod 00 bsid 10000 reserved 0 | asvc 0 bsmod 000 acmod 111 lfeon 1
            // | reserved 000 num_dep_sub 0000 reserved 0.
            var box = Single<Ec3SpecificBox>(Box("dec3", Hex("1F 40 20 0F 00")));

            Assert.Equal(1000, box.DataRate);
            Assert.Equal(1, box.IndependentSubstreams);
            Assert.Equal(7, box.AudioCodingMode);
            Assert.True(box.LfeOn);
            Assert.Equal(0, box.DependentSubstreams);
            Assert.Equal(6, box.Channels);
        }

        [Fact]
        public void Dec3SevenOneFromADependentSubstream()
        {
            // 5.1 core (acmod 7, lfeon 1) and one dependent substream whose chan_loc (9 bits, the first one
            // Lc/Rc) has its second bit set: Lrs/Rrs, the back surround pair, so 7.1.
            // Bytes: 1F 40 | 20 0F 02 (reserved 000, num_dep_sub 0001, chan_loc's first bit 0) | 80 (its other 8 bits 1000 0000).
            var box = Single<Ec3SpecificBox>(Box("dec3", Hex("1F 40 20 0F 02 80")));

            Assert.Equal(1, box.DependentSubstreams);
            Assert.Equal(0x080, box.ChannelLocations);
            Assert.Equal(8, box.Channels);

            // chan_loc 0 0100 0000: Cs, one channel more (6.1).
            Assert.Equal(7, Single<Ec3SpecificBox>(Box("dec3", Hex("1F 40 20 0F 02 40"))).Channels);
        }

        [Fact]
        public void AlacMagicCookie()
        {
            // FullBox version 0; frameLength 4096, compatibleVersion 0, bitDepth 20, pb 40, mb 10, kb 14, numChannels 1,
            // maxRun 255, maxFrameBytes 4075, avgBitRate 288078, sampleRate 44100 (sample_alac_20bit.mp4 of the corpus).
            var box = Single<AlacSpecificBox>(FullBox("alac", 0, 0, Hex("00001000 00 14 28 0A 0E 01 00FF 00000FEB 0004654E 0000AC44")));

            Assert.Equal(4096u, box.FrameLength);
            Assert.Equal(20, box.BitDepth);
            Assert.Equal(1, box.ChannelCount);
            Assert.Equal(288078u, box.AverageBitRate);
            Assert.Equal(44100u, box.SampleRate);
        }

        [Theory]
        // configurationVersion 1, profile-level 0x0D (LC profile level 3), referenceChannelLayout 19 (CICP 7.1.4: 12 channels)
        [InlineData("01 0D 13 0000", 0x0D, 19, 12)]
        [InlineData("01 0B 06 0000", 0x0B, 6, 6)]
        // layout 0: the layout is not named by an index, so the channels are unknown
        [InlineData("01 10 00 0000", 0x10, 0, null)]
        public void MhaC(string hex, int profileLevel, int layout, int? channels)
        {
            var box = Single<MpegHConfigurationBox>(Box("mhaC", Hex(hex)));

            Assert.Equal(profileLevel, box.ProfileLevelIndication);
            Assert.Equal(layout, box.ReferenceChannelLayout);
            Assert.Equal(channels, box.Channels);
        }

        [Fact]
        public void DvcC()
        {
            // dv_version 1.0; dv_profile 8 (7 bits) dv_level 6 (6 bits) rpu 1 el 0 bl 1 = 0001000 000110 1 0 1 = 0x1035;
            // dv_bl_signal_compatibility_id 1 in the high nibble of the next byte.
            var box = Single<DolbyVisionConfigurationBox>(Box("dvcC", Hex("01 00 10 35 10"), Zeros(19)));

            Assert.Equal(1, box.VersionMajor);
            Assert.Equal(8, box.Profile);
            Assert.Equal(6, box.Level);
            Assert.True(box.RpuPresent);
            Assert.False(box.EnhancementLayerPresent);
            Assert.True(box.BaseLayerPresent);
            Assert.Equal(1, box.BaseLayerCompatibilityId);
        }
    }
}
