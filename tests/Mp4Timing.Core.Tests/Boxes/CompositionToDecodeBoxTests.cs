using Mp4Timing.Boxes;
using static Mp4Timing.Tests.Support.Mp4Bytes;

namespace Mp4Timing.Tests.Boxes
{
    /// <summary>
    /// cslg (ISO/IEC 14496-12 8.6.1.4): compositionToDTSShift, leastDecodeToDisplayDelta,
    /// greatestDecodeToDisplayDelta, compositionStartTime, compositionEndTime; signed 32-bit in
    /// version 0, signed 64-bit in version 1.
    /// </summary>
    public class CompositionToDecodeBoxTests
    {
        [Fact]
        public void Version0()
        {
            var cslg = Single<CompositionToDecodeBox>(FullBox("cslg", 0, 0, I32(512), I32(-512), I32(1024), I32(-1000), I32(90000)));

            Assert.Equal(512L, cslg.CompositionToDtsShift);
            Assert.Equal(-512L, cslg.LeastDecodeToDisplayDelta);
            Assert.Equal(1024L, cslg.GreatestDecodeToDisplayDelta);
            Assert.Equal(-1000L, cslg.CompositionStartTime);
            Assert.Equal(90000L, cslg.CompositionEndTime);
            Assert.Equal(32, cslg.Size);
            Assert.Equal("shift=512 least=-512 greatest=1024 start=-1000 end=90000", cslg.Summary);
        }

        [Fact]
        public void Version1()
        {
            var cslg = Single<CompositionToDecodeBox>(FullBox("cslg", 1, 0,
                I64(0x1_0000_0000), I64(-0x1_0000_0000), I64(0x7FFF_FFFF_FFFF_FFFF), I64(long.MinValue), I64(-1)));

            Assert.Equal(1, cslg.Version);
            Assert.Equal(4_294_967_296L, cslg.CompositionToDtsShift);
            Assert.Equal(-4_294_967_296L, cslg.LeastDecodeToDisplayDelta);
            Assert.Equal(long.MaxValue, cslg.GreatestDecodeToDisplayDelta);
            Assert.Equal(long.MinValue, cslg.CompositionStartTime);
            Assert.Equal(-1L, cslg.CompositionEndTime);
            Assert.Equal(52, cslg.Size);
        }

        [Fact]
        public void Version0ShortOfOneFieldIsAnError()
        {
            var (error, _) = Support.SpecBytes.ReadFailing(FullBox("cslg", 0, 0, I32(0), I32(0), I32(0), I32(0)), "cslg");

            Assert.Equal(Mp4ErrorKind.TruncatedBox, error.Kind);
        }
    }
}
