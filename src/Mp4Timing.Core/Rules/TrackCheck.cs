using Mp4Timing.Analysis;
using Mp4Timing.Timing;

namespace Mp4Timing.Rules
{
    /// <summary>
    /// A rule's look at one track during the runner's single pass: each sample in decode order with its showings on the
    /// presentation timeline (<see cref="OnSample"/>), each pair of consecutive presented samples in presentation order
    /// (<see cref="OnPresented"/>, through a bounded reorder window), then the track's summary (<see cref="Finish"/>, called
    /// once every track of the movie has been read, so that a check can compare tracks). A check holds a few numbers,
    /// never the samples: memory does not grow with the track.
    /// </summary>
    internal abstract class TrackCheck
    {
        /// <summary>
        /// <paramref name="rule"/>'s check of <paramref name="track"/>, which wants <see cref="OnSample"/> and/or
        /// <see cref="OnPresented"/> calls, or the picture headers of the sync samples (<see cref="TrackInfo.RandomAccess"/> in
        /// the summary <see cref="Finish"/> gets).
        /// </summary>
        protected TrackCheck(TimingRule rule, TrackContext track, bool samples = false, bool presentationOrder = false, bool syncPictures = false)
        {
            Rule = rule.Info;
            Track = track;
            WantsSamples = samples;
            WantsPresentationOrder = presentationOrder;
            WantsSyncPictures = syncPictures;
        }

        /// <summary>The rule whose check this is: what its findings are added under.</summary>
        protected TimingRuleInfo Rule { get; }

        /// <summary>The track checked.</summary>
        protected TrackContext Track { get; }

        /// <summary>The runner calls <see cref="OnSample"/> for every sample.</summary>
        public bool WantsSamples { get; }

        /// <summary>The runner puts the presented samples in presentation order and calls <see cref="OnPresented"/>.</summary>
        public bool WantsPresentationOrder { get; }

        /// <summary>The runner reads the first bytes of each sync sample for its picture header (a few KB per sync sample).</summary>
        public bool WantsSyncPictures { get; }

        /// <summary>
        /// The next sample in decode order, with its showings (the edit list applied; valid only during the call) and its times
        /// on the presentation timeline, computed once for every check. Where a time is null (an edit list shifts the sample past
        /// the 64-bit range) the sample has no place on that timeline: a check leaves it out of whatever needs the time, and
        /// goes on with the next sample, as Get-Mp4Track does.
        /// </summary>
        public virtual void OnSample(in RawSample sample, in ReadOnlyShowings showings, in TimelineTimes times)
        {
        }

        /// <summary>Two presented samples that follow each other in presentation order (within one edit).</summary>
        public virtual void OnPresented(in PresentedSample previous, in PresentedSample current)
        {
        }

        /// <summary>The track has been read (and every other track of the movie): the check says what it found.</summary>
        public abstract void Finish(TrackSummary track, MovieContext movie, FindingList findings);
    }
}
