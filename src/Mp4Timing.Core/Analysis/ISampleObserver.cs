using Mp4Timing.Timing;

namespace Mp4Timing.Analysis
{
    /// <summary>
    /// Looks at a track's samples during <see cref="TrackAnalyzer"/>'s pass: each sample once, in decode order, with
    /// the showings the ISO edit list gives it (valid only during the call) and its times on the presentation timeline
    /// (those of its first showing; null where they leave the 64-bit range).
    /// </summary>
    internal interface ISampleObserver
    {
        void Add(in RawSample sample, in ReadOnlyShowings showings, in TimelineTimes times);
    }
}
