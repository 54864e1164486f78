using System;
using System.Collections.Generic;
using System.Globalization;

namespace Mp4Timing.Report
{
    /// <summary>
    /// The one time axis of a timeline page: the window [Start, End) of the presentation timeline, in seconds,
    /// drawn over <see cref="Width"/> pixel columns from x = <see cref="Left"/>. Every track is drawn on it.
    /// </summary>
    internal sealed class TimeAxis
    {
        public TimeAxis(double start, double end, double left, int width)
        {
            if (!(end > start)) throw new ArgumentOutOfRangeException(nameof(end), "The window must end after it starts.");
            if (width < 1) throw new ArgumentOutOfRangeException(nameof(width));
            Start = start;
            End = end;
            Left = left;
            Width = width;
            PixelsPerSecond = width / (end - start);
        }

        /// <summary>The window's start, in seconds.</summary>
        public double Start { get; }

        /// <summary>The window's end, in seconds.</summary>
        public double End { get; }

        /// <summary>The x of <see cref="Start"/>.</summary>
        public double Left { get; }

        /// <summary>Pixel columns: the columns aggregated marks are counted in.</summary>
        public int Width { get; }

        public double Right => Left + Width;

        public double PixelsPerSecond { get; }

        public double SecondsPerColumn => (End - Start) / Width;

        /// <summary>The x of a time: Left + (t - Start) × Width / (End - Start).</summary>
        public double X(double seconds) => Left + (seconds - Start) * PixelsPerSecond;

        /// <summary>The x of a time, kept within the plot.</summary>
        public double ClampedX(double seconds) => Math.Max(Left, Math.Min(Right, X(seconds)));

        /// <summary>The 0-based pixel column holding a time, kept within the plot.</summary>
        public int Column(double seconds)
        {
            double column = Math.Floor((seconds - Start) * PixelsPerSecond);
            if (column < 0) return 0;
            return column >= Width ? Width - 1 : (int)column;
        }

        /// <summary>True when [start, end) overlaps the window (an instant, start == end, when it lies in [Start, End]).</summary>
        public bool Overlaps(double start, double end) => end > start ? start < End && end > Start : start >= Start && start <= End;

        /// <summary>True for windows of two minutes and more, whose times read better as h:mm:ss.</summary>
        public bool UsesClock => End - Start >= 120;

        /// <summary>
        /// Grid times: multiples of a round step at least 80 px apart: 1, 2 or 5 times a power of ten seconds, or on windows of
        /// two minutes and more 10, 15, 20 or 30 seconds, minutes and hours.
        /// </summary>
        public IReadOnlyList<double> Ticks(out double step)
        {
            step = Step((End - Start) * 80 / Width, UsesClock);
            var ticks = new List<double>();
            double first = Math.Ceiling(Start / step) * step;
            for (int i = 0; ; i++)
            {
                double t = first + i * step;
                if (t > End + step * 1e-9) break;
                ticks.Add(Math.Abs(t) < step * 1e-9 ? 0 : t);
            }
            return ticks;
        }

        /// <summary>The label of a grid time: seconds on short windows, m:ss or h:mm:ss on <paramref name="clock"/> windows.</summary>
        public static string Label(double seconds, double step, bool clock)
        {
            if (clock)
            {
                long total = (long)Math.Round(seconds);
                string sign = total < 0 ? "-" : "";
                total = Math.Abs(total);
                return total >= 3600
                    ? string.Format(CultureInfo.InvariantCulture, "{0}{1}:{2:00}:{3:00}", sign, total / 3600, total / 60 % 60, total % 60)
                    : string.Format(CultureInfo.InvariantCulture, "{0}{1}:{2:00}", sign, total / 60, total % 60);
            }
            int decimals = step >= 1 ? 0 : (int)Math.Ceiling(-Math.Log10(step) - 1e-9);
            return seconds.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) + " s";
        }

        /// <summary>A duration in words for labels: "0.0667 s", "12.5 s", "3 min 20 s", "1 h 02 min".</summary>
        public static string Duration(double seconds)
        {
            if (Math.Abs(seconds) < 120) return seconds.ToString("0.0###", CultureInfo.InvariantCulture) + " s";
            long total = (long)Math.Round(seconds);
            return total >= 3600
                ? string.Format(CultureInfo.InvariantCulture, "{0} h {1:00} min", total / 3600, total / 60 % 60)
                : string.Format(CultureInfo.InvariantCulture, "{0} min {1:00} s", total / 60, total % 60);
        }

        private static double Step(double atLeast, bool clock)
        {
            // On a clock, 15 s, 30 s, whole minutes, 5, 10, 15, 30 min and whole hours read better than 50 s or 2000 s.
            double[] steps = { 1, 2, 5, 10, 15, 20, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400 };
            if (clock)
            {
                foreach (double s in steps) if (s >= atLeast) return s;
                return Math.Ceiling(atLeast / 86400) * 86400;
            }
            double power = Math.Pow(10, Math.Floor(Math.Log10(Math.Max(atLeast, 1e-9))));
            foreach (double m in new[] { 1.0, 2.0, 5.0, 10.0 })
            {
                if (m * power >= atLeast) return m * power;
            }
            return 10 * power;
        }
    }
}
