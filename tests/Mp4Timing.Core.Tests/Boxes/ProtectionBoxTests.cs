using System;
using Mp4Timing.Boxes;
using static Mp4Timing.Tests.Support.Mp4Bytes;
using static Mp4Timing.Tests.Support.SpecBytes;

namespace Mp4Timing.Tests.Boxes
{
    /// <summary>
    /// Common encryption (ISO/IEC 23001-7) and protection (ISO/IEC 14496-12 8.12) boxes: pssh, senc, saiz,
    /// saio, frma, schm, tenc.
    /// </summary>
    public class ProtectionBoxTests
    {
        private const string Widevine = "edef8ba9-79d6-4ace-a3c8-27dcd51d21ed";
        private const string ClearKey = "1077efec-c0b2-4d02-ace3-3c1e52e2fb4b";
        private const string Kid1 = "00112233-4455-6677-8899-aabbccddeeff";
        private const string Kid2 = "ffeeddcc-bbaa-9988-7766-554433221100";

        [Fact]
        public void UuidBytesAreReadInStoredOrder()
        {
            // The SystemID's bytes in the file are ED EF 8B A9 79 D6 ...: the text form, left to right.
            Assert.Equal(Hex("ED EF 8B A9 79 D6 4A CE A3 C8 27 DC D5 1D 21 ED"), Uuid(Widevine));
            var pssh = Single<ProtectionSystemHeaderBox>(FullBox("pssh", 0, 0, Hex("ED EF 8B A9 79 D6 4A CE A3 C8 27 DC D5 1D 21 ED"), U32(0)));

            Assert.Equal(new Guid(Widevine), pssh.SystemId);
        }

        [Fact]
        public void PsshVersion0()
        {
            var pssh = Single<ProtectionSystemHeaderBox>(FullBox("pssh", 0, 0, Uuid(Widevine), U32(4), Hex("08 01 12 10")));

            Assert.Equal(new Guid(Widevine), pssh.SystemId);
            Assert.Empty(pssh.KeyIds);
            Assert.Equal(4u, pssh.DataSize);
            Assert.Equal($"system={Widevine} kids=0 data=4 bytes", pssh.Summary);
        }

        [Fact]
        public void PsshVersion1WithKeyIds()
        {
            var pssh = Single<ProtectionSystemHeaderBox>(FullBox("pssh", 1, 0, Uuid(ClearKey), U32(2), Uuid(Kid1), Uuid(Kid2), U32(0)));

            Assert.Equal(new Guid(ClearKey), pssh.SystemId);
            Assert.Equal(new[] { new Guid(Kid1), new Guid(Kid2) }, pssh.KeyIds);
            Assert.Equal(0u, pssh.DataSize);
            Assert.Equal($"system={ClearKey} kids=2 data=0 bytes", pssh.Summary);
        }

        [Theory]
        [InlineData(0x000000u, "sample_count=3")]
        [InlineData(0x000002u, "sample_count=3 subsamples")]
        public void Senc(uint flags, string summary)
        {
            // Three 8-byte IVs (and, with flag 2, a subsample map each: count 1, clear 16, protected 100).
            byte[] subsamples = (flags & 2) != 0 ? Cat(U16(1), U16(16), U32(100)) : new byte[0];
            byte[] samples = Cat(Zeros(8), subsamples, Zeros(8), subsamples, Zeros(8), subsamples);
            var senc = Single<SampleEncryptionBox>(FullBox("senc", 0, flags, U32(3), samples));

            Assert.Equal(3u, senc.SampleCount);
            Assert.Equal((flags & 2) != 0, senc.UsesSubsampleEncryption);
            Assert.Equal(summary, senc.Summary);
        }

        [Fact]
        public void SaizWithoutAuxInfoType()
        {
            var saiz = Single<SampleAuxiliaryInformationSizesBox>(FullBox("saiz", 0, 0, U8(0), U32(3), Hex("10 18 10")));

            Assert.Null(saiz.AuxInfoType);
            Assert.Equal(0, saiz.DefaultSampleInfoSize);
            Assert.Equal(3u, saiz.SampleCount);
            Assert.Equal("default_size=0 sample_count=3", saiz.Summary);
        }

