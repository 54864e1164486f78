using System.Collections.Generic;
using System.Linq;
using Mp4Timing.Analysis;
using Mp4Timing.Timing;

namespace Mp4Timing.Rules
{
    /// <summary>
    /// Hands the samples of the runner's single pass over a track to the checks: every sample, in decode order, to the
    /// checks that want samples; the presented ones, through one presentation-order stream per edit, to the checks that
    /// want presentation order (edits never interleave on the presentation timeline, so each is ordered alone).
    /// </summary>
    internal sealed class TrackPass : ISampleObserver
    {
        /// <summary>Samples a presentation-order stream holds: far beyond any decoder's reorder buffer (H.264 and HEVC allow 16).</summary>
        internal const int WindowCapacity = TrackAnalyzer.ReorderCapacity;

        private readonly TrackCheck[] _sampleChecks;
        private readonly TrackCheck[] _orderChecks;
        private readonly Dictionary<int, PresentationOrderStream> _streams = new Dictionary<int, PresentationOrderStream>();

        private readonly System.Action<long>? _progress;

        /// <summary>How often the pass says how far it is: every this many samples.</summary>
        internal const int ProgressEvery = 4096;

        /// <summary>A pass that feeds <paramref name="checks"/>, and tells <paramref name="progress"/> the number of every <see cref="ProgressEvery"/>th sample read.</summary>
        public TrackPass(IReadOnlyList<TrackCheck> checks, System.Action<long>? progress = null)
        {
            _progress = progress;
            _sampleChecks = checks.Where(c => c.WantsSamples).ToArray();
            _orderChecks = checks.Where(c => c.WantsPresentationOrder).ToArray();
        }

        /// <summary>False when some sample moved further between decode and presentation order than a stream's window holds.</summary>
        public bool PresentationOrderExact => _streams.Values.All(s => s.Exact);

        public void Add(in RawSample sample, in ReadOnlyShowings showings, in TimelineTimes times)
        {
            if (_progress is not null && sample.Number % ProgressEvery == 0) _progress(sample.Number);
            foreach (TrackCheck check in _sampleChecks) check.OnSample(sample, showings, times);
            if (_orderChecks.Length == 0 || showings.Discarded) return;
            for (int i = 0; i < showings.Count; i++)
            {
                Showing showing = showings[i];
                int edit = showing.Edit ?? 0;
                if (!_streams.TryGetValue(edit, out PresentationOrderStream? stream))
                {
                    stream = new PresentationOrderStream(WindowCapacity, _orderChecks);
                    _streams[edit] = stream;
                }
                // The first showing's times are the pass's; a later edit shifts the sample otherwise.
                TimelineTimes shown = i == 0 ? times : TimelineTimes.Of(sample.CompositionTicks, sample.DecodeTicks, showing.Shift);
                // A showing the edit list shifts past the 64-bit range has no place in presentation order: it is left out.
                if (shown.Pts is not long pts || shown.Dts is not long dts) continue;
                stream.Add(new PresentedSample(sample.Number, pts, sample.DurationTicks, edit), dts);
            }
        }

        /// <summary>After the last sample: the streams give out what they hold.</summary>
        public void Finish()
        {
            foreach (int edit in _streams.Keys.OrderBy(e => e)) _streams[edit].Finish();
        }
    }
}
