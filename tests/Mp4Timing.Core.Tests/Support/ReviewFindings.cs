using static Mp4Timing.Tests.Support.Mp4Bytes;
using static Mp4Timing.Tests.Support.MovieBytes;

namespace Mp4Timing.Tests.Support
{
    /// <summary>
    /// Inputs built by hand for bugs found in review (too large to keep as files in tests/fuzz/regressions,
    /// which also seed the fuzzer). The regression tests and the benchmark both run them.
    /// </summary>
    internal static class ReviewFindings
    {
        /// <summary>
        /// 200,000 samples and 50,000 'rap ' sample-group runs (about 400 KB): when the ffmpeg model scanned
        /// every run for every sample it took 30 s.
        /// </summary>
        public static byte[] ManyRapSampleGroups(out int samples)
        {
            const int groups = 50_000, count = 200_000;
            samples = count;
            byte[] runs = new byte[groups * 8];
            for (int i = 0; i < groups; i++) runs[i * 8 + 3] = runs[i * 8 + 7] = 1;
            byte[] sbgp = FullBox("sbgp", 0, 0, Ascii("rap "), U32(groups), runs);
            return Movie(1000, TrakWithCodec(1, 30, "vide", "mp4v", null,
                Stts((count, 1)), Stss(1), Stsc((1, count, 1)), StszConstant(1, count), Stco(0), sbgp));
        }
    }
}