        [Fact]
        public void SaizWithAuxInfoType()
        {
            var saiz = Single<SampleAuxiliaryInformationSizesBox>(FullBox("saiz", 0, 1, Ascii("cenc"), U32(0), U8(8), U32(10)));

            Assert.Equal("cenc", saiz.AuxInfoType);
            Assert.Equal(8, saiz.DefaultSampleInfoSize);
            Assert.Equal(10u, saiz.SampleCount);
            Assert.Equal("default_size=8 sample_count=10", saiz.Summary);
        }

        [Theory]
        [InlineData(0, 0u, null)]
        [InlineData(1, 0u, null)]
        [InlineData(0, 1u, "cbcs")]
        [InlineData(1, 1u, "cenc")]
        public void Saio(int version, uint flags, string? auxInfoType)
        {
            byte[] type = flags == 1 ? Cat(Ascii(auxInfoType!), U32(0)) : new byte[0];
            byte[] offset = version == 1 ? U64(0x1_0000_0000) : U32(1234);
            var saio = Single<SampleAuxiliaryInformationOffsetsBox>(FullBox("saio", version, flags, type, U32(1), offset));

            Assert.Equal(auxInfoType, saio.AuxInfoType);
            Assert.Equal(1u, saio.EntryCount);
            Assert.Equal("entry_count=1", saio.Summary);
        }

        [Theory]
        [InlineData("avc1")]
        [InlineData("mp4a")]
        [InlineData("hvc1")]
        public void Frma(string format)
        {
            var frma = Single<OriginalFormatBox>(Box("frma", Ascii(format)));

            Assert.Equal(format, frma.DataFormat);
            Assert.Equal("data_format=" + format, frma.Summary);
        }

        [Theory]
        [InlineData("cenc", 0x00010000u, "scheme=cenc version=0x10000")]
        [InlineData("cbcs", 0x00010000u, "scheme=cbcs version=0x10000")]
        [InlineData("cens", 0x00000000u, "scheme=cens version=0x0")]
        public void Schm(string scheme, uint version, string summary)
        {
            var schm = Single<SchemeTypeBox>(FullBox("schm", 0, 0, Ascii(scheme), U32(version)));

            Assert.Equal(scheme, schm.SchemeType);
            Assert.Equal(version, schm.SchemeVersion);
            Assert.Equal(summary, schm.Summary);
        }

        [Fact]
        public void SchmWithSchemeUri()
        {
            // Flag 1: a scheme_uri follows; it does not disturb the two fields.
            var schm = Single<SchemeTypeBox>(FullBox("schm", 0, 1, Ascii("cenc"), U32(0x00010000), CString("https://example.com/")));

            Assert.Equal("cenc", schm.SchemeType);
        }

        [Fact]
        public void TencVersion0()
        {
            // reserved(8), reserved(8), default_isProtected, default_Per_Sample_IV_Size, default_KID.
            var tenc = Single<TrackEncryptionBox>(FullBox("tenc", 0, 0, U8(0), U8(0), U8(1), U8(8), Uuid(Kid1)));

            Assert.Equal(1, tenc.DefaultIsProtected);
            Assert.Equal(8, tenc.DefaultPerSampleIvSize);
            Assert.Equal(new Guid(Kid1), tenc.DefaultKeyId);
            Assert.Equal($"protected=1 iv_size=8 kid={Kid1}", tenc.Summary);
        }

        [Fact]
        public void TencVersion1WithPatternAndConstantIv()
        {
            // reserved(8), default_crypt_byte_block(4) default_skip_byte_block(4) = 1:9, isProtected 1,
            // IV size 0, KID, then default_constant_IV_size 16 and the IV (cbcs).
            var tenc = Single<TrackEncryptionBox>(FullBox("tenc", 1, 0, U8(0), U8(0x19), U8(1), U8(0), Uuid(Kid2), U8(16), Zeros(16)));

            Assert.Equal(1, tenc.Version);
            Assert.Equal(1, tenc.DefaultIsProtected);
            Assert.Equal(0, tenc.DefaultPerSampleIvSize);
            Assert.Equal(new Guid(Kid2), tenc.DefaultKeyId);
        }
    }
}
