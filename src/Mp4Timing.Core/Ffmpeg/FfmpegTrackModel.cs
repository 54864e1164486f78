using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Mp4Timing.Boxes;
using Mp4Timing.Timing;

namespace Mp4Timing.Ffmpeg
{
    /// <summary>
    /// A model of how ffmpeg's MP4/MOV demuxer (libavformat/mov.c with the generic demux layer; 5.1, and the
    /// differences of 6.1 and 9.0 in <see cref="FfmpegBehaviour"/>)
    /// turns a track's tables into packets: mov_build_index, mov_fix_index, the trun reader, and the
    /// key-frame and timestamp fix-ups that ffprobe -show_packets shows. Written from a description
    /// of the behaviour, checked packet by packet against ffprobe. The index it builds is as compact as
    /// ffmpeg's own (<see cref="FfmpegIndexEntry"/>): no object, and no struct per moov sample beyond it.
    /// </summary>
    internal sealed class FfmpegTrackModel
    {
        private const uint MaxSttsDelta = uint.MaxValue - 480000;
        private const uint MaxSampleSize = 0x3FFFFFFF;
        private const long CttsLimit = 1L << 28;

        /// <summary>
        /// Codecs ffmpeg describes as intra-only: every packet is a key frame whatever stss says. (Not PNG: a PNG track
        /// is K where stss says, as ffprobe 5.1 shows. mp4a is AAC, or MP3 when its esds says so; AAC stops being
        /// intra-only in 9.0: <see cref="FfmpegBehaviour.AacIsIntraOnly"/>.)
        /// </summary>
        private static readonly HashSet<string> IntraOnly = new HashSet<string>(StringComparer.Ordinal)
        {
            "mp4a", ".mp3", "mp3 ", "Opus", "ac-3", "ec-3", "fLaC", "alac", "samr", "sawb", "sowt", "twos", "lpcm", "ipcm",
            "fpcm", "in24", "in32", "fl32", "fl64", "raw ", "ulaw", "alaw", "ima4", "dtsc", "dtse", "dtsh", "dtsl", "sqcp",
            "Qclp", "QDM2", ".mp2", "enca",
            "apch", "apcn", "apcs", "apco", "ap4h", "ap4x", "mjpa", "mjpb", "jpeg", "v210", "mjp2", "AVdn", "AVdh",
        };

        /// <summary>Video codecs whose packets go through an ffmpeg parser that sets the key flag from the bitstream.</summary>
        private static readonly HashSet<string> ParserVideo = new HashSet<string>(StringComparer.Ordinal) { "avc1", "avc3", "av01", "vp08", "vp09" };

        private readonly Mp4Movie _movie;
        private readonly TrackTables _tables;
        private readonly Mp4Track _track;
        private readonly FfmpegTrackResult _result;
        private readonly IndexBudget _budget;
        private readonly FfmpegBehaviour _behaviour;
        private readonly IReadOnlyList<EditListEntry> _edits;
        private long _trackEnd;

        public FfmpegTrackModel(Mp4Movie movie, Mp4Track track, IndexBudget budget, FfmpegBehaviour behaviour)
        {
            _movie = movie;
            _budget = budget;
            _behaviour = behaviour;
            _tables = movie.TablesOf(track);
            _track = track;
            _result = new FfmpegTrackResult(track)
            {
                TimeBase = track.Timescale == 0 || track.Timescale > int.MaxValue ? 1 : track.Timescale,
            };
            // ffmpeg takes the media type from the handler, and for other handlers (pict...) from the codec.
            SampleEntry? entry = _tables.SampleEntries.FirstOrDefault();
            _result.IsVideo = track.Kind == TrackKind.Video || (track.Kind == TrackKind.Other && entry is VisualSampleEntry);
            _result.IsAudio = track.Kind == TrackKind.Audio || (track.Kind == TrackKind.Other && entry is AudioSampleEntry);
            _edits = EditsAsFfmpegReadsThem();
        }

        private long MovieTimescale => !_movie.HasMovieHeader ? 0 : _movie.Timescale == 0 || _movie.Timescale > int.MaxValue ? 1 : _movie.Timescale;

        private string Codec => _track.Codec;

        private FfmpegIndex Entries => _result.Index;

        private SampleOrigins Origins => _result.Origins;

        public FfmpegTrackResult Build()
        {
            BuildIndex();
            ComputeTimeOffset();
            if (_edits.Count > 0 && Entries.Count > 0)
            {
                FixIndex();
            }
            if (_result.StartTime is null && _result.IsVideo && Entries.Count > 0)
            {
                _result.StartTime = checked(Entries[0].Ts + _result.DtsShift + (_result.Offsets is { Count: > 0 } ? _result.Offsets[0] : 0));
            }
            if (_movie.IsFragmented) AddFragments();
            Finish();
            if (_result.IsAudio && IsAac())
            {
                if (EditPriming() is long editPriming) ApplySkipSamples(editPriming);
                if (_movie.FfmpegStreams.StartPadOf(_track.TrackId) is long priming)
                {
                    ApplySkipSamples(priming);
                    _result.GaplessPriming = priming;
                }
            }
            if (AliasPointsElsewhere())
            {
                // mov_read_trak: a QuickTime alias to another file is opened only with -enable_drefs 1; without
                // it the stream has no file to read from, and mov_find_next_sample passes it over.
                _result.Index.Truncate(0);
                _result.NoPackets = "its samples are in another file, named by a QuickTime alias (dref alis), which ffmpeg opens only with -enable_drefs 1";
            }
            return _result;
        }

