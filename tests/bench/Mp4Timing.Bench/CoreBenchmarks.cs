using System;
using System.Collections.Generic;
using BenchmarkDotNet.Attributes;
using Mp4Timing.Timing;

namespace Mp4Timing.Bench
{
    /// <summary>
    /// The core without PowerShell, over every track of one file (progressive or fragmented, named by
    /// the environment variables MP4TIMING_BENCH_PROGRESSIVE / MP4TIMING_BENCH_FRAGMENTED). Each
    /// operation reads all the samples of the file once; the movie (moov) is opened once per benchmark,
    /// except for Ffmpeg, whose model is built per movie and so opens it per operation.
    /// </summary>
    [MemoryDiagnoser]
    public class CoreBenchmarks
    {
        private Mp4Movie _movie = null!;

        /// <summary>Which cached file: progressive or fragmented.</summary>
        [Params("progressive", "fragmented")]
        public string Layout { get; set; } = "progressive";

        [GlobalSetup]
        public void Setup() => _movie = Mp4Movie.Open(Program.FileOf(Layout));

        [GlobalCleanup]
        public void Cleanup() => _movie.Dispose();

        /// <summary>Table expansion: stts/ctts/stss/stsz/stsc/stco (or moof/traf/trun) into raw samples, no edit list, no objects.</summary>
        [Benchmark]
        public long RawSamples()
        {
            long sum = 0;
            foreach (Mp4Track track in _movie.Tracks)
            {
                foreach (RawSample sample in _movie.ReadRawSamples(track, null))
                {
                    sum += sample.Size;
                }
            }
            return sum;
        }

        /// <summary>Expansion plus the ISO edit-list mapping onto the presentation timeline (Pts/Dts), no objects.</summary>
        [Benchmark]
        public long TimelineMapping()
        {
            long sum = 0;
            foreach (Mp4Track track in _movie.Tracks)
            {
                var edits = new IsoEditList(track, null);
                foreach (RawSample sample in _movie.ReadRawSamples(track, null))
                {
                    long cts = sample.CompositionTicks;
                    ReadOnlyShowings showings = edits.Map(cts, sample.DurationTicks);
                    for (int i = 0; i < showings.Count; i++)
                    {
                        sum += cts + showings[i].Shift;
                    }
                }
            }
            return sum;
        }

        /// <summary>The public API: one SampleTiming object per sample (what Get-Mp4SampleTiming writes).</summary>
        [Benchmark]
        public long SampleTimings()
        {
            long sum = 0;
            foreach (Mp4Track track in _movie.Tracks)
            {
                foreach (SampleTiming sample in _movie.ReadSampleTimings(track))
                {
                    sum += sample.PtsTicks;
                }
            }
            return sum;
        }

        /// <summary>-Convention Ffmpeg: the model of ffmpeg 5.1's demuxer, built for a freshly opened movie, then its objects.</summary>
        [Benchmark]
        public long FfmpegTimings()
        {
            long sum = 0;
            using Mp4Movie movie = Mp4Movie.Open(Program.FileOf(Layout));
            foreach (Mp4Track track in movie.Tracks)
            {
                foreach (SampleTiming sample in movie.ReadSampleTimings(track, TimingConvention.Ffmpeg))
                {
                    sum += sample.PtsTicks;
                }
            }
            return sum;
        }

        /// <summary>Get-Mp4Track: the summary of every track (one pass over each, no per-sample object; ffprobe's start time not asked for).</summary>
        [Benchmark]
        public long TrackSummaries()
        {
            long sum = 0;
            foreach (TrackInfo track in Analysis.TrackAnalysis.Analyze(_movie))
            {
                sum += track.SampleCount + track.MaxBitRate;
            }
            return sum;
        }

        /// <summary>-PresentationOrder: SampleTimings sorted by Pts per track.</summary>
        [Benchmark]
        public long PresentationOrderSort()
        {
            long sum = 0;
            foreach (Mp4Track track in _movie.Tracks)
            {
                foreach (SampleTiming sample in PresentationOrder.Sort(_movie.ReadSampleTimings(track)))
                {
                    sum += sample.PresentationIndex ?? 0;
                }
            }
            return sum;
        }
    }
}
