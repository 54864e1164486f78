using System;
using System.Collections.Generic;
using System.IO;
using Mp4Timing.Boxes;
using Mp4Timing.IO;

namespace Mp4Timing.Ffmpeg
{
    /// <summary>
    /// Readers over the sample tables where they lie in the file, for the ffmpeg model: the model walks each
    /// table once to build its index and afterwards looks samples up in the tables again, instead of holding
    /// copies of them. Each count was checked against its box when the box was read, so no read runs past it.
    /// </summary>
    internal static class TableReader
    {
        private const int BufferSize = 16 * 1024;

        public static BoxDataReader Open(Stream stream, string? source, string boxPath, long start, long end)
        {
            int size = (int)Math.Max(64, Math.Min(BufferSize, end - start));
            var reader = new BoxDataReader(stream, source, size) { BoxPath = boxPath };
            reader.Seek(start, end);
            return reader;
        }
    }

    /// <summary>The (count, value) entries of stts, ctts or sbgp in order, as stored (32-bit words).</summary>
    internal sealed class StoredPairs
    {
        private readonly BoxDataReader? _reader;
        private readonly long _start;
        private readonly long _end;
        private long _left;

        public StoredPairs(Stream stream, string? source, SampleTableBox? box)
        {
            Length = box?.EntryCount ?? 0;
            if (box is null) return;
            _start = box.EntriesOffset;
            _end = box.Offset + box.Size;
            _reader = TableReader.Open(stream, source, box.BoxPath, _start, _end);
            _left = Length;
        }

        /// <summary>The number of entries.</summary>
        public long Length { get; }

        public bool Next(out uint count, out uint value)
        {
            if (_left == 0)
            {
                count = value = 0;
                return false;
            }
            _left--;
            count = _reader!.ReadUInt32();
            value = _reader.ReadUInt32();
            return true;
        }

        /// <summary>Back to the first entry.</summary>
        public void Rewind()
        {
            if (_reader is null) return;
            _reader.Seek(_start, _end);
            _left = Length;
        }
    }

    /// <summary>stss or stps read in order, as ffmpeg's index walk reads them: a cursor that stops at the last entry.</summary>
    internal sealed class SyncList
    {
        private readonly BoxDataReader? _reader;
        private long _left;

        public SyncList(Stream stream, string? source, SyncSampleBox? box)
        {
            Present = box is not null;
            Length = box?.EntryCount ?? 0;
            if (box is null || Length == 0) return;
            _reader = TableReader.Open(stream, source, box.BoxPath, box.EntriesOffset, box.Offset + box.Size);
            _left = Length - 1;
            Current = First = _reader.ReadUInt32();
        }

        public bool Present { get; }

        public long Length { get; }

        /// <summary>The sample number the cursor is at (1-based as stored; ffmpeg compares it with its 0-based sample plus key_off).</summary>
        public uint Current { get; private set; }

        /// <summary>The first entry, as key_off looks at it (0 when there is none).</summary>
        public uint First { get; }

        /// <summary>Moves to the next entry, if there is one (ffmpeg's cursor never passes the last).</summary>
        public void Advance()
        {
            if (_left == 0) return;
            _left--;
            Current = _reader!.ReadUInt32();
        }
    }

    /// <summary>
    /// stsc as ffmpeg uses it: when every entry is valid (first chunks increasing from 1, counts and indices
    /// at least 1) it is read in place; otherwise ffmpeg's cleaned copy (an invalid entry takes the place of the
    /// next valid one) is kept, which only a broken table needs.
    /// </summary>
    internal sealed class StscTable
    {
        private readonly BoxDataReader? _reader;
        private readonly long _start;
        private readonly (uint First, uint Count, uint Id)[]? _cleaned;
        private long _cachedIndex = -1;
        private (uint First, uint Count, uint Id) _cached;

        public StscTable(Stream stream, string? source, SampleToChunkBox box)
        {
            _start = box.EntriesOffset;
            _reader = TableReader.Open(stream, source, box.BoxPath, _start, box.Offset + box.Size);
            Length = box.EntryCount;
            if (AllValid()) return;
            var entries = new (uint, uint, uint)[Length];
            for (long i = 0; i < Length; i++) entries[i] = Read(i);
            _cleaned = Clean(entries, out int length);
            Length = length;
            _reader = null;
        }

