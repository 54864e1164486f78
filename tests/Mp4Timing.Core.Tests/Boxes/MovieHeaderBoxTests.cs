using Mp4Timing.Boxes;
using static Mp4Timing.Tests.Support.Mp4Bytes;
using static Mp4Timing.Tests.Support.SpecBytes;

namespace Mp4Timing.Tests.Boxes
{
    /// <summary>
    /// mvhd (ISO/IEC 14496-12 8.2.2): version 0 has 32-bit creation_time, modification_time and duration,
    /// version 1 64-bit ones; then rate (16.16), volume (8.8), 2 + 8 reserved bytes, the matrix,
    /// 6 × 32-bit pre_defined and next_track_ID.
    /// </summary>
    public class MovieHeaderBoxTests
    {
        private static byte[] Tail(uint rate, ushort volume, uint nextTrackId) => Cat(
            U32(rate), U16(volume), Zeros(2), Zeros(8), UnityMatrix(), Zeros(24), U32(nextTrackId));

        [Fact]
        public void Version0()
        {
            byte[] file = FullBox("mvhd", 0, 0,
                U32(3_600_000_000), U32(3_600_000_001), U32(1000), U32(0x80000000),
                Tail(0x00010000, 0x0100, 3));

            var mvhd = Single<MovieHeaderBox>(file);

            Assert.Equal(0, mvhd.Version);
            Assert.Equal(3_600_000_000L, mvhd.CreationTime);
            Assert.Equal(3_600_000_001L, mvhd.ModificationTime);
            Assert.Equal(1000u, mvhd.Timescale);
            Assert.Equal(2_147_483_648L, mvhd.Duration);
            Assert.Equal(1.0, mvhd.Rate);
            Assert.Equal(1.0, mvhd.Volume);
            Assert.Equal(3u, mvhd.NextTrackId);
            Assert.Equal(108, mvhd.Size);
        }

        [Fact]
        public void Version1()
        {
            byte[] file = FullBox("mvhd", 1, 0,
                U64(0x1_0000_0000), U64(0x1_0000_0001), U32(90000), U64(0x1_0000_0005),
                Tail(0x00020000, 0x0080, 0xFFFFFFFF));

            var mvhd = Single<MovieHeaderBox>(file);

            Assert.Equal(1, mvhd.Version);
            Assert.Equal(4_294_967_296L, mvhd.CreationTime);
            Assert.Equal(4_294_967_297L, mvhd.ModificationTime);
            Assert.Equal(90000u, mvhd.Timescale);
            Assert.Equal(4_294_967_301L, mvhd.Duration);
            Assert.Equal(2.0, mvhd.Rate);
            Assert.Equal(0.5, mvhd.Volume);
            Assert.Equal(0xFFFFFFFFu, mvhd.NextTrackId);
            Assert.Equal(120, mvhd.Size);
        }

        [Theory]
        [InlineData(600u, 1500u, "timescale=600 duration=1500 (2.5 s)")]
        [InlineData(1000u, 0u, "timescale=1000 duration=0 (0.0 s)")]
        [InlineData(0u, 10u, "timescale=0 duration=10 (? s)")]
        public void Summary(uint timescale, uint duration, string summary)
        {
            var mvhd = Single<MovieHeaderBox>(FullBox("mvhd", 0, 0, U32(0), U32(0), U32(timescale), U32(duration), Tail(0x00010000, 0x0100, 2)));

            Assert.Equal(summary, mvhd.Summary);
        }

        [Fact]
        public void Version1DurationAllOnesMeansUnknown()
        {
            // 8.2.2.3: "If the duration cannot be determined then duration is set to all 1s."
            // A legal value: it must not cost the box its timescale. Read as -1, like ffmpeg's signed read.
            byte[] file = FullBox("mvhd", 1, 0, U64(0), U64(0), U32(1000), U64(ulong.MaxValue), Tail(0x00010000, 0x0100, 2));

            var mvhd = Single<MovieHeaderBox>(file);

            Assert.Equal(1000u, mvhd.Timescale);
            Assert.Equal(-1L, mvhd.Duration);
        }

        [Fact]
        public void Version1DurationBeyondInt64OtherThanAllOnesIsInvalid()
        {
            byte[] file = FullBox("mvhd", 1, 0, U64(0), U64(0), U32(1000), U64(0x8000_0000_0000_0000), Tail(0x00010000, 0x0100, 2));

            var (error, box) = ReadFailing(file, "mvhd");

            Assert.Equal(Mp4ErrorKind.InvalidField, error.Kind);
            Assert.Equal(8 + 4 + 8 + 8 + 4, error.Offset);
            Assert.IsNotType<MovieHeaderBox>(box);
        }

        [Fact]
        public void TruncatedBeforeNextTrackIdIsAnError()
        {
            byte[] whole = FullBox("mvhd", 0, 0, U32(0), U32(0), U32(1000), U32(0), Tail(0x00010000, 0x0100, 2));
            byte[] cut = Cat(U32(104), Ascii("mvhd"), whole[8..104]);

            var (error, box) = ReadFailing(cut, "mvhd");

            Assert.Equal(Mp4ErrorKind.TruncatedBox, error.Kind);
            Assert.Equal(104, box.Size);
        }
    }
}
