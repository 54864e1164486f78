using System;

namespace Mp4Timing.Timing
{
    /// <summary>
    /// Puts items that arrive in decode order into presentation order while holding at most
    /// <see cref="Capacity"/> of them, as a decoder's reorder buffer does: an item is released once
    /// <see cref="Capacity"/> later items have arrived, so memory does not grow with the track.
    /// Items are ordered by key (a composition or presentation time); equal keys keep decode order.
    /// The order is exact as long as no item moves more than <see cref="Capacity"/> places; when one
    /// would have to go before an item already released, <see cref="Exceeded"/> is set.
    /// Also measures how far items move: <see cref="MaxDisplacement"/>.
    /// </summary>
    /// <typeparam name="T">What travels with each key (a sample, its number...).</typeparam>
    internal sealed class ReorderWindow<T>
    {
        private readonly int _capacity;
        private Entry[] _entries;
        private int _start;
        private int _end;
        private long _arrived;
        private long _released;
        private long _lastReleasedKey;

        /// <summary>A window that holds up to <paramref name="capacity"/> items (at least 1).</summary>
        public ReorderWindow(int capacity)
        {
            if (capacity < 1) throw new ArgumentOutOfRangeException(nameof(capacity), "The window holds at least one item.");
            _capacity = capacity;
            // Grows as items come, so a track without reordering never costs the whole window.
            _entries = new Entry[Math.Min(2 * capacity + 2, 64)];
        }

        /// <summary>How many items the window holds before it releases the first in presentation order.</summary>
        public int Capacity => _capacity;

        /// <summary>Items held now.</summary>
        public int Count => _end - _start;

        /// <summary>
        /// The largest number of places an item released so far moved between decode order (arrival) and
        /// presentation order (release): |rank - arrival index|. Exact while <see cref="Exceeded"/> is false.
        /// </summary>
        public long MaxDisplacement { get; private set; }

        /// <summary>
        /// True when an item arrived whose key is below that of an item already released: it moves more than
        /// <see cref="Capacity"/> places, and the order given (and <see cref="MaxDisplacement"/>) is not exact.
        /// </summary>
        public bool Exceeded { get; private set; }

        /// <summary>
        /// Adds the next item in decode order. When the window was full, releases the first item in presentation
        /// order into <paramref name="released"/> with its 0-based presentation rank, and returns true.
        /// </summary>
        public bool Add(long key, T value, out T released, out long rank)
        {
            if (_released > 0 && key < _lastReleasedKey) Exceeded = true;
            Insert(new Entry(key, _arrived++, value));
            if (Count > _capacity) return TryRelease(out released, out rank);
            released = default!;
            rank = -1;
            return false;
        }

        /// <summary>At the end of the track: releases the remaining items one by one, in presentation order.</summary>
        public bool TryRelease(out T released, out long rank)
        {
            if (_start == _end)
            {
                released = default!;
                rank = -1;
                return false;
            }
            Entry first = _entries[_start];
            _entries[_start++] = default;
            rank = _released++;
            _lastReleasedKey = first.Key;
            long displacement = Math.Abs(rank - first.Arrival);
            if (displacement > MaxDisplacement) MaxDisplacement = displacement;
            released = first.Value;
            return true;
        }

        /// <summary>Inserts after every held entry with a key at or below <paramref name="entry"/>'s (arrivals only grow).</summary>
        private void Insert(Entry entry)
        {
            MakeRoom();
            int at = _end;
            if (_start < _end && _entries[_end - 1].Key > entry.Key)
            {
                // Out of order: the first held entry with a greater key (binary search), then one block move.
                int low = _start, high = _end - 1;
                while (low < high)
                {
                    int middle = low + ((high - low) >> 1);
                    if (_entries[middle].Key > entry.Key) high = middle;
                    else low = middle + 1;
                }
                at = low;
                Array.Copy(_entries, at, _entries, at + 1, _end - at);
            }
            _entries[at] = entry;
            _end++;
        }

        private void MakeRoom()
        {
            if (_end < _entries.Length) return;
            int count = Count;
            if (_start > 0 && count < _entries.Length / 2)
            {
                // Released entries left a free block at the front: slide the held ones down.
                Array.Copy(_entries, _start, _entries, 0, count);
                Array.Clear(_entries, count, _end - count);
            }
            else
            {
                // At most 2 × capacity + 2 entries: then a full window (capacity entries) is always under half of it,
                // and the slide above makes room (the array stays below the large object heap for 1024 entries).
                var larger = new Entry[Math.Min(_entries.Length * 2, 2 * _capacity + 2)];
                Array.Copy(_entries, _start, larger, 0, count);
                _entries = larger;
            }
            _start = 0;
            _end = count;
        }

        private readonly struct Entry
        {
            public Entry(long key, long arrival, T value)
            {
                Key = key;
                Arrival = arrival;
                Value = value;
            }

            public long Key { get; }

            /// <summary>0-based place in decode order.</summary>
            public long Arrival { get; }

            public T Value { get; }
        }
    }
}
