using System.Linq;
using Mp4Timing.Analysis;

namespace Mp4Timing.Tests.Analysis
{
    /// <summary>Constant or variable frame rate: rounding of one rate to integer ticks is constant, anything else variable.</summary>
    public class ConstantRateCheckTests
    {
        private static FrameRateMode? Mode(params long[] durations)
        {
            var check = new ConstantRateCheck();
            for (int i = 0; i < durations.Length; i++) check.Add(i + 1, durations[i]);
            return check.Result;
        }

        [Fact]
        public void EqualDurationsAreConstant()
        {
            Assert.Equal(FrameRateMode.Constant, Mode(Enumerable.Repeat(512L, 90).ToArray()));
        }

        [Fact]
        public void AlternatingThirtyThreeAndThirtyFourAtTimescale1000AreAConstant2997()
        {
            // 29.97 fps at timescale 1000: decode times round(n × 1001/30) give durations 33 and 34.
            long[] durations = Enumerable.Range(0, 300).Select(n => Round((n + 1) * 1001 / 30.0) - Round(n * 1001 / 30.0)).ToArray();
            Assert.Equal(new long[] { 33, 34 }, durations.Distinct().OrderBy(d => d));
            Assert.Equal(FrameRateMode.Constant, Mode(durations));

            // The plain alternation the issue names, starting either way.
            Assert.Equal(FrameRateMode.Constant, Mode(Enumerable.Range(0, 100).Select(i => i % 2 == 0 ? 33L : 34L).ToArray()));
            Assert.Equal(FrameRateMode.Constant, Mode(Enumerable.Range(0, 100).Select(i => i % 2 == 0 ? 34L : 33L).ToArray()));
        }

        [Fact]
        public void TwoRatesOneTickApartAreVariable()
        {
            // 50 frames at 33 ms then 50 at 34 ms: each duration is within a tick of the other, but the times drift
            // 25 ticks from any one rate: 30.3 fps, then 29.4 fps.
            long[] durations = Enumerable.Repeat(33L, 50).Concat(Enumerable.Repeat(34L, 50)).ToArray();
            Assert.Equal(FrameRateMode.Variable, Mode(durations));
        }

        [Fact]
        public void DurationsMoreThanATickApartAreVariable()
        {
            // The vfr.mp4 fixture's stts: 32 × 20, 30 × 40, 27 × 10, 1 × 20 at timescale 600.
            long[] durations = Enumerable.Repeat(20L, 32).Concat(Enumerable.Repeat(40L, 30)).Concat(Enumerable.Repeat(10L, 27)).Concat(new[] { 20L }).ToArray();
            Assert.Equal(FrameRateMode.Variable, Mode(durations));
            Assert.Equal(FrameRateMode.Variable, Mode(512, 512, 1024, 512, 512));
        }

        [Fact]
        public void TheLastSampleIsLeftOut()
        {
            // Writers end a track with whatever duration reaches its end (here the audio's): not a rate change.
            Assert.Equal(FrameRateMode.Constant, Mode(512, 512, 512, 512, 7));
            Assert.Equal(FrameRateMode.Constant, Mode(1024));
            Assert.Null(Mode());
        }

        [Theory]
        [InlineData(1, 3, 1, 2, -1)]
        [InlineData(2, 4, 1, 2, 0)]
        [InlineData(-1, 5, 0, 1, -1)]
        [InlineData(3_000_000_000, 4_000_000_000, 2, 3, 1)]
        public void FractionsCompareExactly(long a, long b, long c, long d, int sign)
        {
            Assert.Equal(sign, System.Math.Sign(ConstantRateCheck.Compare(a, b, c, d)));
        }

        private static long Round(double value) => (long)System.Math.Round(value, System.MidpointRounding.AwayFromZero);
    }
}
