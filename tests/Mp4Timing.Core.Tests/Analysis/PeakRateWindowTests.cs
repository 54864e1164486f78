using System.Linq;
using Mp4Timing.Analysis;

namespace Mp4Timing.Tests.Analysis
{
    /// <summary>
    /// The peak of bytes over any window [t, t + length) of decode time, checked against the values worked out
    /// by hand and against a brute force over every window start.
    /// </summary>
    public class PeakRateWindowTests
    {
        private static long Peak(long length, params (long Decode, long Size)[] samples)
        {
            var window = new PeakRateWindow(length);
            foreach (var (decode, size) in samples) window.Add(decode, size);
            return window.Finish();
        }

        /// <summary>Every window starting at a sample: the sum of the sizes of the samples with decode time in it.</summary>
        private static long BruteForce(long length, (long Decode, long Size)[] samples) =>
            samples.Max(start => samples.Where(s => s.Decode >= start.Decode && s.Decode < start.Decode + length).Sum(s => s.Size));

        [Fact]
        public void ByHand()
        {
            // Timescale 10 (a 10-tick window = 1 s), a sample every 2 ticks. Sizes 5,5,50,5,5 | 5,5,60,5,5:
            // [0,10) holds 70; [4,14) holds 50+5+5+5+5 = 70; [14,24) holds 60+5+5 = 70; [10,20) 5+5+60+5+5 = 80 is the peak.
            var samples = new (long, long)[] { (0, 5), (2, 5), (4, 50), (6, 5), (8, 5), (10, 5), (12, 5), (14, 60), (16, 5), (18, 5) };
            Assert.Equal(80, Peak(10, samples));
        }

        [Fact]
        public void TheWindowEndIsExclusive()
        {
            // A sample exactly one window after another is not in the same window.
            Assert.Equal(100, Peak(10, (0, 100), (10, 100)));
            Assert.Equal(200, Peak(10, (0, 100), (9, 100)));
        }

        [Fact]
        public void ATrackShorterThanTheWindowIsOneWindow()
        {
            Assert.Equal(30, Peak(48000, (0, 10), (1024, 10), (2048, 10)));
        }

        [Fact]
        public void SamplesAtTheSameTimeCountTogether()
        {
            Assert.Equal(300, Peak(10, (0, 100), (5, 100), (5, 100), (20, 50)));
        }

        [Fact]
        public void DecodeTimeGoingBackStartsANewRun()
        {
            // A fragment whose tfdt goes back: the windows of each run are measured apart, the peak is the larger.
            Assert.Equal(150, Peak(10, (100, 50), (105, 100), (0, 60), (3, 60)));
        }

        [Fact]
        public void AgreesWithTheBruteForceOnIrregularTracks()
        {
            var random = new System.Random(13);
            for (int run = 0; run < 50; run++)
            {
                long decode = 0;
                var samples = Enumerable.Range(0, 300).Select(_ =>
                {
                    decode += random.Next(0, 40);
                    return (decode, (long)random.Next(1, 5000));
                }).ToArray();
                Assert.Equal(BruteForce(100, samples), Peak(100, samples));
            }
        }

        [Fact]
        public void DenseTracksKeepOneCandidatePerGrain()
        {
            // A timescale far above the candidate limit: starts are kept a grain apart, so memory stays bounded,
            // and for samples further apart than a grain the peak is still exact.
            long timescale = 1_000_000_000;
            var window = new PeakRateWindow(timescale);
            Assert.Equal((timescale + PeakRateWindow.MaxCandidates - 1) / PeakRateWindow.MaxCandidates, window.Grain);

            var samples = Enumerable.Range(0, 2000).Select(i => (Decode: (long)i * 33_366_667, Size: (long)(i % 30 == 0 ? 9000 : 1000))).ToArray();
            foreach (var (decode, size) in samples) window.Add(decode, size);
            Assert.Equal(BruteForce(timescale, samples), window.Finish());
        }

        [Fact]
        public void PcmWithOneSamplePerTickIsExactAtItsTimescale()
        {
            // 48 kHz PCM stored one audio frame per sample (stts delta 1): 48000 candidates per window, within the limit.
            var window = new PeakRateWindow(48000);
            Assert.Equal(1, window.Grain);
            for (long t = 0; t < 3 * 48000; t++) window.Add(t, t >= 48000 && t < 96000 ? 4 : 2);
            Assert.Equal(48000 * 4, window.Finish());
        }
    }
}
