using System;
using System.Threading.Tasks;

namespace Mp4Timing.Tests.Support
{
    /// <summary>Runs a piece of work under a hang guard and counts what it allocates.</summary>
    internal static class BoundedRun
    {
        /// <summary>
        /// Runs <paramref name="work"/> on a pool thread. It runs synchronously there, so that thread's
        /// allocation counter counts its allocations alone. Null when it has not finished within
        /// <paramref name="limit"/>; an exception it throws is rethrown.
        /// </summary>
        public static async Task<(T Result, long Allocated)?> Run<T>(Func<T> work, TimeSpan limit)
        {
            Task<(T, long)> run = Task.Run(() =>
            {
                long before = GC.GetAllocatedBytesForCurrentThread();
                T result = work();
                return (result, GC.GetAllocatedBytesForCurrentThread() - before);
            });
            if (await Task.WhenAny(run, Task.Delay(limit)) != run) return null;
            return await run;
        }
    }
}
