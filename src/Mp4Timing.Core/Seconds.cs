using System.Globalization;

namespace Mp4Timing
{
    /// <summary>Conversions from integer ticks to seconds. Seconds are always derived from ticks, never accumulated.</summary>
    public static class Seconds
    {
        /// <summary>Ticks divided by the timescale; NaN when the timescale is 0.</summary>
        public static double FromTicks(long ticks, uint timescale) => timescale == 0 ? double.NaN : (double)ticks / timescale;

        /// <summary>
        /// <paramref name="a"/> ticks at <paramref name="aTimescale"/> minus <paramref name="b"/> ticks at <paramref name="bTimescale"/>, in
        /// seconds, exact in decimal (two tracks count in different timescales); null when a timescale is 0.
        /// </summary>
        internal static decimal? Difference(long a, uint aTimescale, long b, uint bTimescale) =>
            aTimescale == 0 || bTimescale == 0 ? null : (decimal)a / aTimescale - (decimal)b / bTimescale;

        /// <summary>A short text such as <c>0.0667 s</c>, precise enough to tell frames apart.</summary>
        public static string Format(long ticks, uint timescale)
        {
            if (timescale == 0) return "? s";
            return FromTicks(ticks, timescale).ToString("0.0####", CultureInfo.InvariantCulture) + " s";
        }
    }
}