        /// <summary>
        /// The edit list as mov_read_elst reads it: when entry_count disagrees with the box's size, as many entries
        /// as the size holds (where Mp4Timing reports the box as damaged and reads no edit list).
        /// </summary>
        private IReadOnlyList<EditListEntry> EditsAsFfmpegReadsThem()
        {
            Box? box = _tables.EditListBox;
            if (box is null || box is EditListBox || box.PayloadSize < 8) return _track.Edits;
            var reader = new IO.BoxDataReader(_movie.Stream, _movie.Path, 4096) { BoxPath = box.BoxPath };
            reader.Seek(box.PayloadOffset, box.Offset + box.Size);
            int version = reader.ReadByte();
            reader.Skip(7);
            int entrySize = version == 1 ? 20 : 12;
            long count = Math.Min(reader.Remaining / entrySize, IsoEditList.MaxEdits);
            var edits = new List<EditListEntry>();
            for (long i = 0; i < count; i++)
            {
                long duration = version == 1 ? unchecked((long)reader.ReadUInt64()) : reader.ReadUInt32();
                long mediaTime = version == 1 ? reader.ReadInt64() : reader.ReadInt32();
                edits.Add(new EditListEntry(duration, mediaTime, reader.ReadInt16(), reader.ReadInt16()));
            }
            return edits;
        }

        /// <summary>
        /// True when the track's data reference (the one its last sample entry names) is a QuickTime alias with an
        /// absolute path: mov_read_dref reads it from an alis entry of more than 150 bytes, whatever its flags say.
        /// </summary>
        private bool AliasPointsElsewhere()
        {
            SampleEntry? entry = _tables.SampleEntries.LastOrDefault();
            int index = entry?.DataReferenceIndex ?? 0;
            if (index < 1 || index > _tables.DataEntries.Count) return false;
            Box alias = _tables.DataEntries[index - 1];
            if (alias.Type != "alis" || alias.Size <= 150) return false;
            try
            {
                var reader = new IO.BoxDataReader(_movie.Stream, _movie.Path, 4096) { BoxPath = alias.BoxPath };
                reader.Seek(alias.PayloadOffset, alias.Offset + alias.Size);
                // version and flags, then the fixed part of the alias record: volume, file name, levels.
                reader.Skip(4 + 10 + 1 + 27 + 12 + 1 + 63 + 16 + 4 + 16);
                while (reader.Remaining >= 4)
                {
                    short type = reader.ReadInt16();
                    int length = reader.ReadUInt16();
                    if (type == -1) return false;
                    if (type == 2) return true;
                    if ((length & 1) != 0) length++;
                    if (length > reader.Remaining) return false;
                    reader.Skip(length);
                }
            }
            catch (Mp4FormatException)
            {
                // A record cut short: ffmpeg fails on it too, and no path was read.
            }
            return false;
        }

        // ---- mov_build_index ------------------------------------------------------------------

