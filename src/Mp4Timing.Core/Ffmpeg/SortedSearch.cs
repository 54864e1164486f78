using System;
using System.Collections.Generic;

namespace Mp4Timing.Ffmpeg
{
    /// <summary>Binary search over lists kept in ascending order of a key (runs and checkpoints by their first sample).</summary>
    internal static class SortedSearch
    {
        /// <summary>
        /// The index of the last item whose key is at most <paramref name="value"/>; 0 when none is (the first item then
        /// stands for the start). The list must not be empty.
        /// </summary>
        public static int LastAtOrBefore<T>(List<T> items, long value, Func<T, long> key)
        {
            int lo = 0, hi = items.Count - 1;
            while (lo < hi)
            {
                int mid = (lo + hi + 1) >> 1;
                if (key(items[mid]) <= value) lo = mid;
                else hi = mid - 1;
            }
            return lo;
        }
    }
}
