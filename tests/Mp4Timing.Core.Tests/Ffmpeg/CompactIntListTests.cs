using System;
using System.Collections.Generic;
using Mp4Timing.Ffmpeg;
using Xunit;

namespace Mp4Timing.Tests.Ffmpeg
{
    /// <summary>The ffmpeg model's list of sizes, durations and offsets gives back every value added, whatever form it is kept in.</summary>
    public class CompactIntListTests
    {
        public static IEnumerable<object[]> Sequences()
        {
            // All the same (one value); the same then small ones (two bytes each); small then one beyond 16 bits (four bytes each).
            yield return new object[] { new[] { 1024, 1024, 1024, 1024 } };
            yield return new object[] { new[] { 1024, 1024, 1600, -512, short.MinValue, short.MaxValue, 1024 } };
            yield return new object[] { new[] { 256, 512, 0, 1280, short.MaxValue + 1, 7, int.MinValue, int.MaxValue } };
            // A constant too large for two bytes, then a small value: straight to four bytes.
            yield return new object[] { new[] { 100_000, 100_000, 3, 100_000 } };
            // Unsigned values (sizes, durations) kept as their bit pattern.
            yield return new object[] { new[] { unchecked((int)uint.MaxValue), unchecked((int)0x8000_0000u), 5 } };
        }

        [Theory]
        [MemberData(nameof(Sequences))]
        public void GivesBackEveryValue(int[] values)
        {
            var list = new CompactIntList();
            foreach (int value in values) list.Add(value);
            Assert.Equal(values.Length, list.Count);
            for (int i = 0; i < values.Length; i++) Assert.Equal(values[i], list[i]);
            Assert.Throws<ArgumentOutOfRangeException>(() => list[values.Length]);
        }

        [Fact]
        public void GivesBackEveryValueAcrossBlocks()
        {
            // Past the 64 Ki values of a block, each form in turn: constant for 100 000, small for 100 000, then wide.
            var list = new CompactIntList();
            var expected = new List<int>();
            for (int i = 0; i < 300_000; i++)
            {
                int value = i < 100_000 ? 1024 : i < 200_000 ? (i % 3000) - 1500 : i * 7919;
                list.Add(value);
                expected.Add(value);
            }
            for (int i = 0; i < expected.Count; i++) Assert.Equal(expected[i], list[i]);
        }
    }
}