        private void BuildIndex()
        {
            Stream stream = _movie.Stream;
            string? source = _movie.Path;
            var stts = new StoredPairs(stream, source, _tables.TimeToSample);
            _trackEnd = 0;
            bool clipped = false;
            var normalised = new NormalisedStts(stts);
            while (normalised.Next(out long count, out long delta, out uint stored))
            {
                _trackEnd = checked(_trackEnd + count * delta);
                clipped |= stored > MaxSttsDelta;
            }

            var ctts = new StoredPairs(stream, source, _tables.CompositionOffsets);
            var (hasCtts, dtsShift, dropped, expanded) = ScanCtts(ctts);
            _result.DtsShift = dtsShift;

            SampleSizeBox? stsz = _tables.SampleSizes;
            long sampleCount = stsz?.SampleCount ?? 0;
            if (sampleCount == 0 || _tables.TimeToSample is null || _tables.SampleToChunk is null || _tables.ChunkOffsets is null)
            {
                // No samples, or a "broken" track: ffmpeg gives it no index at all.
                return;
            }
            var stsc = new StscTable(stream, source, _tables.SampleToChunk);
            if (stsc.Length == 0) return;
            var chunks = new ChunkOffsets(stream, source, _tables.ChunkOffsets);

            normalised = new NormalisedStts(stts);
            normalised.Next(out long runCount, out long runDelta, out _);
            if (_result.IsAudio && normalised.Length == 1 && runDelta == 1)
            {
                BuildPcmChunks(chunks, stsc, stsz!);
                return;
            }

            var stss = new SyncList(stream, source, _tables.SyncSamples);
            var stps = new SyncList(stream, source, _tables.PartialSyncSamples);
            bool keyframeAbsent = stss.Present && stss.Length == 0;
            int keyOffset = (stss.Length > 0 && stss.First > 0) || (stps.Length > 0 && stps.First > 0) ? 1 : 0;
            var rap = new RapGroups(stream, source, _tables.SampleGroups);

            if (hasCtts)
            {
                // ffmpeg expands ctts to one offset per sample, up to the sample count: a claim, checked before the expansion.
                expanded = Math.Min(sampleCount, expanded);
                _budget.Check(_track, _tables.CompositionOffsets!, expanded);
                _result.Offsets = ExpandCtts(ctts, expanded);
            }

            _result.MoovRules = (dtsShift > 0 ? FfmpegRule.DtsShift : 0) | (clipped ? FfmpegRule.SttsClipped : 0) | (dropped ? FfmpegRule.CttsDropped : 0);
            var moov = new MoovSamples(stream, source, _tables.TimeToSample, _tables.CompositionOffsets, stsz!, chunks, stsc);
            var sizes = new SampleSizes(stream, source, stsz!);
            // The raw decode times the ISO reading shows are sums of the stored deltas: checked here, so that later lookups cannot overflow.
            var rawDeltas = new RunTable(stream, source, _tables.TimeToSample, signed: false, tailRepeats: true);
            long dts = -dtsShift;
            long sttsSample = 0;
            long stscIndex = 0;
            int sample = 0;
            bool tooLarge = false;
            for (long chunk = 0; chunk < chunks.Length && sample < sampleCount && !tooLarge; chunk++)
            {
                while (stscIndex + 1 < stsc.Length && chunk + 1 == stsc[stscIndex + 1].First) stscIndex++;
                moov.ChunkStarts(chunk, stscIndex, sample);
                long perChunk = stsc[stscIndex].Count;
                for (long j = 0; j < perChunk && sample < sampleCount; j++)
                {
                    bool key = false;
                    if (!keyframeAbsent && (stss.Length == 0 || sample + keyOffset == stss.Current))
                    {
                        key = true;
                        stss.Advance();
                    }
                    else if (stps.Length > 0 && sample + keyOffset == stps.Current)
                    {
                        key = true;
                        stps.Advance();
                    }
                    if (rap.Next()) key = true;
                    if (keyframeAbsent && stps.Length == 0 && !rap.Present && (_result.IsAudio || (chunk == 0 && j == 0))) key = true;

                    // mov_build_index gives up on a sample of more than 1 GiB: the index ends before it.
                    if (sizes[sample] > MaxSampleSize)
                    {
                        tooLarge = true;
                        break;
                    }
                    _budget.Take(_track, stsz!);
                    rawDeltas.Find(sample, out long rawDecode, out long rawDelta);
                    _ = checked(rawDecode + rawDelta);
                    Entries.Add(new FfmpegIndexEntry(dts, sample, key ? EntryFlags.Key : EntryFlags.None));
                    dts = checked(dts + runDelta);
                    sttsSample++;
                    if (normalised.HasNext && sttsSample == runCount)
                    {
                        sttsSample = 0;
                        normalised.Next(out runCount, out runDelta, out _);
                    }
                    sample++;
                }
            }
            moov.Complete(sample);
            Origins.SetMoovSamples(moov);
        }

        /// <summary>QuickTime-style PCM (audio with stts [(N, 1)]): packets of up to 1024 samples per chunk.</summary>
        private void BuildPcmChunks(ChunkOffsets chunks, StscTable stsc, SampleSizeBox stsz)
        {
            var entry = _tables.SampleEntries.FirstOrDefault() as AudioSampleEntry;
            long samplesPerFrame = entry?.SamplesPerPacket ?? 0;
            long bytesPerFrame = entry?.BytesPerFrame ?? 0;
            int bits = PcmBits(Codec, entry);
            long sampleSize = bits > 0 ? (bits >> 3) * Math.Max(1, (long)(entry?.ChannelCount ?? 1)) : stsz.ConstantSampleSize;
            _result.MoovRules = FfmpegRule.PcmRegrouped;
            long dts = 0;
            long stscIndex = 0;
            for (long chunk = 0; chunk < chunks.Length; chunk++)
            {
                while (stscIndex + 1 < stsc.Length && chunk + 1 == stsc[stscIndex + 1].First) stscIndex++;
                long position = chunks[chunk];
                Origins.BeginRun(position, dts, stsc[stscIndex].Id, chunk + 1, null);
                long left = stsc[stscIndex].Count;
                while (left > 0)
                {
                    long count, size;
                    if (samplesPerFrame >= 160)
                    {
                        count = samplesPerFrame;
                        size = bytesPerFrame;
                    }
                    else if (samplesPerFrame > 1)
                    {
                        count = Math.Min(1024 / samplesPerFrame * samplesPerFrame, left);
                        size = count / samplesPerFrame * bytesPerFrame;
                    }
                    else
                    {
                        count = Math.Min(1024, left);
                        size = count * sampleSize;
                    }
                    if (count <= 0) break;
                    if (size > MaxSampleSize) return;
                    _budget.Take(_track, stsz);
                    int packet = Origins.AddMoov(checked((uint)size), checked((uint)count));
                    Entries.Add(new FfmpegIndexEntry(dts, packet, EntryFlags.Key));
                    position = checked(position + size);
                    dts = checked(dts + count);
                    left -= count;
                }
            }
            _result.KeySource = "every PCM packet is K";
        }

