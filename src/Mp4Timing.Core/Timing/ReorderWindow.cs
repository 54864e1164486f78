using System;
using System.Collections.Generic;

namespace Mp4Timing.Timing
{
    /// <summary>
    /// Puts a sequence back in key order through a window of bounded size, as a decoder's reorder buffer does:
    /// items go into a heap, and the smallest leaves once the heap holds more than the window. Equal keys keep
    /// their order (the sort is stable). Memory is the window, not the sequence.
    /// </summary>
    /// <remarks>
    /// The output is in order exactly when no item has more than <c>window</c> earlier items with a larger key
    /// (for video: the reorder depth of the B-frames). <see cref="Required"/> finds the smallest sufficient
    /// window from the keys alone (a pass that keeps only the window), and <see cref="Sort{T}"/> checks every
    /// item against the last one it gave out, so a window too small for the data is an error, never a wrong order.
    /// </remarks>
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
            var heap = new Heap<T>();
            long sequence = 0;
            bool any = false;
            long last = 0;
            foreach (T item in items)
            {
                long k = key(item);
                if (any && k < last)
                {
                    throw new InvalidOperationException($"an item with key {k} follows one with key {last} already given out: a window of {window} is too small for this sequence");
                }
                heap.Push(k, sequence++, item);
                if (heap.Count > window)
                {
                    T smallest = heap.Pop(out last);
                    any = true;
                    yield return smallest;
                }
            }
            while (heap.Count > 0) yield return heap.Pop(out _);
        }

        private static bool Fits(IEnumerable<long> keys, int window)
        {
            var heap = new Heap<bool>();
            long sequence = 0;
            bool any = false;
            long last = 0;
            foreach (long k in keys)
            {
                if (any && k < last) return false;
                heap.Push(k, sequence++, false);
                if (heap.Count > window)
                {
                    heap.Pop(out last);
                    any = true;
                }
            }
            return true;
        }

        /// <summary>A binary min-heap on (key, arrival), so that equal keys leave in the order they came.</summary>
        private sealed class Heap<T>
        {
            private (long Key, long Sequence, T Item)[] _items = new (long, long, T)[16];

            public int Count { get; private set; }

            public void Push(long key, long sequence, T item)
            {
                if (Count == _items.Length) Array.Resize(ref _items, _items.Length * 2);
                int i = Count++;
                while (i > 0)
                {
                    int parent = (i - 1) >> 1;
                    if (!Less(key, sequence, _items[parent].Key, _items[parent].Sequence)) break;
                    _items[i] = _items[parent];
                    i = parent;
                }
                _items[i] = (key, sequence, item);
            }

            public T Pop(out long key)
            {
                var top = _items[0];
                var moved = _items[--Count];
                _items[Count] = default;
                int i = 0;
                while (true)
                {
                    int child = 2 * i + 1;
                    if (child >= Count) break;
                    if (child + 1 < Count && Less(_items[child + 1].Key, _items[child + 1].Sequence, _items[child].Key, _items[child].Sequence)) child++;
                    if (!Less(_items[child].Key, _items[child].Sequence, moved.Key, moved.Sequence)) break;
                    _items[i] = _items[child];
                    i = child;
                }
                if (Count > 0) _items[i] = moved;
                key = top.Key;
                return top.Item;
            }

            private static bool Less(long key, long sequence, long otherKey, long otherSequence) =>
                key < otherKey || (key == otherKey && sequence < otherSequence);
        }
    }
}
