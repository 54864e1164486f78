using System;
using System.Collections.Generic;
using System.Linq;
using Mp4Timing.Timing;
using static Mp4Timing.Tests.Support.Mp4Bytes;
using static Mp4Timing.Tests.Support.MovieBytes;

namespace Mp4Timing.Tests.Timing
{
    /// <summary>
    /// The bounded reorder window: decode order in, presentation order out, holding at most its capacity; the largest
    /// move measured as |presentation rank - decode index|; overflow detected; and the sort behind -PresentationOrder,
    /// checked against a full stable sort.
    /// </summary>
    public class ReorderWindowTests
    {
        [Fact]
        public void RequiredIsTheLargestNumberOfEarlierItemsWithALargerKey()
        {
            // bframes-editlist.mp4's first presentation times: 1 comes after 4 and 2 (two larger), 5 after 8 and 6... at most two.
            long[] keys = { 0, 4, 2, 1, 3, 8, 6, 5, 7 };
            Assert.Equal(2, ReorderWindow.Required(keys, start: 1));
            Assert.Equal(1, ReorderWindow.Required(new long[] { 1, 0, 3, 2 }, start: 1));
            Assert.Equal(1, ReorderWindow.Required(new long[] { 0, 1, 2 }, start: 1));
            Assert.Equal(64, ReorderWindow.Required(keys));
        }

        [Fact]
        public void SortsLikeAStableSortForEveryWindowThatFits()
        {
            var random = new Random(12);
            for (int round = 0; round < 200; round++)
            {
                // Items displaced by up to 20 places, with many equal keys.
                var items = Enumerable.Range(0, 500).Select(i => (Key: (long)(i + random.Next(-20, 20)) / 3, Id: i)).ToArray();
                int window = ReorderWindow.Required(items.Select(x => x.Key), start: 1);
                var expected = items.OrderBy(x => x.Key).Select(x => x.Id);
                Assert.Equal(expected, ReorderWindow.Sort(items, x => x.Key, window).Select(x => x.Id));
            }
        }

        [Fact]
        public void AWindowTooSmallIsAnErrorNeverAWrongOrder()
        {
            long[] keys = { 5, 4, 3, 2, 1, 0 };
            int window = ReorderWindow.Required(keys, start: 1);
            Assert.Equal(8, window);
            var given = new List<long>();
            Assert.Throws<InvalidOperationException>(() =>
            {
                foreach (long key in ReorderWindow.Sort(keys, k => k, window / 2)) given.Add(key);
            });
            // What was given out before the error is in order.
            Assert.Equal(given.OrderBy(k => k), given);
        }

        [Fact]
        public void HoldsNoMoreThanTheWindow()
        {
            int pulled = 0;
            IEnumerable<long> Keys()
            {
                for (long i = 0; i < 10_000; i++)
                {
                    pulled++;
                    yield return i ^ 7;   // groups of 8 reversed
                }
            }
            int window = ReorderWindow.Required(Keys(), start: 1);
            Assert.Equal(8, window);
            pulled = 0;
            int given = 0;
            foreach (long key in ReorderWindow.Sort(Keys(), k => k, window))
            {
                Assert.Equal(given++, key);
                Assert.True(pulled - given <= window, $"{pulled} pulled, {given} given: more than the window held");
            }
        }

        [Fact]
        public void PresentationOrderSizesTheWindowFromTheTrack()
        {
            // 300 samples presented in reverse (ctts 299, 297, ... -299): sample 300 has 299 earlier samples with a
            // later presentation time, deeper than the default window of 64: the window grows to 512.
            const int count = 300;
            var ctts = Enumerable.Range(0, count).Select(i => (1u, count - 1 - 2 * i)).ToArray();
            byte[] file = Movie(1000, Trak(1, 1000, "vide", null, Stts((count, 1)), Ctts(1, ctts), Stsc((1, count, 1)), StszConstant(1, count), Stco(0)));
            using Mp4Movie movie = Open(file);
            int window = 0;
            SampleTiming[] sorted = movie.ReadSampleTimingsInPresentationOrder(movie.Tracks[0], TimingConvention.Iso, null, null, w => window = w).ToArray();
            Assert.Equal(512, window);
            Assert.Equal(Enumerable.Range(1, count).Reverse().Select(n => (long)n), sorted.Select(s => s.Sample));
            Assert.Equal(Enumerable.Range(0, count).Select(n => (long?)n), sorted.Select(s => s.PresentationIndex));
        }

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
