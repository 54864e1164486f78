using System;
using System.Collections.Generic;
using System.Linq;
using Mp4Timing.Timing;
using static Mp4Timing.Tests.Support.Mp4Bytes;
using static Mp4Timing.Tests.Support.MovieBytes;

namespace Mp4Timing.Tests.Timing
{
    /// <summary>The bounded reorder window behind -PresentationOrder, checked against a full stable sort.</summary>
    public class ReorderWindowTests
    {
        [Fact]
        public void RequiredIsTheLargestNumberOfEarlierItemsWithALargerKey()
        {
            // The seed's first presentation times: 1 comes after 4 and 2 (two larger), 5 after 8 and 6... at most two.
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
    }
}
