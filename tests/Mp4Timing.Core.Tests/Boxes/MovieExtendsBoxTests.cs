using Mp4Timing.Boxes;
using static Mp4Timing.Tests.Support.Mp4Bytes;

namespace Mp4Timing.Tests.Boxes
{
    /// <summary>
    /// trex (ISO/IEC 14496-12 8.8.3): track_ID, default_sample_description_index, default_sample_duration,
    /// default_sample_size, default_sample_flags. mehd (8.8.2): fragment_duration, 32 or 64 bits by version.
    /// </summary>
    public class MovieExtendsBoxTests
    {
        [Fact]
        public void Trex()
        {
            var trex = Single<TrackExtendsBox>(Box("mvex", FullBox("trex", 0, 0, U32(1), U32(1), U32(1024), U32(0), U32(0x00010000))));

            Assert.Equal(1u, trex.TrackId);
            Assert.Equal(1u, trex.DefaultSampleDescriptionIndex);
            Assert.Equal(1024u, trex.DefaultSampleDuration);
            Assert.Equal(0u, trex.DefaultSampleSize);
            Assert.Equal(0x00010000u, trex.DefaultSampleFlags);
            Assert.Equal("/mvex/trex", trex.BoxPath);
            Assert.Equal("track_ID=1 duration=1024 size=0 flags=0x00010000", trex.Summary);
        }

        [Fact]
        public void TrexShortOfDefaultSampleFlagsIsAnError()
        {
            var (error, _) = Support.SpecBytes.ReadFailing(FullBox("trex", 0, 0, U32(1), U32(1), U32(1024), U32(0)), "trex");

            Assert.Equal(Mp4ErrorKind.TruncatedBox, error.Kind);
        }

        [Theory]
        [InlineData(0, "80 00 00 00", 2_147_483_648L)]
        [InlineData(1, "00 00 00 01 00 00 00 00", 4_294_967_296L)]
        [InlineData(1, "00 00 00 00 00 00 00 2A", 42L)]
        public void Mehd(int version, string duration, long expected)
        {
            var mehd = Single<MovieExtendsHeaderBox>(FullBox("mehd", version, 0, Support.SpecBytes.Hex(duration)));

            Assert.Equal(version, mehd.Version);
            Assert.Equal(expected, mehd.FragmentDuration);
            Assert.Equal($"fragment_duration={expected}", mehd.Summary);
        }
    }
}
