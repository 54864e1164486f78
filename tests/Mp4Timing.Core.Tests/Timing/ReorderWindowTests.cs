using System.Collections.Generic;
using System.Linq;
using Mp4Timing.Timing;

namespace Mp4Timing.Tests.Timing
{
    /// <summary>
    /// The bounded reorder window: decode order in, presentation order out, holding at most its capacity;
    /// the largest move measured as |presentation rank - decode index|, and overflow detected.
    /// </summary>
    public class ReorderWindowTests
    {
        /// <summary>Feeds keys in decode order; returns the released decode indexes in release order and the window.</summary>
        private static (List<long> Order, List<long> Ranks, ReorderWindow<long> Window) Run(int capacity, params long[] keys)
        {
            var window = new ReorderWindow<long>(capacity);
            var order = new List<long>();
            var ranks = new List<long>();
            for (int i = 0; i < keys.Length; i++)
            {
                if (window.Add(keys[i], i, out long released, out long rank))
                {
                    order.Add(released);
                    ranks.Add(rank);
                }
                Assert.True(window.Count <= capacity);
            }
            while (window.TryRelease(out long released, out long rank))
            {
                order.Add(released);
                ranks.Add(rank);
            }
            return (order, ranks, window);
        }

        [Fact]
        public void PyramidGopOfTheQuestionsFile()
        {
            // The file of the question: composition times 2,6,4,3,5 (I P B B B with a B-pyramid), then the next mini-GOP.
            var (order, ranks, window) = Run(4, 2, 6, 4, 3, 5, 10, 8, 7, 9);

            // Presentation order by time: 2(0) 3(3) 4(2) 5(4) 6(1) 7(7) 8(6) 9(8) 10(5).
            Assert.Equal(new long[] { 0, 3, 2, 4, 1, 7, 6, 8, 5 }, order);
            Assert.Equal(Enumerable.Range(0, 9).Select(i => (long)i), ranks);
            // Sample 1 (the P at time 6) is decoded 2nd and presented 5th: 3 places; sample 3 (time 3) 2 places.
            Assert.Equal(3, window.MaxDisplacement);
            Assert.False(window.Exceeded);
        }

        [Fact]
        public void InOrderInputMovesNothing()
        {
            var (order, _, window) = Run(3, Enumerable.Range(0, 100).Select(i => (long)i * 512).ToArray());

            Assert.Equal(Enumerable.Range(0, 100).Select(i => (long)i), order);
            Assert.Equal(0, window.MaxDisplacement);
            Assert.False(window.Exceeded);
        }

        [Fact]
        public void EqualKeysKeepDecodeOrder()
        {
            var (order, _, window) = Run(2, 5, 5, 3, 5, 5);

            Assert.Equal(new long[] { 2, 0, 1, 3, 4 }, order);
            Assert.Equal(2, window.MaxDisplacement);
        }

        [Fact]
        public void AMoveBeyondTheCapacityIsDetected()
        {
            // The last sample must be presented first: it moves 5 places, more than a window of 3 can hold.
            var (_, _, window) = Run(3, 10, 20, 30, 40, 50, 0);

            Assert.True(window.Exceeded);

            // With room for it, the same input is exact.
            var (order, _, wide) = Run(5, 10, 20, 30, 40, 50, 0);
            Assert.False(wide.Exceeded);
            Assert.Equal(5, wide.MaxDisplacement);
            Assert.Equal(new long[] { 5, 0, 1, 2, 3, 4 }, order);
        }

        [Fact]
        public void AMoveOfExactlyTheCapacityFits()
        {
            var (_, _, window) = Run(3, 10, 20, 30, 0);

            Assert.False(window.Exceeded);
            Assert.Equal(3, window.MaxDisplacement);
        }

        [Fact]
        public void ManyItemsThroughASmallWindowStayBounded()
        {
            // A sawtooth of period 16 (each block presented in reverse), 100 000 samples: every item moves up to 15 places.
            long[] keys = Enumerable.Range(0, 100_000).Select(i => (long)(i / 16 * 16 + (15 - i % 16))).ToArray();
            var (order, _, window) = Run(16, keys);

            Assert.False(window.Exceeded);
            Assert.Equal(15, window.MaxDisplacement);
            Assert.Equal(keys.Select((k, i) => (Key: k, Index: (long)i)).OrderBy(p => p.Key).Select(p => p.Index), order);
        }

        [Fact]
        public void ACapacityBelowOneIsRefused()
        {
            Assert.Throws<System.ArgumentOutOfRangeException>(() => new ReorderWindow<int>(0));
        }
    }
}