        public long Length { get; }

        public (uint First, uint Count, uint Id) this[long index]
        {
            get
            {
                if (_cleaned is not null) return _cleaned[index];
                if (index != _cachedIndex)
                {
                    _cached = Read(index);
                    _cachedIndex = index;
                }
                return _cached;
            }
        }

        private (uint First, uint Count, uint Id) Read(long index)
        {
            _reader!.Position = _start + 12 * index;
            return (_reader.ReadUInt32(), _reader.ReadUInt32(), _reader.ReadUInt32());
        }

        private bool AllValid()
        {
            long previous = 0;
            for (long i = 0; i < Length; i++)
            {
                var (first, count, id) = Read(i);
                if (first <= previous || first < i + 1 || count < 1 || id < 1) return false;
                previous = first;
            }
            return true;
        }

        /// <summary>mov_stsc cleaning: from the end, an invalid entry takes the next one's values (first chunk one lower).</summary>
        private static (uint First, uint Count, uint Id)[] Clean((uint First, uint Count, uint Id)[] stored, out int length)
        {
            var entries = new (long First, long Count, long Id)[stored.Length];
            for (int i = 0; i < stored.Length; i++) entries[i] = (stored[i].First, stored[i].Count, stored[i].Id);
            length = entries.Length;
            for (int i = length - 1; i >= 0; i--)
            {
                long firstMin = i + 1;
                var e = entries[i];
                bool invalid = (i + 1 < length && e.First >= entries[i + 1].First)
                               || (i > 0 && e.First <= entries[i - 1].First)
                               || e.First < firstMin || e.Count < 1 || e.Id < 1;
                if (!invalid) continue;
                if (i + 1 >= length)
                {
                    if (e.Count == 0 && i > 0)
                    {
                        length--;
                        continue;
                    }
                    e.First = Math.Max(e.First, firstMin);
                    if (i > 0 && e.First <= entries[i - 1].First) e.First = Math.Min(entries[i - 1].First + 1, int.MaxValue);
                    e.Count = Math.Max(e.Count, 1);
                    e.Id = Math.Max(e.Id, 1);
                    entries[i] = e;
                    continue;
                }
                entries[i] = (entries[i + 1].First - 1, entries[i + 1].Count, entries[i + 1].Id);
            }
            var cleaned = new (uint, uint, uint)[length];
            for (int i = 0; i < length; i++) cleaned[i] = ((uint)entries[i].First, (uint)entries[i].Count, (uint)entries[i].Id);
            return cleaned;
        }
    }

    /// <summary>stsz / stz2 by sample number, read in place.</summary>
    internal sealed class SampleSizes
    {
        private readonly BoxDataReader? _reader;
        private readonly uint _constant;
        private readonly int _fieldSize;
        private readonly long _start;

        public SampleSizes(Stream stream, string? source, SampleSizeBox box)
        {
            _constant = box.ConstantSampleSize;
            _fieldSize = box.FieldSize;
            _start = box.EntriesOffset;
            if (_constant == 0) _reader = TableReader.Open(stream, source, box.BoxPath, _start, box.Offset + box.Size);
        }

        public uint this[long sample]
        {
            get
            {
                if (_constant != 0) return _constant;
                BoxDataReader reader = _reader!;
                switch (_fieldSize)
                {
                    case 16:
                        reader.Position = _start + 2 * sample;
                        return reader.ReadUInt16();
                    case 8:
                        reader.Position = _start + sample;
                        return reader.ReadByte();
                    case 4:
                        reader.Position = _start + sample / 2;
                        byte b = reader.ReadByte();
                        return (uint)((sample & 1) == 0 ? b >> 4 : b & 0xF);
                    default:
                        reader.Position = _start + 4 * sample;
                        return reader.ReadUInt32();
                }
            }
        }
    }

    /// <summary>stco / co64 by chunk, read in place.</summary>
    internal sealed class ChunkOffsets
    {
        private readonly BoxDataReader _reader;
        private readonly bool _large;
        private readonly long _start;

