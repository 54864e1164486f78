using System;
using System.Globalization;

namespace Mp4Timing
{
    /// <summary>Conversions from integer ticks to seconds. Seconds are always derived from ticks, never accumulated.</summary>
    public static class Seconds
    {
        /// <summary>Ticks divided by the timescale; NaN when the timescale is 0.</summary>
        public static double FromTicks(long ticks, uint timescale) => timescale == 0 ? double.NaN : (double)ticks / timescale;

        /// <summary>A short text such as <c>0.0667 s</c>, precise enough to tell frames apart.</summary>
        public static string Format(long ticks, uint timescale)
        {
            if (timescale == 0) return "? s";
            return FromTicks(ticks, timescale).ToString("0.0####", CultureInfo.InvariantCulture) + " s";
        }

        /// <summary>
        /// <paramref name="ticks"/> rescaled from one timescale to another, rounded to the nearest tick
        /// (halves away from zero), with overflow checked through 128-bit intermediate arithmetic.
        /// </summary>
        public static long Rescale(long ticks, uint from, uint to)
        {
            if (from == 0) throw new ArgumentOutOfRangeException(nameof(from), "The source timescale is 0.");
            if (from == to) return ticks;
            decimal exact = (decimal)ticks * to / from;
            decimal rounded = Math.Round(exact, MidpointRounding.AwayFromZero);
            if (rounded > long.MaxValue || rounded < long.MinValue) throw new OverflowException($"{ticks} ticks at {from}/s do not fit in 64 bits at {to}/s.");
            return (long)rounded;
        }
    }
}
