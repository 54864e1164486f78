using System.Collections.Generic;
using System.IO;
using Mp4Timing.Boxes;

namespace Mp4Timing.Ffmpeg
{
    /// <summary>Where a packet's sample lies and what its tables say, as stored: the numbers the ISO reading shows beside ffmpeg's.</summary>
    internal readonly struct SampleOrigin
    {
        public SampleOrigin(long position, uint size, long rawDecode, long rawCompositionOffset, long rawDuration, uint sampleDescriptionIndex, long chunk, uint? fragment)
        {
            Position = position;
            Size = size;
            RawDecode = rawDecode;
            RawCompositionOffset = rawCompositionOffset;
            RawDuration = rawDuration;
            SampleDescriptionIndex = sampleDescriptionIndex;
            Chunk = chunk;
            Fragment = fragment;
        }

        public long Position { get; }

        public uint Size { get; }

        public long RawDecode { get; }

        public long RawCompositionOffset { get; }

        public long RawDuration { get; }

        public uint SampleDescriptionIndex { get; }

        /// <summary>1-based chunk (moov samples), 0 in fragments.</summary>
        public long Chunk { get; }

        /// <summary>The mfhd sequence number (fragment samples).</summary>
        public uint? Fragment { get; }
    }

    /// <summary>
    /// The samples the ffmpeg model indexes, without an object or a copy of the tables per sample. Moov samples
    /// are looked up in their tables where they lie in the file (<see cref="MoovSamples"/>). Regrouped PCM packets
    /// and fragment samples, whose numbers come from records read once, keep their size, duration and composition
    /// offset, each in a <see cref="CompactIntList"/> (nothing when every sample has the same, else two or four bytes
    /// a sample); they share a run per chunk or trun (start position and decode time, sample description, chunk,
    /// fragment), from which positions and decode times are summed.
    /// </summary>
    internal sealed class SampleOrigins
    {
        private readonly CompactIntList _sizes = new CompactIntList();
        private readonly CompactIntList _durations = new CompactIntList();
        private readonly CompactIntList _compositionOffsets = new CompactIntList();
        private readonly List<StoredRun> _runs = new List<StoredRun>();
        private MoovSamples? _moov;
        private bool _moovStored;
        private int _hintRun;
        private int _hintSample = -1;
        private long _hintPosition;
        private long _hintDecode;

        /// <summary>Samples (or PCM packets) from moov; fragment samples follow them.</summary>
        public int MoovCount { get; private set; }

        public int Count => (_moovStored ? 0 : MoovCount) + _sizes.Count;

        /// <summary>Fragment samples (they follow the moov samples).</summary>
        public int FragmentCount => Count - MoovCount;

        /// <summary>The moov samples are those of the tables, walked by the index.</summary>
        public void SetMoovSamples(MoovSamples samples)
        {
            _moov = samples;
            MoovCount = samples.Count;
        }

        /// <summary>
        /// Starts a run of stored samples (a PCM chunk, a trun) at a file position and raw decode time; in a trun, the index
        /// timestamps are the decode times plus <paramref name="indexTsShift"/> (<see cref="FragmentTs"/>).
        /// </summary>
        public void BeginRun(long position, long rawDecode, uint sampleDescriptionIndex, long chunk, uint? fragment, long indexTsShift = 0) =>
            _runs.Add(new StoredRun(_sizes.Count, position, rawDecode, sampleDescriptionIndex, chunk, fragment, indexTsShift));

        /// <summary>A moov packet whose numbers are not the tables' (regrouped PCM); returns its 0-based number.</summary>
        public int AddMoov(uint size, uint rawDuration)
        {
            _moovStored = true;
            Store(size, rawDuration, 0);
            return MoovCount++;
        }

        /// <summary>A fragment sample; returns its 0-based number.</summary>
        public int AddFragment(uint size, uint rawDuration, int rawCompositionOffset)
        {
            Store(size, rawDuration, rawCompositionOffset);
            return Count - 1;
        }

        /// <summary>The raw composition offset of fragment sample <paramref name="fragmentSample"/> (0-based among the fragment samples).</summary>
        public int FragmentCompositionOffset(int fragmentSample) => _compositionOffsets[(_moovStored ? MoovCount : 0) + fragmentSample];

        private void Store(uint size, uint rawDuration, int rawCompositionOffset)
        {
            _sizes.Add(unchecked((int)size));
            _durations.Add(unchecked((int)rawDuration));
            _compositionOffsets.Add(rawCompositionOffset);
        }

        public bool IsFragment(int sample) => sample >= MoovCount;

        public SampleOrigin this[int sample]
        {
            get
            {
                if (!_moovStored && sample < MoovCount) return _moov!.Locate(sample);
                int at = _moovStored ? sample : sample - MoovCount;
                Seek(at, out StoredRun run, out long position, out long decode);
                return new SampleOrigin(position, unchecked((uint)_sizes[at]), decode, _compositionOffsets[at], unchecked((uint)_durations[at]), run.SampleDescriptionIndex, run.Chunk, run.Fragment);
            }
        }

        /// <summary>The index timestamp of fragment sample <paramref name="sample"/>: its stored decode time plus its trun's shift.</summary>
        public long FragmentTs(int sample)
        {
            Seek(_moovStored ? sample : sample - MoovCount, out StoredRun run, out _, out long decode);
            return unchecked(decode + run.IndexTsShift);
        }

