using System;
using System.IO;
using Mp4Timing.Boxes;

namespace Mp4Timing.Timing
{
    /// <summary>
    /// Expands a progressive track's sample tables (stts, ctts, stss, sdtp, stsz/stz2, stsc, stco/co64)
    /// into samples in decode order, reading every table in place through its own small cursor.
    /// </summary>
    internal sealed class SampleTableReader
    {
        private readonly TrackTables _tables;
        private readonly long _sampleCount;
        private readonly RunCursor _stts;
        private readonly RunCursor? _ctts;
        private readonly SyncCursor? _stss;
        private readonly DependencyCursor? _sdtp;
        private readonly SizeCursor _stsz;
        private readonly ChunkCursor _chunks;
        private readonly TrackPosition _position;
        private long _next = 1;

        public SampleTableReader(Stream stream, string? source, TrackTables tables, TrackPosition position)
        {
            _tables = tables;
            _position = position;
            SampleSizeBox stsz = tables.SampleSizes ?? throw tables.Missing("stsz/stz2");
            _sampleCount = stsz.SampleCount;
            _stts = new RunCursor(stream, source, tables.TimeToSample ?? throw tables.Missing("stts"), signed: false);
            _ctts = tables.CompositionOffsets is null ? null : new RunCursor(stream, source, tables.CompositionOffsets, signed: true);
            _stss = tables.SyncSamples is null ? null : new SyncCursor(stream, source, tables.SyncSamples);
            _sdtp = tables.Dependencies is null ? null : new DependencyCursor(stream, source, tables.Dependencies);
            _stsz = new SizeCursor(stream, source, stsz);
            _chunks = new ChunkCursor(stream, source,
                tables.SampleToChunk ?? throw tables.Missing("stsc"),
                tables.ChunkOffsets ?? throw tables.Missing("stco/co64"));
        }

        public long SampleCount => _sampleCount;

        /// <summary>Fills <paramref name="sample"/> with the next sample; false after the last one.</summary>
        public bool TryRead(ref RawSample sample)
        {
            if (_next > _sampleCount) return false;
            long number = _next;
            long delta = _stts.Next(number);
            sample.Number = number;
            try
            {
                sample.DecodeTicks = _position.TakeDecodeTime();
            }
            catch (OverflowException)
            {
                throw _tables.Overflow(number);
            }
            sample.DurationTicks = delta;
            sample.CompositionOffset = _ctts is null ? 0 : _ctts.Next(number);
            sample.IsSync = _stss is null || _stss.IsListed(number);
            sample.HasDependency = _sdtp is not null && _sdtp.TryNext(out sample.Dependency);
            if (!sample.HasDependency) sample.Dependency = 0;
            sample.Size = _stsz.Next();
            sample.Offset = _chunks.Next(number, sample.Size);
            sample.Chunk = _chunks.Chunk;
            sample.SampleDescriptionIndex = _chunks.SampleDescriptionIndex;
            sample.Fragment = null;
            try
            {
                _ = sample.CompositionTicks;
            }
            catch (OverflowException)
            {
                throw _tables.Overflow(number);
            }
            _position.Advance(delta);
            _position.NextSample = number + 1;
            _next++;
            return true;
        }

        /// <summary>After the last sample: a ctts describing more samples than the track has is reported.</summary>
        public Mp4FormatException? CheckTablesEnd()
        {
            if (_ctts is null) return null;
            long extra = _ctts.CountRemainingSamples();
            if (extra == 0) return null;
            return new Mp4FormatException(Mp4ErrorKind.InconsistentSampleCount, _tables.Track.Path, _ctts.BoxPath, _tables.CompositionOffsets!.Offset,
                $"ctts describes {extra} more samples than the {_sampleCount} of stsz; the extra entries were ignored");
        }
    }
}