        private static int PcmBits(string codec, AudioSampleEntry? entry) => codec switch
        {
            "sowt" or "twos" => 16,
            "in24" => 24,
            "in32" or "fl32" => 32,
            "fl64" => 64,
            "raw " or "ulaw" or "alaw" => 8,
            "lpcm" or "ipcm" or "fpcm" => entry?.SampleSize ?? 0,
            _ => 0,
        };

        /// <summary>
        /// ctts as ffmpeg reads it: counts and offsets signed; non-positive counts dropped; an offset beyond
        /// 2^28 (before the last two entries) drops the table; dts_shift from negative offsets, last two entries
        /// excepted. Returns whether offsets are used, the shift, whether the table was dropped and how many
        /// samples its runs describe.
        /// </summary>
        private static (bool HasOffsets, long DtsShift, bool Dropped, long Samples) ScanCtts(StoredPairs stored)
        {
            if (stored.Length == 0) return (false, 0, false, 0);
            long shift = 0, samples = 0;
            long n = stored.Length;
            for (long i = 0; stored.Next(out uint rawCount, out uint rawOffset); i++)
            {
                int count = unchecked((int)rawCount);
                int offset = unchecked((int)rawOffset);
                if (count <= 0) continue;
                samples += count;
                if (Math.Abs((long)offset) > CttsLimit && i + 2 < n) return (false, shift, true, 0);
                if (i + 2 < n && offset < 0) shift = Math.Max(shift, offset == int.MinValue ? int.MaxValue : -(long)offset);
            }
            return (true, shift, false, samples);
        }

        /// <summary>ffmpeg's expanded ctts: one offset per sample from the runs with a positive count, <paramref name="count"/> in all.</summary>
        private static SegmentedList<int> ExpandCtts(StoredPairs stored, long count)
        {
            var offsets = new SegmentedList<int>();
            stored.Rewind();
            while (offsets.Count < count && stored.Next(out uint rawCount, out uint rawOffset))
            {
                int runCount = unchecked((int)rawCount);
                int offset = unchecked((int)rawOffset);
                for (long i = 0; i < runCount && offsets.Count < count; i++) offsets.Add(offset);
            }
            return offsets;
        }

        /// <summary>
        /// stts as ffmpeg reads it, run by run: a delta too large to be real is a negative one, clipped to 1 and
        /// absorbed by later deltas.
        /// </summary>
        private sealed class NormalisedStts
        {
            private readonly StoredPairs _stored;
            private long _current;
            private long _corrected;
            private long _read;

            public NormalisedStts(StoredPairs stored)
            {
                _stored = stored;
                _stored.Rewind();
            }

            public long Length => _stored.Length;

            /// <summary>True when a run follows the one read last (ffmpeg's walk stays on the last run).</summary>
            public bool HasNext => _read < _stored.Length;

            public bool Next(out long count, out long delta, out uint stored)
            {
                if (!_stored.Next(out uint rawCount, out stored))
                {
                    count = delta = 0;
                    return false;
                }
                _read++;
                count = rawCount;
                delta = stored;
                if (delta > MaxSttsDelta)
                {
                    int magnitude = unchecked((int)stored);
                    delta = 1;
                    _corrected += (magnitude < 0 ? magnitude : 1) * count;
                }
                else
                {
                    _corrected += delta * count;
                }
                _current += delta * count;
                if (_current > _corrected)
                {
                    long drift = (_current - _corrected) / Math.Max(count, 1);
                    long correction = delta > drift ? drift : delta - 1;
                    _current -= correction * count;
                    delta -= correction;
                }
                count = (uint)count;
                delta = (uint)delta;
                return true;
            }
        }

        /// <summary>
        /// The 'rap ' sample group as ffmpeg's index walk reads it: the last sbgp of that type with entries; a
        /// sample in a run whose group description index is above 0 is a key frame. Like ffmpeg, a run of zero
        /// samples is never left, so every later sample gets its index.
        /// </summary>
        private sealed class RapGroups
        {
            private readonly StoredPairs? _runs;
            private long _left;
            private uint _count;
            private uint _index;
            private uint _taken;

            public RapGroups(Stream stream, string? source, IReadOnlyList<SampleToGroupBox> groups)
            {
                SampleToGroupBox? box = groups.LastOrDefault(g => g.GroupingType == "rap " && g.EntryCount > 0);
                if (box is null) return;
                _runs = new StoredPairs(stream, source, box);
                _left = _runs.Length;
                Present = NextRun();
            }

            public bool Present { get; }

            /// <summary>Whether the next sample is in a random-access group.</summary>
            public bool Next()
            {
                if (_runs is null || _left < 0) return false;
                bool key = _index > 0;
                if (++_taken == _count && !NextRun()) _left = -1;
                return key;
            }

            private bool NextRun()
            {
                _taken = 0;
                if (_left == 0 || !_runs!.Next(out _count, out _index)) return false;
                _left--;
                return true;
            }
        }

        // ---- edit list --------------------------------------------------------------------------

        /// <summary>time_offset: what the edit list subtracts from fragment decode times.</summary>
        private void ComputeTimeOffset()
        {
            var edits = _edits;
            if (edits.Count == 0) return;
            long empty = 0, start = 0;
            int startEntry = 0;
            for (int i = 0; i < edits.Count; i++)
            {
                if (i == 0 && edits[i].MediaTime == -1)
                {
                    empty = edits[i].SegmentDuration;
                    startEntry = 1;
                }
                else if (i == startEntry && edits[i].MediaTime >= 0)
                {
                    start = edits[i].MediaTime;
                }
            }
            _result.FirstMediaTime = edits.FirstOrDefault(e => e.MediaTime != -1)?.MediaTime;
            if ((empty != 0 || start != 0) && MovieTimescale > 0)
            {
                _result.TimeOffset = start - Rescale(empty, _result.TimeBase, MovieTimescale);
            }
        }

