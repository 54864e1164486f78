using System.Collections.Generic;

namespace Mp4Timing.Timing
{
    /// <summary>Puts one track's samples in presentation order, the order showinfo prints decoded frames in.</summary>
    public static class PresentationOrder
    {
        /// <summary>
        /// Sorts by PtsTicks (stable: equal times keep decode order) and numbers the presented samples from 0 in
        /// PresentationIndex; discarded samples keep their place by time but get no index. Holds at most
        /// <paramref name="window"/> + 1 samples (<see cref="ReorderWindow"/>); a track reordered deeper than the
        /// window is an <see cref="System.InvalidOperationException"/>, never a wrong order
        /// (<see cref="Mp4Movie.ReadSampleTimingsInPresentationOrder"/> sizes the window from the track).
        /// </summary>
        public static IEnumerable<SampleTiming> Sort(IEnumerable<SampleTiming> samples, int window = ReorderWindow.DefaultWindow)
        {
            long index = 0;
            foreach (SampleTiming sample in ReorderWindow.Sort(samples, s => s.PtsTicks, window))
            {
                if (!sample.IsDiscarded) sample.PresentationIndex = index++;
                yield return sample;
            }
        }
    }
}
