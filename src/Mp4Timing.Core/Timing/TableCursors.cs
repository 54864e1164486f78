using System;
using System.IO;
using Mp4Timing.Boxes;
using Mp4Timing.IO;

namespace Mp4Timing.Timing
{
    /// <summary>
    /// Reads the entries of one table where they lie in the file, through a small buffer of its own.
    /// Memory stays the same whatever the number of entries; a table that ends early fails with
    /// TableTooShort naming the table's box path.
    /// </summary>
    internal abstract class TableCursor
    {
        private const int BufferSize = 16 * 1024;

        protected TableCursor(Stream stream, string? source, string boxPath, long entriesOffset, long end)
        {
            int bufferSize = (int)Math.Max(64, Math.Min(BufferSize, end - entriesOffset));
            Reader = new BoxDataReader(stream, source, bufferSize) { BoxPath = boxPath };
            Reader.Seek(entriesOffset, end);
            BoxPath = boxPath;
        }

        protected BoxDataReader Reader { get; }

        public string BoxPath { get; }

        protected Mp4FormatException Fail(Mp4ErrorKind kind, string detail) => Reader.Fail(kind, detail);
    }

    /// <summary>Run-length tables (stts, ctts): yields one value per sample.</summary>
    internal sealed class RunCursor : TableCursor
    {
        private readonly string _table;
        private readonly bool _signed;
        private long _entriesLeft;
        private long _leftInRun;
        private long _value;

        public RunCursor(Stream stream, string? source, SampleTableBox box, bool signed)
            : base(stream, source, box.BoxPath, box.EntriesOffset, box.Offset + box.Size)
        {
            _table = box.Type;
            _signed = signed;
            _entriesLeft = box.EntryCount;
        }

        /// <summary>Samples described by the table that have not been taken yet (only exact once the table is exhausted).</summary>
        public long SamplesLeftInRun => _leftInRun;

        /// <summary>The value for the next sample.</summary>
        public long Next(long sampleNumber)
        {
            while (_leftInRun == 0)
            {
                if (_entriesLeft == 0)
                {
                    throw Fail(Mp4ErrorKind.TableTooShort, $"{_table} ends before sample {sampleNumber}: its runs describe only {sampleNumber - 1} samples");
                }
                _entriesLeft--;
                _leftInRun = Reader.ReadUInt32();
                _value = _signed ? Reader.ReadInt32() : Reader.ReadUInt32();
            }
            _leftInRun--;
            return _value;
        }

        /// <summary>The number of samples the rest of the table describes (reads the remaining entries).</summary>
        public long CountRemainingSamples()
        {
            long total = _leftInRun;
            while (_entriesLeft > 0)
            {
                _entriesLeft--;
                total += Reader.ReadUInt32();
                Reader.Skip(4);
            }
            _leftInRun = 0;
            return total;
        }
    }

    /// <summary>stsz / stz2: one size per sample.</summary>
    internal sealed class SizeCursor : TableCursor
    {
        private readonly uint _constant;
        private readonly int _fieldSize;
        private int _pendingNibble = -1;

        public SizeCursor(Stream stream, string? source, SampleSizeBox box)
            : base(stream, source, box.BoxPath, box.EntriesOffset, box.Offset + box.Size)
        {
            _constant = box.ConstantSampleSize;
            _fieldSize = box.FieldSize;
        }

        public long Next()
        {
            if (_constant != 0) return _constant;
            switch (_fieldSize)
            {
                case 32: return Reader.ReadUInt32();
                case 16: return Reader.ReadUInt16();
                case 8: return Reader.ReadByte();
                default:
                    if (_pendingNibble >= 0)
                    {
                        int low = _pendingNibble;
                        _pendingNibble = -1;
                        return low;
                    }
                    byte b = Reader.ReadByte();
                    _pendingNibble = b & 0xF;
                    return b >> 4;
            }
        }
    }

    /// <summary>stss / stps: the sorted 1-based numbers of sync samples.</summary>
    internal sealed class SyncCursor : TableCursor
    {
        private long _entriesLeft;
        private long _next = -1;

        public SyncCursor(Stream stream, string? source, SyncSampleBox box)
            : base(stream, source, box.BoxPath, box.EntriesOffset, box.Offset + box.Size)
        {
            _entriesLeft = box.EntryCount;
            Advance();
        }

        /// <summary>True when <paramref name="sampleNumber"/> is listed; numbers must be asked in increasing order.</summary>
        public bool IsListed(long sampleNumber)
        {
            // Entries out of order or repeated are passed over rather than trusted.
            while (_next >= 0 && _next < sampleNumber) Advance();
            return _next == sampleNumber;
        }

        private void Advance()
        {
            if (_entriesLeft == 0)
            {
                _next = -1;
                return;
            }
            _entriesLeft--;
            _next = Reader.ReadUInt32();
        }
    }