        /// <summary>
        /// mov_fix_index: rebuilds the index edit by edit. With one edit (after any leading empty ones) every
        /// entry it writes comes from an entry at or after it, so the index is rebuilt in place, as compact as
        /// before; edits that show samples again need a second index.
        /// </summary>
        private void FixIndex()
        {
            SegmentedList<FfmpegIndexEntry> old = Entries.Moov;
            SegmentedList<int>? oldCto = _result.Offsets;
            bool inPlace = _edits.SkipWhile(e => e.MediaTime == -1).Count() <= 1;
            SegmentedList<FfmpegIndexEntry> fresh = inPlace ? old : new SegmentedList<FfmpegIndexEntry>();
            SegmentedList<int>? freshCto = oldCto is null ? null : inPlace ? oldCto : new SegmentedList<int>();
            int written = 0, writtenCto = 0;
            int oldCount = old.Count;
            long dtsShift = _result.DtsShift;
            long timescale = _result.TimeBase;
            long editEnd = dtsShift > 0 ? -dtsShift : 0;
            long emptySum = 0;
            bool seenNonEmpty = false;
            int audioEdit = -1;
            long skip = 0;
            long minPts = -1;
            bool vorbis = Codec == "vorb";
            var shown = new BitSet(Origins.MoovCount);
            if (_edits.Count > FfmpegIndexEntry.MaxEdit)
            {
                throw new Mp4FormatException(Mp4ErrorKind.InvalidField, _track.Path, _track.EditListBoxPath, _track.EditListOffset,
                    $"track {_track.TrackId} has {_edits.Count} edits; the ffmpeg model follows at most {FfmpegIndexEntry.MaxEdit}");
            }

            for (int e = 0; e < _edits.Count; e++)
            {
                EditListEntry edit = _edits[e];
                long duration = MovieTimescale > 0 ? Rescale(edit.SegmentDuration, timescale, MovieTimescale) : 0;
                long mediaTime = edit.MediaTime;
                if (duration + (double)mediaTime > long.MaxValue) duration = 0;
                long counter = editEnd;
                if (editEnd > long.MaxValue - duration) break;
                editEnd += duration;
                if (!seenNonEmpty && mediaTime == -1)
                {
                    emptySum += duration;
                    continue;
                }
                seenNonEmpty = true;
                if (_result.IsAudio)
                {
                    audioEdit = audioEdit < 0 ? 1 : 0;
                    if (audioEdit == 1) skip = 0;
                }

                long search = mediaTime;
                if (_result.IsAudio) search = Math.Max(mediaTime - timescale, old[0].Ts);
                int index = FindPrevClosest(old, oldCount, oldCto, search, keyFramesOnly: true, dtsShift);
                if (index < 0) index = FindPrevClosest(old, oldCount, oldCto, search, keyFramesOnly: false, dtsShift);
                if (index < 0) index = 0;

                bool started = false;
                bool keyAfterEndSeen = false;
                var pending = new List<long>();
                for (int i = index; i < oldCount; i++)
                {
                    FfmpegIndexEntry current = old[i];
                    long frameDuration = i + 1 < oldCount ? old[i + 1].Ts - current.Ts : duration;
                    EntryFlags flags = current.Flags;
                    long cts = current.Ts + dtsShift;
                    long offset = 0;
                    if (oldCto is not null && i < oldCto.Count)
                    {
                        offset = oldCto[i];
                        cts += offset;
                        Append(freshCto!, ref writtenCto, (int)offset);
                    }
                    if (cts < mediaTime || cts >= mediaTime + duration)
                    {
                        if (_result.IsAudio && !vorbis && audioEdit == 1 && cts < mediaTime && cts + frameDuration > mediaTime)
                        {
                            long part = mediaTime - cts;
                            skip += part;
                            counter -= part;
                            flags |= EntryFlags.PartlySkipped;
                            if (!started)
                            {
                                started = true;
                                RewriteBack(fresh, written, counter, pending);
                                pending.Clear();
                            }
                        }
                        else
                        {
                            flags |= EntryFlags.Discard | EntryFlags.OutsideEdit;
                            if (!started)
                            {
                                pending.Add(frameDuration);
                                if (_result.IsAudio && audioEdit == 1 && !vorbis) skip += frameDuration;
                            }
                        }
                    }
                    else
                    {
                        long value = counter + offset + dtsShift;
                        minPts = minPts < 0 ? value : Math.Min(minPts, value);
                        if (!started)
                        {
                            started = true;
                            RewriteBack(fresh, written, counter, pending);
                            pending.Clear();
                        }
                    }
                    if (current.Sample < shown.Length)
                    {
                        if (shown[current.Sample]) flags |= EntryFlags.Repeated;
                        shown[current.Sample] = true;
                    }
                    _budget.TakeEdited(_track);
                    var copy = new FfmpegIndexEntry(counter, current.Sample, flags) { Edit = e + 1 };
                    Append(fresh, ref written, copy);
                    if (started) counter += frameDuration;
                    if (cts + frameDuration >= mediaTime + duration && ((flags & EntryFlags.Key) != 0 || _result.IsAudio))
                    {
                        if (oldCto is not null && !_result.IsAudio && !keyAfterEndSeen)
                        {
                            keyAfterEndSeen = true;
                            continue;
                        }
                        break;
                    }
                }
            }

            if (inPlace)
            {
                fresh.Truncate(written);
                freshCto?.Truncate(writtenCto);
            }
            minPts -= emptySum;
            if (_result.IsVideo && minPts > 0)
            {
                for (int k = 0; k < fresh.Count; k++) fresh[k].Ts -= minPts;
                _result.VideoStartShift = minPts;
            }
            _result.DroppedSamples = shown.CountClear();
            _result.StartTime = emptySum;
            _result.EmptyEditTicks = emptySum;
            _result.SkipSamples = skip;
            _result.EditListApplied = true;
            if (!inPlace) Entries.ReplaceMoov(fresh);
            _result.Offsets = freshCto;
        }

