using System.Collections.Generic;
using System.Linq;

namespace Mp4Timing.Timing
{
    /// <summary>Puts one track's samples in presentation order, the order showinfo prints decoded frames in.</summary>
    public static class PresentationOrder
    {
        /// <summary>
        /// Sorts by PtsTicks (stable: equal times keep decode order) and numbers the presented samples
        /// from 0 in PresentationIndex; discarded samples keep their place by time but get no index.
        /// Holds the whole track in memory.
        /// </summary>
        public static IEnumerable<SampleTiming> Sort(IEnumerable<SampleTiming> samples)
        {
            long index = 0;
            foreach (SampleTiming sample in samples.OrderBy(s => s.PtsTicks))
            {
                if (!sample.IsDiscarded) sample.PresentationIndex = index++;
                yield return sample;
            }
        }
    }
}
