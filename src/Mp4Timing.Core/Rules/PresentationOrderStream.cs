using Mp4Timing.Timing;

namespace Mp4Timing.Rules
{
    /// <summary>
    /// The presented samples of one edit, put into presentation order through a <see cref="ReorderWindow{T}"/> of fixed
    /// capacity (a decoder's reorder buffer, far deeper than any real one), and handed to the checks two at a time. Each
    /// sample leaves with its <see cref="PresentedSample.Slot"/>: the decode duration of the sample that holds its rank in
    /// decode order once the decoder's delay is counted. Memory is the window and a ring of as many durations; it does
    /// not grow with the track.
    /// </summary>
    internal sealed class PresentationOrderStream
    {
        private readonly ReorderWindow<PresentedSample> _window;
        private readonly TrackCheck[] _checks;
        private long[] _decode = new long[16];
        private long[] _duration = new long[16];
        private long _arrived;
        private long _released;
        private long _delay = -1;
        private PresentedSample _previous;

        public PresentationOrderStream(int capacity, TrackCheck[] checks)
        {
            _window = new ReorderWindow<PresentedSample>(capacity);
            _checks = checks;
        }

        /// <summary>False once a sample arrived after a later one had to leave: it moved further than the window holds.</summary>
        public bool Exact => !_window.Exceeded;

        /// <summary>The next presented sample in decode order, with its decode time on the presentation timeline (decode ticks + the edit's shift).</summary>
        public void Add(in PresentedSample sample, long decodeOnTimeline)
        {
            Remember(decodeOnTimeline, sample.Duration);
            if (_window.Add(sample.Pts, sample, out PresentedSample first, out _)) Release(first);
        }

        /// <summary>At the end of the track: the samples still in the window, in order.</summary>
        public void Finish()
        {
            while (_window.TryRelease(out PresentedSample rest, out _)) Release(rest);
        }

        private void Release(in PresentedSample sample)
        {
            if (_delay < 0)
            {
                // The decoder's delay: the samples decoded before the first one in presentation order is shown.
                _delay = 0;
                while (_delay < _arrived && _delay < _window.Capacity && DecodeAt(_delay) < sample.Pts) _delay++;
            }
            long rank = _released + _delay;
            PresentedSample current = sample.WithSlot(rank < _arrived ? DurationAt(rank) : sample.Duration);
            _released++;
            if (_released > 1 && current.Pts < _previous.Pts)
            {
                // It should have left before samples already given out (it moved further than the window holds): it is
                // left out of the pairs, and the order goes on from the sample before it.
                return;
            }
            if (_released > 1)
            {
                foreach (TrackCheck check in _checks) check.OnPresented(_previous, current);
            }
            _previous = current;
        }

        /// <summary>Keeps the decode time and duration of each arrival until its rank has been released (a ring that grows to the window's depth).</summary>
        private void Remember(long decode, long duration)
        {
            if (_arrived - _released >= _decode.Length)
            {
                int size = _decode.Length * 2;
                var decodes = new long[size];
                var durations = new long[size];
                for (long k = _released; k < _arrived; k++)
                {
                    decodes[k % size] = _decode[k % _decode.Length];
                    durations[k % size] = _duration[k % _duration.Length];
                }
                _decode = decodes;
                _duration = durations;
            }
            _decode[_arrived % _decode.Length] = decode;
            _duration[_arrived % _duration.Length] = duration;
            _arrived++;
        }

        private long DecodeAt(long rank) => _decode[rank % _decode.Length];

        private long DurationAt(long rank) => _duration[rank % _duration.Length];
    }
}