        /// <summary>The decode time just after the last moov sample, as stored (where fragments without tfdt go on).</summary>
        public long MoovEnd()
        {
            if (MoovCount == 0) return 0;
            SampleOrigin last = this[MoovCount - 1];
            return last.RawDecode + last.RawDuration;
        }

        /// <summary>The run of stored sample <paramref name="at"/>, and its position and decode time summed from the run's start.</summary>
        private void Seek(int at, out StoredRun run, out long position, out long decode)
        {
            if (!(_hintSample >= 0 && _hintSample <= at && _runs[_hintRun].First <= at && (_hintRun + 1 == _runs.Count || _runs[_hintRun + 1].First > at)))
            {
                _hintRun = SortedSearch.LastAtOrBefore(_runs, at, r => r.First);
                _hintSample = _runs[_hintRun].First;
                _hintPosition = _runs[_hintRun].Position;
                _hintDecode = _runs[_hintRun].RawDecode;
            }
            run = _runs[_hintRun];
            while (_hintSample < at)
            {
                _hintPosition += unchecked((uint)_sizes[_hintSample]);
                _hintDecode += unchecked((uint)_durations[_hintSample]);
                _hintSample++;
            }
            position = _hintPosition;
            decode = _hintDecode;
        }

        private sealed class StoredRun
        {
            public StoredRun(int first, long position, long rawDecode, uint sampleDescriptionIndex, long chunk, uint? fragment, long indexTsShift)
            {
                IndexTsShift = indexTsShift;
                First = first;
                Position = position;
                RawDecode = rawDecode;
                SampleDescriptionIndex = sampleDescriptionIndex;
                Chunk = chunk;
                Fragment = fragment;
            }

            public int First { get; }

            public long Position { get; }

            public long RawDecode { get; }

            public uint SampleDescriptionIndex { get; }

            public long Chunk { get; }

            public uint? Fragment { get; }

            public long IndexTsShift { get; }
        }
    }

    /// <summary>
    /// The moov samples of a track, looked up in stts, ctts, stsz, stsc and stco where they lie in the file:
    /// position (chunk offset plus the sizes before the sample in its chunk), size, raw decode time, composition
    /// offset, duration, sample description and chunk. In order each lookup is a step; to go back, the walk starts
    /// again from the chunk checkpoints the index walk left every 1024 chunks.
    /// </summary>
    internal sealed class MoovSamples
    {
        private const int CheckpointEvery = 1024;

        private readonly RunTable _decode;
        private readonly RunTable _offsets;
        private readonly SampleSizes _sizes;
        private readonly ChunkOffsets _chunkOffsets;
        private readonly StscTable _stsc;
        private readonly List<Checkpoint> _checkpoints = new List<Checkpoint>();
        private long _chunk = -1;
        private long _stscIndex;
        private long _chunkFirst;
        private long _chunkCount;
        private long _next;
        private long _nextPosition;

        public MoovSamples(Stream stream, string? source, SampleTableBox? stts, SampleTableBox? ctts, SampleSizeBox stsz, ChunkOffsets chunkOffsets, StscTable stsc)
        {
            _decode = new RunTable(stream, source, stts, signed: false, tailRepeats: true);
            _offsets = new RunTable(stream, source, ctts, signed: true, tailRepeats: false);
            _sizes = new SampleSizes(stream, source, stsz);
            _chunkOffsets = chunkOffsets;
            _stsc = stsc;
        }

        /// <summary>The samples the index walk reached.</summary>
        public int Count { get; private set; }

        /// <summary>Called by the index walk at the start of each chunk, in order.</summary>
        public void ChunkStarts(long chunk, long stscIndex, long firstSample)
        {
            if (chunk % CheckpointEvery == 0) _checkpoints.Add(new Checkpoint(chunk, stscIndex, firstSample));
        }

        /// <summary>Called by the index walk when it has placed every sample.</summary>
        public void Complete(int count) => Count = count;

        public SampleOrigin Locate(int sample)
        {
            if (_chunk < 0 || sample < _chunkFirst) Restart(sample);
            else if (sample < _next) EnterChunk();
            while (sample >= _chunkFirst + _chunkCount) NextChunk();
            while (_next < sample)
            {
                _nextPosition += _sizes[_next];
                _next++;
            }
            _decode.Find(sample, out long decode, out long duration);
            _offsets.Find(sample, out _, out long offset);
            return new SampleOrigin(_nextPosition, _sizes[sample], decode, offset, duration, _stsc[_stscIndex].Id, _chunk + 1, null);
        }

        private void Restart(long sample)
        {
            Checkpoint at = _checkpoints[SortedSearch.LastAtOrBefore(_checkpoints, sample, c => c.FirstSample)];
            _chunk = at.Chunk;
            _stscIndex = at.StscIndex;
            _chunkFirst = at.FirstSample;
            EnterChunk();
        }

        private void NextChunk()
        {
            _chunkFirst += _chunkCount;
            _chunk++;
            while (_stscIndex + 1 < _stsc.Length && _chunk + 1 == _stsc[_stscIndex + 1].First) _stscIndex++;
            EnterChunk();
        }

        private void EnterChunk()
        {
            _chunkCount = _stsc[_stscIndex].Count;
            _next = _chunkFirst;
            _nextPosition = _chunkOffsets[_chunk];
        }

        private readonly struct Checkpoint
        {
            public Checkpoint(long chunk, long stscIndex, long firstSample)
            {
                Chunk = chunk;
                StscIndex = stscIndex;
                FirstSample = firstSample;
            }

            public long Chunk { get; }

            public long StscIndex { get; }

            public long FirstSample { get; }
        }
    }
}