        /// <summary>Writes the next rebuilt entry: over the old one in place (never ahead of the one being read), or at the end of a new index.</summary>
        private static void Append<T>(SegmentedList<T> list, ref int written, in T item) where T : struct
        {
            if (written < list.Count) list[written] = item;
            else list.Add(item);
            written++;
        }

        /// <summary>The discarded run before an edit's first shown sample gets times counting back from where the edit starts.</summary>
        private static void RewriteBack(SegmentedList<FfmpegIndexEntry> entries, int written, long end, List<long> durations)
        {
            for (int k = 0; k < durations.Count; k++)
            {
                end -= durations[durations.Count - 1 - k];
                entries[written - 1 - k].Ts = end;
            }
        }

        /// <summary>find_prev_closest_index: the entry to start an edit from.</summary>
        private static int FindPrevClosest(SegmentedList<FfmpegIndexEntry> entries, int count, SegmentedList<int>? cto, long target, bool keyFramesOnly, long dtsShift)
        {
            if (dtsShift > 0) target -= dtsShift;
            int index = SearchBackward(entries, count, target, keyFramesOnly);
            if (index >= 0)
            {
                for (int i = index; i > 0 && entries[i].Ts == entries[i - 1].Ts; i--)
                {
                    if (!keyFramesOnly || entries[i - 1].Is(EntryFlags.Key)) index = i - 1;
                }
            }
            if (cto is not null && index >= 0)
            {
                while (index >= 0 && index < cto.Count)
                {
                    if (entries[index].Ts + cto[index] <= target && entries[index].Is(EntryFlags.Key)) break;
                    index--;
                }
            }
            return index;
        }

        /// <summary>ff_index_search_timestamp, backward: the last entry at or before the target (bisection as ffmpeg does it).</summary>
        private static int SearchBackward(SegmentedList<FfmpegIndexEntry> entries, int count, long target, bool keyFramesOnly)
        {
            int a = -1, b = count;
            if (count > 0 && entries[count - 1].Ts < target) a = count - 1;
            while (b - a > 1)
            {
                int m = (a + b) >> 1;
                while (entries[m].Is(EntryFlags.Discard) && m < b && m < count - 1)
                {
                    m++;
                    if (m == b && entries[m].Ts >= target)
                    {
                        m = b - 1;
                        break;
                    }
                }
                long ts = entries[m].Ts;
                if (ts >= target) b = m;
                if (ts <= target) a = m;
            }
            int found = a;
            if (keyFramesOnly)
            {
                while (found >= 0 && found < count && !entries[found].Is(EntryFlags.Key)) found--;
            }
            return found == count ? -1 : found;
        }

        // ---- fragments ----------------------------------------------------------------------------

