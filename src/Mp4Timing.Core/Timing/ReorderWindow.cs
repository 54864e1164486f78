using System;
using System.Collections.Generic;

namespace Mp4Timing.Timing
{
    /// <summary>
    /// Puts items that arrive in decode order into presentation order while holding at most
    /// <see cref="Capacity"/> of them, as a decoder's reorder buffer does: the items wait in a heap, and the
    /// first in presentation order leaves once <see cref="Capacity"/> later items have arrived, so memory does
    /// not grow with the track. Items are ordered by key (a composition or presentation time); equal keys
    /// keep decode order. The order is exact as long as no item has more than <see cref="Capacity"/> earlier
    /// items with a larger key; when one would have to go before an item already released,
    /// <see cref="Exceeded"/> is set. Also measures how far items move: <see cref="MaxDisplacement"/>.
    /// </summary>
    /// <typeparam name="T">What travels with each key (a sample, its number...).</typeparam>
    internal sealed class ReorderWindow<T>
    {
        private Entry[] _heap = new Entry[16];
        private long _arrived;
        private long _released;
        private long _lastReleasedKey;

        /// <summary>A window that holds up to <paramref name="capacity"/> items (at least 1).</summary>
        public ReorderWindow(int capacity)
        {
            if (capacity < 1) throw new ArgumentOutOfRangeException(nameof(capacity), "The window holds at least one item.");
            Capacity = capacity;
        }

        /// <summary>How many items the window holds before it releases the first in presentation order.</summary>
        public int Capacity { get; }

        /// <summary>Items held now.</summary>
        public int Count { get; private set; }

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
            Push(new Entry(key, _arrived++, value));
            if (Count > Capacity) return TryRelease(out released, out rank);
            released = default!;
            rank = -1;
            return false;
        }

        /// <summary>At the end of the track: releases the remaining items one by one, in presentation order.</summary>
        public bool TryRelease(out T released, out long rank)
        {
            if (Count == 0)
            {
                released = default!;
                rank = -1;
                return false;
            }
            Entry first = Pop();
            rank = _released++;
            _lastReleasedKey = first.Key;
            long displacement = Math.Abs(rank - first.Arrival);
            if (displacement > MaxDisplacement) MaxDisplacement = displacement;
            released = first.Value;
            return true;
        }

        /// <summary>A binary min-heap on (key, arrival), so that equal keys leave in the order they came.</summary>
        private void Push(Entry entry)
        {
            if (Count == _heap.Length) Array.Resize(ref _heap, Math.Min(_heap.Length * 2, Capacity + 1));
            int i = Count++;
            while (i > 0)
            {
                int parent = (i - 1) >> 1;
                if (!entry.Before(_heap[parent])) break;
                _heap[i] = _heap[parent];
                i = parent;
            }
            _heap[i] = entry;
        }

        private Entry Pop()
        {
            Entry top = _heap[0];
            Entry moved = _heap[--Count];
            _heap[Count] = default;
            int i = 0;
            while (true)
            {
                int child = 2 * i + 1;
                if (child >= Count) break;
                if (child + 1 < Count && _heap[child + 1].Before(_heap[child])) child++;
                if (!_heap[child].Before(moved)) break;
                _heap[i] = _heap[child];
                i = child;
            }
            if (Count > 0) _heap[i] = moved;
            return top;
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

            public bool Before(Entry other) => Key < other.Key || (Key == other.Key && Arrival < other.Arrival);
        }
    }

    /// <summary>
    /// Sorting a sequence through a <see cref="ReorderWindow{T}"/>: memory is the window, not the sequence.
    /// <see cref="Required"/> finds the smallest sufficient window from the keys alone, and <see cref="Sort{T}"/>
    /// stops with an error when the window turns out too small: never a wrong order.
    /// </summary>
    public static class ReorderWindow
    {
        /// <summary>The window <see cref="Required"/> starts from: deeper than any B-frame pyramid seen in practice.</summary>
        public const int DefaultWindow = 64;

        /// <summary>The largest window <see cref="Required"/> tries; past it a sequence is too far from its order to sort in bounded memory.</summary>
        public const int MaxWindow = 1 << 22;

        /// <summary>
        /// The smallest window, a power of two from <paramref name="start"/>, with which <see cref="Sort{T}"/> puts
        /// <paramref name="keys"/> in order. The keys are enumerated again for each larger window tried, which
        /// only a sequence deeper than <paramref name="start"/> needs.
        /// </summary>
        /// <exception cref="InvalidOperationException">The sequence needs a window larger than <paramref name="maximum"/>.</exception>
        public static int Required(IEnumerable<long> keys, int start = DefaultWindow, int maximum = MaxWindow)
        {
            if (keys is null) throw new ArgumentNullException(nameof(keys));
            if (start < 1) throw new ArgumentOutOfRangeException(nameof(start));
            for (int window = start; ; window = checked(window * 2))
            {
                if (Fits(keys, window)) return window;
                if (window >= maximum)
                {
                    throw new InvalidOperationException($"the items are further from their order than a window of {maximum} can hold");
                }
            }
        }

        /// <summary>
        /// Gives <paramref name="items"/> in the order of <paramref name="key"/> (stable), holding at most
        /// <paramref name="window"/> + 1 of them.
        /// </summary>
        /// <exception cref="InvalidOperationException">An item comes after one with a larger key was given out: the window is too small for the sequence.</exception>
        public static IEnumerable<T> Sort<T>(IEnumerable<T> items, Func<T, long> key, int window)
        {
            if (items is null) throw new ArgumentNullException(nameof(items));
            if (key is null) throw new ArgumentNullException(nameof(key));
            if (window < 1) throw new ArgumentOutOfRangeException(nameof(window));
            return SortIterator(items, key, window);
        }

        private static IEnumerable<T> SortIterator<T>(IEnumerable<T> items, Func<T, long> key, int window)
        {
            var reorder = new ReorderWindow<T>(window);
            foreach (T item in items)
            {
                long k = key(item);
                bool released = reorder.Add(k, item, out T first, out _);
                if (reorder.Exceeded)
                {
                    throw new InvalidOperationException($"an item with key {k} follows one with a larger key already given out: a window of {window} is too small for this sequence");
                }
                if (released) yield return first;
            }
            while (reorder.TryRelease(out T rest, out _)) yield return rest;
        }

        private static bool Fits(IEnumerable<long> keys, int window)
        {
            var reorder = new ReorderWindow<bool>(window);
            foreach (long k in keys)
            {
                reorder.Add(k, false, out _, out _);
                if (reorder.Exceeded) return false;
            }
            return true;
        }
    }
}
