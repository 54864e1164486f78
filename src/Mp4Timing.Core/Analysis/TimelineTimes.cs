namespace Mp4Timing.Analysis
{
    /// <summary>
    /// A sample's presentation and decode times on the presentation timeline, in media ticks: its composition and decode
    /// times plus the shift of its first showing (for a sample no edit presents, the shift of the nearest edit, which places
    /// it where that edit would). <see cref="TrackAnalyzer"/> computes them once per sample. A time is null where the sum
    /// leaves the 64-bit range, which only an edit list that shifts by nearly 2^63 ticks does: the sample then has no such
    /// time, and whatever needs it leaves the sample out, as Get-Mp4Track reads on past it.
    /// </summary>
    internal readonly struct TimelineTimes
    {
        public TimelineTimes(long? pts, long? dts)
        {
            Pts = pts;
            Dts = dts;
        }

        /// <summary>The presentation time (composition time + shift); null beyond the 64-bit range.</summary>
        public long? Pts { get; }

        /// <summary>The decode time on the presentation timeline (decode time + shift); null beyond the 64-bit range.</summary>
        public long? Dts { get; }

        /// <summary>The times of a sample composed at <paramref name="composition"/> and decoded at <paramref name="decode"/>, shifted by <paramref name="shift"/>.</summary>
        public static TimelineTimes Of(long composition, long decode, long shift) => new TimelineTimes(Shifted(composition, shift), Shifted(decode, shift));

        /// <summary><paramref name="ticks"/> + <paramref name="shift"/>, or null where the sum leaves the 64-bit range.</summary>
        public static long? Shifted(long ticks, long shift) =>
            (shift > 0 && ticks > long.MaxValue - shift) || (shift < 0 && ticks < long.MinValue - shift) ? null : ticks + shift;
    }
}
