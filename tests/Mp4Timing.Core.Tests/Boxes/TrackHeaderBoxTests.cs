using Mp4Timing.Boxes;
using static Mp4Timing.Tests.Support.Mp4Bytes;
using static Mp4Timing.Tests.Support.SpecBytes;

namespace Mp4Timing.Tests.Boxes
{
    /// <summary>
    /// tkhd (ISO/IEC 14496-12 8.3.2): creation_time, modification_time, track_ID, reserved(32), duration
    /// (32 or 64 bits by version), reserved(32)[2], layer, alternate_group, volume, reserved(16), matrix,
    /// width and height (16.16). Flag 0x1 is track_enabled.
    /// </summary>
    public class TrackHeaderBoxTests
    {
        private static byte[] Tail(short layer, short alternateGroup, ushort volume, uint width, uint height) => Cat(
            Zeros(8), I16(layer), I16(alternateGroup), U16(volume), Zeros(2), UnityMatrix(), U32(width), U32(height));

        [Fact]
        public void Version0Video()
        {
            byte[] file = FullBox("tkhd", 0, 0x000003,
                U32(3_600_000_000), U32(3_600_000_002), U32(1), U32(0), U32(0x80000001),
                Tail(-1, 2, 0x0000, 0x07800000, 0x04380000));

            var tkhd = Single<TrackHeaderBox>(file);

            Assert.Equal(0, tkhd.Version);
            Assert.Equal(3u, tkhd.Flags);
            Assert.True(tkhd.Enabled);
            Assert.Equal(3_600_000_000L, tkhd.CreationTime);
            Assert.Equal(3_600_000_002L, tkhd.ModificationTime);
            Assert.Equal(1u, tkhd.TrackId);
            Assert.Equal(2_147_483_649L, tkhd.Duration);
            Assert.Equal(-1, tkhd.Layer);
            Assert.Equal(2, tkhd.AlternateGroup);
            Assert.Equal(0.0, tkhd.Volume);
            Assert.Equal(1920.0, tkhd.Width);
            Assert.Equal(1080.0, tkhd.Height);
            Assert.Equal(92, tkhd.Size);
            Assert.Equal("track_ID=1 duration=2147483649 1920x1080", tkhd.Summary);
        }

        [Fact]
        public void Version1Audio()
        {
            byte[] file = FullBox("tkhd", 1, 0x000007,
                U64(0x1_0000_0000), U64(0x1_0000_0009), U32(2), U32(0), U64(0x2_0000_0000),
                Tail(0, 1, 0x0100, 0, 0));

            var tkhd = Single<TrackHeaderBox>(file);

            Assert.Equal(1, tkhd.Version);
            Assert.Equal(4_294_967_296L, tkhd.CreationTime);
            Assert.Equal(4_294_967_305L, tkhd.ModificationTime);
            Assert.Equal(2u, tkhd.TrackId);
            Assert.Equal(8_589_934_592L, tkhd.Duration);
            Assert.Equal(0, tkhd.Layer);
            Assert.Equal(1, tkhd.AlternateGroup);
            Assert.Equal(1.0, tkhd.Volume);
            Assert.Equal(0.0, tkhd.Width);
            Assert.Equal(104, tkhd.Size);
            Assert.Equal("track_ID=2 duration=8589934592", tkhd.Summary);
        }

        [Fact]
        public void DisabledTrackAndFractionalSize()
        {
            // 720.5 × 404.25 in 16.16: 0x02D08000, 0x01944000.
            byte[] file = FullBox("tkhd", 0, 0x000002, U32(0), U32(0), U32(9), U32(0), U32(100),
                Tail(0, 0, 0, 0x02D08000, 0x01944000));

            var tkhd = Single<TrackHeaderBox>(file);

            Assert.False(tkhd.Enabled);
            Assert.Equal(720.5, tkhd.Width);
            Assert.Equal(404.25, tkhd.Height);
            WithCulture("", () => Assert.Equal("track_ID=9 duration=100 720.5x404.25 disabled", tkhd.Summary));
        }

        [Fact]
        public void Version1DurationAllOnesMeansUnknown()
        {
            // 8.3.2.3: duration "is set to all 1s" when it cannot be determined.
            byte[] file = FullBox("tkhd", 1, 1, U64(0), U64(0), U32(1), U32(0), U64(ulong.MaxValue), Tail(0, 0, 0, 0, 0));

            var tkhd = Single<TrackHeaderBox>(file);

            Assert.Equal(1u, tkhd.TrackId);
            Assert.Equal(-1L, tkhd.Duration);
        }
    }
}