        private void AddFragments()
        {
            TrackExtendsBox? trex = _tables.Extends;
            if (trex is null) return;
            long timeOffset = _result.TimeOffset;
            long rawDecode = Origins.MoovEnd();
            Box? lastMoof = null;
            long? lastTs = Entries.Count > 0 ? Entries[Entries.Count - 1].Ts : (long?)null;
            foreach (Box moof in _movie.MovieFragments())
            {
                lastMoof = moof;
                uint? sequence = moof.Child<MovieFragmentHeaderBox>()?.SequenceNumber;
                long implicitBase = moof.Offset;
                foreach (Box traf in moof.Children.Where(c => c.Type == "traf"))
                {
                    TrackFragmentHeaderBox? tfhd = traf.Child<TrackFragmentHeaderBox>();
                    if (tfhd is null) continue;
                    long dataBase = tfhd.BaseDataOffset ?? (tfhd.DefaultBaseIsMoof ? moof.Offset : implicitBase);
                    var truns = traf.ChildrenOf<TrackRunBox>().ToList();
                    if (tfhd.TrackId != _track.TrackId)
                    {
                        implicitBase = DataEndOf(truns, dataBase, tfhd);
                        continue;
                    }
                    long defaultDuration = tfhd.DefaultSampleDuration ?? trex.DefaultSampleDuration;
                    long defaultSize = tfhd.DefaultSampleSize ?? trex.DefaultSampleSize;
                    uint defaultFlags = tfhd.DefaultSampleFlags ?? trex.DefaultSampleFlags;
                    uint description = tfhd.SampleDescriptionIndex ?? trex.DefaultSampleDescriptionIndex;
                    TrackFragmentDecodeTimeBox? tfdt = traf.Child<TrackFragmentDecodeTimeBox>();
                    long? nextTrunDts = null;
                    if (tfdt is not null) rawDecode = tfdt.BaseMediaDecodeTime;
                    foreach (TrackRunBox trun in truns)
                    {
                        long dts = nextTrunDts.HasValue ? nextTrunDts.Value - timeOffset
                            : tfdt is not null ? tfdt.BaseMediaDecodeTime - timeOffset
                            : _trackEnd - timeOffset;
                        long? previousTs = lastTs;
                        long position = dataBase + (trun.DataOffset ?? 0);
                        // Within a trun the timestamps and the stored decode times run on by the same durations.
                        Origins.BeginRun(position, rawDecode, description, 0, sequence, indexTsShift: unchecked(dts - rawDecode));
                        var records = new TrunCursor(_movie.Reader, trun);
                        for (long i = 0; i < trun.SampleCount; i++)
                        {
                            records.Next();
                            uint flags = records.Flags ?? (i == 0 && trun.FirstSampleFlags.HasValue ? trun.FirstSampleFlags.Value : defaultFlags);
                            long duration = records.Duration ?? defaultDuration;
                            long size = records.Size ?? defaultSize;
                            int cts = (int)(records.CompositionOffset ?? 0);
                            if (size == 0) break;
                            _budget.Take(_track, trun);
                            if (cts < 0) _result.DtsShift = Math.Max(_result.DtsShift, -(long)cts);
                            bool key = (_result.IsAudio && _behaviour.FragmentAudioAlwaysKey) || (flags & 0x01010000) == 0;
                            EntryFlags entryFlags = key ? EntryFlags.Key : EntryFlags.None;
                            if (previousTs.HasValue && previousTs.Value >= dts) entryFlags |= EntryFlags.Discard | EntryFlags.FragmentOverlap;
                            if (_result.FragmentOffsetsStart < 0)
                            {
                                // ctts_data goes on with the fragment samples' offsets (kept by Origins): where there was
                                // none, the entries before them get offset 0.
                                if (_result.Offsets is null)
                                {
                                    _result.Offsets = new SegmentedList<int>();
                                    for (int k = 0; k < Entries.Count; k++) _result.Offsets.Add(0);
                                }
                                _result.FragmentOffsetsStart = _result.Offsets.Count;
                            }
                            int sample = Origins.AddFragment((uint)size, (uint)duration, cts);
                            Entries.AddFragment(sample, entryFlags);
                            lastTs = dts;
                            position = checked(position + size);
                            dts = checked(dts + duration);
                            rawDecode = checked(rawDecode + duration);
                        }
                        nextTrunDts = dts + timeOffset;
                        implicitBase = position;
                        _trackEnd = dts + timeOffset;
                    }
                }
            }
            _result.EncryptionInfoLimit = EncryptionInfoLimit(lastMoof);
        }

        /// <summary>
        /// ffmpeg looks up a fragmented packet's encryption info in the fragment it parsed last, by the packet's
        /// index in the whole stream; past that fragment's senc count the lookup fails. It does so only when the
        /// last track fragment parsed (of any track) uses sample description 1.
        /// </summary>
        private long? EncryptionInfoLimit(Box? lastMoof)
        {
            if (lastMoof is null) return null;
            var trafs = lastMoof.Children.Where(c => c.Type == "traf").ToList();
            if (trafs.Count == 0) return null;
            TrackFragmentHeaderBox? lastTfhd = trafs[trafs.Count - 1].Child<TrackFragmentHeaderBox>();
            uint lastDescription = lastTfhd?.SampleDescriptionIndex ?? (lastTfhd is null ? 0 : _movie.ExtendsOf(lastTfhd.TrackId)?.DefaultSampleDescriptionIndex ?? 0);
            if (lastDescription != 1) return null;
            Box? own = trafs.LastOrDefault(t => t.Child<TrackFragmentHeaderBox>()?.TrackId == _track.TrackId);
            SampleEncryptionBox? senc = own?.Child<SampleEncryptionBox>();
            return senc is { SampleCount: > 0 } ? senc.SampleCount : (long?)null;
        }

        /// <summary>
        /// Where another track's fragment data ends: the implicit base of the next track fragment. Like ffmpeg,
        /// every trun starts at the base plus its data_offset (0 when absent).
        /// </summary>
        private long DataEndOf(List<TrackRunBox> truns, long dataBase, TrackFragmentHeaderBox tfhd)
        {
            long position = dataBase;
            long defaultSize = tfhd.DefaultSampleSize ?? _movie.ExtendsOf(tfhd.TrackId)?.DefaultSampleSize ?? 0;
            foreach (TrackRunBox trun in truns)
            {
                position = dataBase + (trun.DataOffset ?? 0);
                if ((trun.Flags & TrackRunBox.SampleSizePresent) == 0)
                {
                    // Every sample has the default size: the sum in one step (wrapping as the loop would),
                    // not a walk over a count that no bytes back.
                    position = unchecked(position + trun.SampleCount * defaultSize);
                    continue;
                }
                var records = new TrunCursor(_movie.Reader, trun);
                for (long i = 0; i < trun.SampleCount; i++)
                {
                    records.Next();
                    position += records.Size ?? defaultSize;
                }
            }
            return position;
        }

