using Mp4Timing.Boxes;
using static Mp4Timing.Tests.Support.Mp4Bytes;

namespace Mp4Timing.Tests.Boxes
{
    /// <summary>
    /// mdhd (ISO/IEC 14496-12 8.4.2): creation_time, modification_time, timescale, duration (32 or 64 bits
    /// by version), then pad(1) + language as three 5-bit letters (each letter − 0x60), pre_defined(16).
    /// QuickTime stores Macintosh language codes (below 0x400) and 0x7FFF for "unspecified".
    /// </summary>
    public class MediaHeaderBoxTests
    {
        [Fact]
        public void Version0()
        {
            // 'eng' = (5 << 10) | (14 << 5) | 7 = 0x15C7.
            byte[] file = FullBox("mdhd", 0, 0, U32(3_600_000_000), U32(3_600_000_003), U32(48000), U32(96000), U16(0x15C7), U16(0));

            var mdhd = Single<MediaHeaderBox>(file);

            Assert.Equal(0, mdhd.Version);
            Assert.Equal(3_600_000_000L, mdhd.CreationTime);
            Assert.Equal(3_600_000_003L, mdhd.ModificationTime);
            Assert.Equal(48000u, mdhd.Timescale);
            Assert.Equal(96000L, mdhd.Duration);
            Assert.Equal("eng", mdhd.Language);
            Assert.Equal(32, mdhd.Size);
            Assert.Equal("timescale=48000 duration=96000 (2.0 s) lang=eng", mdhd.Summary);
        }

        [Fact]
        public void Version1()
        {
            byte[] file = FullBox("mdhd", 1, 0, U64(0x1_0000_0000), U64(0x1_0000_0001), U32(90000), U64(0x1_0000_0000), U16(0x55C4), U16(0));

            var mdhd = Single<MediaHeaderBox>(file);

            Assert.Equal(1, mdhd.Version);
            Assert.Equal(4_294_967_296L, mdhd.CreationTime);
            Assert.Equal(4_294_967_297L, mdhd.ModificationTime);
            Assert.Equal(90000u, mdhd.Timescale);
            Assert.Equal(4_294_967_296L, mdhd.Duration);
            Assert.Equal("und", mdhd.Language);
            Assert.Equal(44, mdhd.Size);
        }

        [Theory]
        [InlineData(0x15C7, "eng")]              // e=5 n=14 g=7
        [InlineData(0x55C4, "und")]              // u=21 n=14 d=4
        [InlineData(0x1A41, "fra")]              // f=6 r=18 a=1
        [InlineData(0x2A0E, "jpn")]              // j=10 p=16 n=14
        [InlineData(0x95C7, "eng")]              // the pad bit is not part of the code
        [InlineData(0x7FFF, "und")]              // QuickTime: unspecified
        [InlineData(0x0000, "mac:0")]            // QuickTime: Macintosh English
        [InlineData(0x000C, "mac:12")]           // QuickTime: Macintosh Arabic
        [InlineData(0x03FF, "mac:1023")]         // the last Macintosh code
        public void Language(int packed, string language)
        {
            var mdhd = Single<MediaHeaderBox>(FullBox("mdhd", 0, 0, U32(0), U32(0), U32(600), U32(0), U16(packed), U16(0)));

            Assert.Equal(language, mdhd.Language);
            Assert.EndsWith(" lang=" + language, mdhd.Summary);
        }

        [Fact]
        public void MissingPreDefinedIsTolerated()
        {
            // Some writers end mdhd right after the language.
            var mdhd = Single<MediaHeaderBox>(FullBox("mdhd", 0, 0, U32(0), U32(0), U32(30), U32(60), U16(0x15C7)));

            Assert.Equal(30u, mdhd.Timescale);
            Assert.Equal(60L, mdhd.Duration);
            Assert.Equal("eng", mdhd.Language);
        }

        [Fact]
        public void Version1DurationAllOnesMeansUnknown()
        {
            // 8.4.2.3: "If the duration cannot be determined then duration is set to all 1s."
            var mdhd = Single<MediaHeaderBox>(FullBox("mdhd", 1, 0, U64(0), U64(0), U32(48000), U64(ulong.MaxValue), U16(0x55C4), U16(0)));

            Assert.Equal(48000u, mdhd.Timescale);
            Assert.Equal(-1L, mdhd.Duration);
            Assert.Equal("und", mdhd.Language);
        }

        [Fact]
        public void Version0DurationAllOnesIsUnknown()
        {
            // ISO/IEC 14496-12: a duration of all ones means "unknown", in version 0 as in version 1.
            var mdhd = Single<MediaHeaderBox>(FullBox("mdhd", 0, 0, U32(0), U32(0), U32(48000), U32(0xFFFFFFFF), U16(0x55C4), U16(0)));

            Assert.Equal(-1L, mdhd.Duration);
        }

        [Fact]
        public void Version0DurationJustBelowAllOnesIsKept()
        {
            var mdhd = Single<MediaHeaderBox>(FullBox("mdhd", 0, 0, U32(0), U32(0), U32(48000), U32(0xFFFFFFFE), U16(0x55C4), U16(0)));

            Assert.Equal(4_294_967_294L, mdhd.Duration);
        }
    }
}
