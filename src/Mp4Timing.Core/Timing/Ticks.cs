namespace Mp4Timing.Timing
{
    /// <summary>
    /// Tick arithmetic that stops at the ends of the 64-bit range instead of failing: for what is drawn or told about a
    /// time (a page's x, a message's number, a threshold), where a hostile file's extreme values must not end the work.
    /// The times a sample is given are computed checked, never with these.
    /// </summary>
    internal static class Ticks
    {
        /// <summary><paramref name="value"/> + <paramref name="add"/>, or long.MaxValue / long.MinValue past them.</summary>
        public static long SaturatingAdd(long value, long add)
        {
            if (add > 0 && value > long.MaxValue - add) return long.MaxValue;
            if (add < 0 && value < long.MinValue - add) return long.MinValue;
            return value + add;
        }

        /// <summary>Ticks computed in decimal (a product of timescales and thresholds), as a long: long.MaxValue / long.MinValue past them.</summary>
        public static long Saturate(decimal ticks) =>
            ticks >= long.MaxValue ? long.MaxValue : ticks <= long.MinValue ? long.MinValue : (long)ticks;
    }
}