        // ---- packets ------------------------------------------------------------------------------

        /// <summary>
        /// Settles what only the whole track tells: whether every packet is K, the K the codec's bitstream
        /// parser gives (read from the sample data, once), that every pts fits 64 bits, and the start time.
        /// </summary>
        private void Finish()
        {
            bool alwaysKey = (!_result.IsAudio && !_result.IsVideo) || (IntraOnly.Contains(Codec) && (_behaviour.AacIsIntraOnly || !IsAac()));
            bool emptyStss = _result.IsVideo && _tables.SyncSamples is { EntryCount: 0 };
            bool parserKey = !alwaysKey && _result.IsVideo && (ParserVideo.Contains(Codec) || emptyStss);
            _result.AlwaysKey = alwaysKey;
            _result.DtsFollowsPts = _result.IsVideo && !(Codec is "avc1" or "avc3" or "hvc1" or "hev1");
            KeyFrameProbe? probe = parserKey ? new KeyFrameProbe(_movie.Stream, _tables.SampleEntries, _tables.NalUnitLengthSize) : null;
            if (alwaysKey) _result.KeySource = "every packet is K (an intra-only codec, or a data or subtitle stream)";
            else if (parserKey) _result.KeySource = $"ffmpeg's {Codec} parser takes K from the bitstream (IDR, recovery point, key frame header)" + (emptyStss ? ", since stss is empty" : "");

            long end = 0;
            for (int k = 0; k < Entries.Count; k++)
            {
                _result.CheckedPts(k);
                FfmpegIndexEntry entry = Entries[k];
                SampleOrigin origin = Origins[entry.Sample];
                end = Math.Max(end, origin.Position + origin.Size);
                if (probe is null) continue;
                bool? parsed = probe.IsKeyFrame(Codec, origin.Position, origin.Size);
                if (parsed.HasValue) Entries.SetFlags(k, (entry.Flags & ~EntryFlags.Key) | (parsed.Value ? EntryFlags.Key : 0) | EntryFlags.ParserKey);
            }
            _result.DataEnd = end;
            if (_result.StartTime is null && Entries.Count > 0)
            {
                FfmpegPacket first = _result.IsVideo ? _result.Packets.FirstOrDefault(p => !p.Discard) : _result.Packets[0];
                if (!_result.IsVideo || !first.Discard) _result.StartTime = first.Pts;
            }
        }

        /// <summary>
        /// mov_build_index (6.1 and later, <see cref="FfmpegBehaviour.FragmentedAacEditIsPriming"/>): a track with no stts
        /// entries (a fragmented one) is read without ffmpeg's advanced edit list, and the media_time of its one edit (after a
        /// leading empty edit) becomes its start padding. Null when that does not apply.
        /// </summary>
        private long? EditPriming()
        {
            if (!_behaviour.FragmentedAacEditIsPriming || (_tables.TimeToSample?.EntryCount ?? 0) != 0) return null;
            int first = _edits.Count > 0 && _edits[0].MediaTime == -1 ? 1 : 0;
            if (_edits.Count != first + 1 || _edits[first].MediaTime <= 0) return null;
            return _edits[first].MediaTime;
        }

        /// <summary>
        /// Start padding (from the edit list of a fragmented track, or from an iTunes gapless entry, iTunSMPB, read after the
        /// trak, which replaces what the edit list gave): for AAC, mov_read_header makes it the first packet's Skip Samples,
        /// and the stream's start time (libavformat's update_initial_timestamps) is the first packet's pts plus that many samples.
        /// </summary>
        private void ApplySkipSamples(long priming)
        {
            _result.SkipSamples = priming;
            if (_result.Packets.Count == 0) return;
            double rate = (_tables.SampleEntries.FirstOrDefault() as AudioSampleEntry)?.SampleRate ?? 0;
            long sampleRate = rate >= 1 ? (long)rate : _result.TimeBase;
            _result.StartTime = checked(_result.Packets[0].Pts + Rescale(priming, _result.TimeBase, sampleRate));
        }

        /// <summary>mp4a carrying AAC (not MP3 or MPEG-1/2 audio, which its esds object type can name).</summary>
        private bool IsAac()
        {
            if (Codec != "mp4a") return false;
            ElementaryStreamDescriptorBox? esds = _tables.SampleEntries.FirstOrDefault()?.Child<ElementaryStreamDescriptorBox>();
            return esds is null || !(esds.ObjectTypeIndication is 0x69 or 0x6B);
        }

        /// <summary>av_rescale: a * b / c rounded to the nearest integer, halves away from zero.</summary>
        internal static long Rescale(long a, long b, long c)
        {
            decimal exact = (decimal)a * b / c;
            decimal rounded = Math.Round(exact, MidpointRounding.AwayFromZero);
            return rounded > long.MaxValue ? long.MaxValue : rounded < long.MinValue ? long.MinValue : (long)rounded;
        }

    }
}