        public ChunkOffsets(Stream stream, string? source, ChunkOffsetBox box)
        {
            _large = box.IsLarge;
            _start = box.EntriesOffset;
            Length = box.EntryCount;
            _reader = TableReader.Open(stream, source, box.BoxPath, _start, box.Offset + box.Size);
        }

        public long Length { get; }

        public long this[long chunk]
        {
            get
            {
                _reader.Position = _start + (_large ? 8 : 4) * chunk;
                return _large ? _reader.ReadInt64() : _reader.ReadUInt32();
            }
        }
    }

    /// <summary>
    /// A run-length table (stts, ctts) looked up by sample, read in place: one value per sample, zero-count
    /// runs passed over; past the table the last entry's value repeats (stts) or is 0 (ctts). For stts the
    /// running sum is the raw decode time. Lookups in order cost one step each; to go back, the reader starts
    /// again from a checkpoint it left every 1024 entries on its way forward.
    /// </summary>
    internal sealed class RunTable
    {
        private const int CheckpointEvery = 1024;

        private readonly BoxDataReader? _reader;
        private readonly long _start;
        private readonly long _end;
        private readonly long _length;
        private readonly bool _signed;
        private readonly bool _tailRepeats;
        private readonly List<Checkpoint> _checkpoints = new List<Checkpoint>();
        private long _entry;
        private long _runFirst;
        private long _runCount;
        private long _runSum;
        private long _value;
        private long _last;
        private bool _exhausted;

        public RunTable(Stream stream, string? source, SampleTableBox? box, bool signed, bool tailRepeats)
        {
            _signed = signed;
            _tailRepeats = tailRepeats;
            if (box is null) return;
            _length = box.EntryCount;
            _start = box.EntriesOffset;
            _end = box.Offset + box.Size;
            _reader = TableReader.Open(stream, source, box.BoxPath, _start, _end);
        }

        /// <summary>The value for <paramref name="sample"/> (0-based) and the sum of the values before it.</summary>
        public void Find(long sample, out long sum, out long value)
        {
            if (sample < _runFirst) Restart(sample);
            while (sample >= _runFirst + _runCount)
            {
                if (!LoadNext())
                {
                    // Past the table: _runFirst is the end of the last run and _runSum the sum up to it.
                    value = _tailRepeats ? _last : 0;
                    sum = checked(_runSum + (sample - _runFirst) * value);
                    return;
                }
            }
            value = _value;
            sum = _runSum + (sample - _runFirst) * _value;
        }

        private bool LoadNext()
        {
            _runSum = checked(_runSum + _runCount * _value);
            _runFirst += _runCount;
            _runCount = 0;
            _value = 0;
            while (!_exhausted)
            {
                if (_entry >= _length)
                {
                    _exhausted = true;
                    break;
                }
                if (_entry % CheckpointEvery == 0 && (_checkpoints.Count == 0 || _checkpoints[_checkpoints.Count - 1].Entry < _entry))
                {
                    _checkpoints.Add(new Checkpoint(_entry, _runFirst, _runSum, _last));
                }
                _reader!.Position = _start + 8 * _entry;
                uint count = _reader.ReadUInt32();
                uint raw = _reader.ReadUInt32();
                _entry++;
                _last = _signed ? unchecked((int)raw) : raw;
                if (count == 0) continue;
                _runCount = count;
                _value = _last;
                return true;
            }
            return false;
        }

        private void Restart(long sample)
        {
            Checkpoint at = _checkpoints.Count > 0 ? _checkpoints[SortedSearch.LastAtOrBefore(_checkpoints, sample, c => c.FirstSample)] : new Checkpoint(0, 0, 0, 0);
            _entry = at.Entry;
            _runFirst = at.FirstSample;
            _runSum = at.Sum;
            _last = at.Last;
            _runCount = 0;
            _value = 0;
            _exhausted = false;
        }

        private readonly struct Checkpoint
        {
            public Checkpoint(long entry, long firstSample, long sum, long last)
            {
                Entry = entry;
                FirstSample = firstSample;
                Sum = sum;
                Last = last;
            }

            public long Entry { get; }

            public long FirstSample { get; }

            public long Sum { get; }

            public long Last { get; }
        }
    }
}