    /// <summary>sdtp: one byte of dependency flags per sample; samples past its end have none.</summary>
    internal sealed class DependencyCursor : TableCursor
    {
        public DependencyCursor(Stream stream, string? source, SampleDependencyTypeBox box)
            : base(stream, source, box.BoxPath, box.EntriesOffset, box.Offset + box.Size)
        {
        }

        public bool TryNext(out byte flags)
        {
            if (Reader.Remaining == 0)
            {
                flags = 0;
                return false;
            }
            flags = Reader.ReadByte();
            return true;
        }
    }

    /// <summary>
    /// stsc + stco/co64: the chunk of every sample, its description index and its absolute offset
    /// (the chunk offset plus the sizes of the samples before it in the chunk).
    /// </summary>
    internal sealed class ChunkCursor
    {
        private readonly BoxDataReader _stsc;
        private readonly BoxDataReader _stco;
        private readonly string _offsetTable;
        private readonly bool _large;
        private readonly long _chunkCount;
        private long _stscLeft;
        private long _chunksLeft;

        private long _chunk;
        private long _leftInChunk;
        private long _nextOffset;
        private uint _samplesPerChunk;
        private uint _descriptionIndex;

        // The stsc entry read but not applied yet; first chunk 0 when there is none.
        private long _pendingFirstChunk;
        private uint _pendingSamples;
        private uint _pendingDescription;

        public ChunkCursor(Stream stream, string? source, SampleToChunkBox stsc, ChunkOffsetBox stco)
        {
            _stsc = new BoxDataReader(stream, source, 16 * 1024) { BoxPath = stsc.BoxPath };
            _stsc.Seek(stsc.EntriesOffset, stsc.Offset + stsc.Size);
            _stco = new BoxDataReader(stream, source, 16 * 1024) { BoxPath = stco.BoxPath };
            _stco.Seek(stco.EntriesOffset, stco.Offset + stco.Size);
            _offsetTable = stco.Type;
            _large = stco.IsLarge;
            _stscLeft = stsc.EntryCount;
            _chunksLeft = stco.EntryCount;
            _chunkCount = stco.EntryCount;
            if (_stscLeft == 0)
            {
                throw _stsc.Fail(Mp4ErrorKind.TableTooShort, "stsc is empty, so no chunk holds any sample", stsc.EntriesOffset);
            }
            ReadPendingRun();
            if (_pendingFirstChunk != 1)
            {
                throw _stsc.Fail(Mp4ErrorKind.InvalidField, $"the first stsc entry starts at chunk {_pendingFirstChunk}; it must start at chunk 1", stsc.EntriesOffset);
            }
        }

        /// <summary>The 1-based chunk of the sample placed last.</summary>
        public long Chunk => _chunk;

        /// <summary>The sample description index of the sample placed last.</summary>
        public uint SampleDescriptionIndex => _descriptionIndex;

        /// <summary>Places the next sample of <paramref name="size"/> bytes; returns its absolute offset.</summary>
        public long Next(long sampleNumber, long size)
        {
            while (_leftInChunk == 0)
            {
                NextChunk(sampleNumber);
            }
            _leftInChunk--;
            long offset = _nextOffset;
            _nextOffset = checked(_nextOffset + size);
            return offset;
        }

        private void NextChunk(long sampleNumber)
        {
            // Every pass consumes a chunk offset, so chunks of zero samples cannot loop forever.
            if (_chunksLeft == 0)
            {
                throw _stco.Fail(Mp4ErrorKind.TableTooShort,
                    $"{_offsetTable} has {_chunkCount} chunk offsets, but stsc puts sample {sampleNumber} in chunk {_chunk + 1} or later");
            }
            _chunk++;
            _chunksLeft--;
            _nextOffset = _large ? _stco.ReadUIntAsInt64(true, "chunk_offset") : _stco.ReadUInt32();
            while (_pendingFirstChunk != 0 && _chunk >= _pendingFirstChunk)
            {
                _samplesPerChunk = _pendingSamples;
                _descriptionIndex = _pendingDescription;
                ReadPendingRun();
            }
            _leftInChunk = _samplesPerChunk;
        }

        private void ReadPendingRun()
        {
            if (_stscLeft == 0)
            {
                _pendingFirstChunk = 0;
                return;
            }
            long offset = _stsc.Position;
            _stscLeft--;
            long first = _stsc.ReadUInt32();
            uint samples = _stsc.ReadUInt32();
            uint description = _stsc.ReadUInt32();
            if (first == 0 || first < _pendingFirstChunk)
            {
                throw _stsc.Fail(Mp4ErrorKind.InvalidField,
                    $"stsc entry with first_chunk {first} follows one with first_chunk {_pendingFirstChunk}; chunks must increase", offset);
            }
            _pendingFirstChunk = first;
            _pendingSamples = samples;
            _pendingDescription = description;
        }
    }
}
