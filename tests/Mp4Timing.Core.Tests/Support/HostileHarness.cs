using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Mp4Timing.Timing;

namespace Mp4Timing.Tests.Support
{
    /// <summary>
    /// Everything Mp4Timing does with a file, on bytes nobody trusts: the box tree, then every track's ISO
    /// timing, ffmpeg model and presentation order. The only exception allowed out is Mp4FormatException.
    /// </summary>
    internal static class HostileHarness
    {
        /// <summary>Samples read per track and convention; a legitimate claim of millions of samples is not a hang.</summary>
        public const int SamplesPerTrack = 200_000;

        /// <summary>Runs every reader; returns the number of clean errors reported (thrown or passed to callbacks).</summary>
        public static int Run(byte[] bytes, string name = "hostile.mp4")
        {
            int errors = 0;
            try
            {
                foreach (Box _ in Mp4BoxReader.ReadBoxes(new MemoryStream(bytes, false), name, BoxReadOptions.Default, _ => errors++))
                {
                }
            }
            catch (Mp4FormatException)
            {
                errors++;
            }

            Mp4Movie movie;
            try
            {
                movie = Mp4Movie.Open(new MemoryStream(bytes, false), name, _ => errors++);
            }
            catch (Mp4FormatException)
            {
                return errors + 1;
            }
            using (movie)
            {
                foreach (Mp4Track track in movie.Tracks)
                {
                    errors += Drain(() => movie.ReadSampleTimings(track).Take(SamplesPerTrack));
                    errors += Drain(() => movie.ReadSampleTimings(track, TimingConvention.Ffmpeg).Take(SamplesPerTrack));
                    errors += Drain(() => PresentationOrder.Sort(movie.ReadSampleTimings(track).Take(5_000)));
                }
            }
            return errors;
        }

        private static int Drain(Func<IEnumerable<SampleTiming>> read)
        {
            try
            {
                foreach (SampleTiming timing in read())
                {
                    _ = timing.Pts;
                }
                return 0;
            }
            catch (Mp4FormatException)
            {
                return 1;
            }
        }
    }
}
