using System;

namespace Mp4Timing.Report
{
    /// <summary>What a timeline page shows: the window of the presentation timeline, the size of the plot, and when marks are aggregated.</summary>
    public sealed class TimelineOptions
    {
        private int _plotWidth = 1200;
        private int _maxDetailedSamples = 2000;

        /// <summary>Where the window starts on the presentation timeline, in seconds; null for the earliest decode or presentation time of any track.</summary>
        public double? Start { get; set; }

        /// <summary>How long the window lasts, in seconds; null to the end of the last track.</summary>
        public double? Duration { get; set; }

        /// <summary>The width of the plot in pixels: the pixel columns marks are aggregated in (200 to 20000; default 1200).</summary>
        public int PlotWidth
        {
            get => _plotWidth;
            set => _plotWidth = value >= 200 && value <= 20000 ? value : throw new ArgumentOutOfRangeException(nameof(PlotWidth), "The plot is 200 to 20000 pixels wide.");
        }

        /// <summary>
        /// The most samples of one track drawn one by one (default 2000). A track with more samples in the window is drawn per
        /// pixel column: each column's mark counts the samples that fall in it, so the page does not grow with the track.
        /// </summary>
        public int MaxDetailedSamples
        {
            get => _maxDetailedSamples;
            set => _maxDetailedSamples = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(MaxDetailedSamples));
        }

        /// <summary>
        /// The ffmpeg whose view the page shows (its D flags, pts, dts and start_time, and the tracks' FfmpegStartTime): the
        /// newest modelled version at or below it (5.1, 6.1, 9.0); 5.1 when null.
        /// </summary>
        public Version? FfmpegVersion { get; set; }

        /// <summary>Told what is being read now and how far it is (0 to 1), every few thousand samples.</summary>
        public Action<string, double>? Progress { get; set; }
    }
}
