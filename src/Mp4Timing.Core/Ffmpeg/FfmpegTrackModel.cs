using System;
using System.Collections.Generic;
using System.Linq;
using Mp4Timing.Boxes;
using Mp4Timing.Timing;

namespace Mp4Timing.Ffmpeg
{
    /// <summary>What the ffmpeg model predicts for one track, with the numbers that explain it.</summary>
    internal sealed class FfmpegTrackResult
    {
        public FfmpegTrackResult(Mp4Track track) => Track = track;

        public Mp4Track Track { get; }

        /// <summary>ffmpeg's stream time base is 1/TimeBase (the mdhd timescale, or 1 when ffmpeg rejects it).</summary>
        public uint TimeBase { get; set; }

        public List<FfmpegPacket> Packets { get; } = new List<FfmpegPacket>();

        public bool IsAudio { get; set; }

        public bool IsVideo { get; set; }

        /// <summary>The stream start time ffprobe reports (start_pts), when the model knows it.</summary>
        public long? StartTime { get; set; }

        /// <summary>"Skip Samples" side data on the first packet (audio edit lists).</summary>
        public long SkipSamples { get; set; }

        /// <summary>The shift for negative composition offsets (moov samples: taken off dts; fragments: added to pts).</summary>
        public long DtsShift { get; set; }

        /// <summary>The edit list's offset applied to fragment decode times.</summary>
        public long TimeOffset { get; set; }

        /// <summary>The shift applied to all video timestamps so the first shown frame starts at the edit start.</summary>
        public long VideoStartShift { get; set; }

        /// <summary>The leading empty edits, in media ticks.</summary>
        public long EmptyEditTicks { get; set; }

        /// <summary>The first non-empty edit's media_time, if any.</summary>
        public long? FirstMediaTime { get; set; }

        /// <summary>True when mov_fix_index ran (an edit list and samples in moov).</summary>
        public bool EditListApplied { get; set; }

        /// <summary>Where K comes from: "stss", "always (intra-only codec)", "the H.264 bitstream"...</summary>
        public string KeySource { get; set; } = "K comes from stss";

        /// <summary>
        /// For encrypted fragmented tracks: the packet index at which ffmpeg's decryption-info lookup fails
        /// (it counts the packet's index in the whole stream against the sample count of the last fragment's
        /// senc), which ends ffprobe's reading. Null when no such limit applies.
        /// </summary>
        public long? EncryptionInfoLimit { get; set; }

        /// <summary>Samples that ffmpeg leaves out of its index (before the key frame an edit starts from, or after the edit's end).</summary>
        public long DroppedSamples { get; set; }
    }

    /// <summary>
    /// A model of how ffmpeg 5.1's MP4/MOV demuxer (libavformat/mov.c with the generic demux layer)
    /// turns a track's tables into packets: mov_build_index, mov_fix_index, the trun reader, and the
    /// key-frame and timestamp fix-ups that ffprobe -show_packets shows. Written from a description
    /// of the behaviour, checked packet by packet against ffprobe.
    /// </summary>
    internal sealed class FfmpegTrackModel
    {
        private const byte KeyFlag = 1;
        private const byte DiscardFlag = 2;
        private const uint MaxSttsDelta = uint.MaxValue - 480000;
        private const long CttsLimit = 1L << 28;

        /// <summary>Codecs ffmpeg describes as intra-only: every packet is a key frame whatever stss says.</summary>
        private static readonly HashSet<string> IntraOnly = new HashSet<string>(StringComparer.Ordinal)
        {
            "mp4a", ".mp3", "mp3 ", "Opus", "ac-3", "ec-3", "fLaC", "alac", "samr", "sawb", "sowt", "twos", "lpcm", "ipcm",
            "fpcm", "in24", "in32", "fl32", "fl64", "raw ", "ulaw", "alaw", "ima4", "dtsc", "dtse", "dtsh", "dtsl", "sqcp",
            "Qclp", "QDM2", ".mp2", "enca",
            "apch", "apcn", "apcs", "apco", "ap4h", "ap4x", "mjpa", "mjpb", "jpeg", "png ", "v210", "mjp2", "AVdn", "AVdh",
        };

        /// <summary>Video codecs whose packets go through an ffmpeg parser that sets the key flag from the bitstream.</summary>
        private static readonly HashSet<string> ParserVideo = new HashSet<string>(StringComparer.Ordinal) { "avc1", "avc3", "av01", "vp08", "vp09" };

        private readonly Mp4Movie _movie;
        private readonly TrackTables _tables;
        private readonly Mp4Track _track;
        private readonly FfmpegTrackResult _result;
        private readonly IndexBudget _budget;
        private readonly List<SampleInfo> _samples = new List<SampleInfo>();
        private List<Entry> _entries = new List<Entry>();
        private List<long>? _cto;
        private long _trackEnd;

        public FfmpegTrackModel(Mp4Movie movie, Mp4Track track, IndexBudget budget)
        {
            _movie = movie;
            _budget = budget;
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
        }

        private long MovieTimescale => !_movie.HasMovieHeader ? 0 : _movie.Timescale == 0 || _movie.Timescale > int.MaxValue ? 1 : _movie.Timescale;

        private string Codec => _track.Codec;

        public FfmpegTrackResult Build()
        {
            BuildIndex();
            ComputeTimeOffset();
            if (_track.Edits.Count > 0 && _entries.Count > 0)
            {
                FixIndex();
            }
            if (_result.StartTime is null && _result.IsVideo && _entries.Count > 0)
            {
                _result.StartTime = checked(_entries[0].Ts + _result.DtsShift + (_cto is { Count: > 0 } ? _cto[0] : 0));
            }
            if (_movie.IsFragmented) AddFragments();
            MakePackets();
            return _result;
        }

        // ---- mov_build_index ------------------------------------------------------------------

        private void BuildIndex()
        {
            var arrays = new TableArrays(_movie.Stream, _movie.Path);
            (uint Count, uint Delta)[] storedStts = arrays.Pairs(_tables.TimeToSample);
            _trackEnd = 0;
            var stts = NormaliseStts(storedStts);
            foreach (var run in stts) _trackEnd = checked(_trackEnd + (long)run.Count * run.Delta);

            (uint Count, uint Offset)[] storedCtts = arrays.Pairs(_tables.CompositionOffsets);
            var (ctts, dtsShift, dropped) = ReadCtts(storedCtts);
            _result.DtsShift = dtsShift;

            SampleSizeBox? stsz = _tables.SampleSizes;
            long sampleCount = stsz?.SampleCount ?? 0;
            if (sampleCount == 0 || _tables.TimeToSample is null || _tables.SampleToChunk is null || _tables.ChunkOffsets is null)
            {
                // No samples, or a "broken" track: ffmpeg gives it no index at all.
                return;
            }
            var chunks = arrays.ChunkOffsets(_tables.ChunkOffsets);
            var stsc = CleanStsc(arrays.SampleToChunk(_tables.SampleToChunk));
            if (stsc.Length == 0) return;
            uint[] sizes = arrays.Sizes(stsz!);

            if (_result.IsAudio && stts.Length == 1 && stts[0].Delta == 1)
            {
                BuildPcmChunks(chunks, stsc, stsz!);
                return;
            }

            uint[] stss = arrays.Words(_tables.SyncSamples);
            uint[] stps = arrays.Words(_tables.PartialSyncSamples);
            bool keyframeAbsent = _tables.SyncSamples is not null && stss.Length == 0;
            int keyOffset = (stss.Length > 0 && stss[0] > 0) || (stps.Length > 0 && stps[0] > 0) ? 1 : 0;
            Func<long, bool> rapGroup = RapGroups(arrays);

            if (ctts is not null)
            {
                // ffmpeg expands ctts to one offset per sample, up to the sample count: a claim, checked before the expansion.
                _budget.Check(_track, _tables.CompositionOffsets!, Math.Min(sampleCount, ctts.Sum(run => run.Count)));
                _cto = new List<long>();
                foreach (var (count, offset) in ctts)
                {
                    for (long i = 0; i < count && _cto.Count < sampleCount; i++) _cto.Add(offset);
                    if (_cto.Count >= sampleCount) break;
                }
            }

            long dts = -dtsShift;
            long rawDecode = 0;
            int sttsIndex = 0;
            long sttsSample = 0;
            var storedDeltas = new StoredRuns(storedStts, signed: false);
            var storedOffsets = new StoredRuns(storedCtts, signed: true);
            int stssIndex = 0, stpsIndex = 0, stscIndex = 0;
            long sample = 0;
            bool clipped = storedStts.Any(r => r.Delta > MaxSttsDelta);
            for (int chunk = 0; chunk < chunks.Length && sample < sampleCount; chunk++)
            {
                while (stscIndex + 1 < stsc.Length && chunk + 1 == stsc[stscIndex + 1].First) stscIndex++;
                long position = chunks[chunk];
                for (long j = 0; j < stsc[stscIndex].Count && sample < sampleCount; j++)
                {
                    bool key = false;
                    if (!keyframeAbsent && (stss.Length == 0 || sample + keyOffset == stss[stssIndex]))
                    {
                        key = true;
                        if (stssIndex + 1 < stss.Length) stssIndex++;
                    }
                    else if (stps.Length > 0 && sample + keyOffset == stps[stpsIndex])
                    {
                        key = true;
                        if (stpsIndex + 1 < stps.Length) stpsIndex++;
                    }
                    if (keyframeAbsent && stps.Length == 0 && (_result.IsAudio || (chunk == 0 && j == 0))) key = true;
                    if (!key && rapGroup(sample)) key = true;

                    _budget.Take(_track, stsz!);
                    long size = stsz!.ConstantSampleSize != 0 ? stsz.ConstantSampleSize : sizes[sample];
                    long delta = stts.Length > 0 ? stts[sttsIndex].Delta : 0;
                    long storedDelta = storedDeltas.Next();
                    _samples.Add(new SampleInfo(rawDecode, storedOffsets.Next(), storedDelta,
                        stsc[stscIndex].Id, chunk + 1, null));
                    _entries.Add(new Entry(dts, key ? KeyFlag : (byte)0, size, position, (int)sample,
                        (dtsShift > 0 ? FfmpegRule.DtsShift : 0) | (clipped ? FfmpegRule.SttsClipped : 0) | (dropped ? FfmpegRule.CttsDropped : 0)));
                    position = checked(position + size);
                    dts = checked(dts + delta);
                    rawDecode = checked(rawDecode + storedDelta);
                    sttsSample++;
                    if (sttsIndex + 1 < stts.Length && sttsSample == stts[sttsIndex].Count)
                    {
                        sttsSample = 0;
                        sttsIndex++;
                    }
                    sample++;
                }
            }
        }

        /// <summary>QuickTime-style PCM (audio with stts [(N, 1)]): packets of up to 1024 samples per chunk.</summary>
        private void BuildPcmChunks(long[] chunks, (uint First, uint Count, uint Id)[] stsc, SampleSizeBox stsz)
        {
            var entry = _tables.SampleEntries.FirstOrDefault() as AudioSampleEntry;
            long samplesPerFrame = entry?.SamplesPerPacket ?? 0;
            long bytesPerFrame = entry?.BytesPerFrame ?? 0;
            int bits = PcmBits(Codec, entry);
            long sampleSize = bits > 0 ? (bits >> 3) * Math.Max(1, (long)(entry?.ChannelCount ?? 1)) : stsz.ConstantSampleSize;
            long dts = 0;
            int stscIndex = 0;
            long sample = 0;
            for (int chunk = 0; chunk < chunks.Length; chunk++)
            {
                while (stscIndex + 1 < stsc.Length && chunk + 1 == stsc[stscIndex + 1].First) stscIndex++;
                long position = chunks[chunk];
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
                    _budget.Take(_track, stsz);
                    _samples.Add(new SampleInfo(dts, 0, count, stsc[stscIndex].Id, chunk + 1, null));
                    _entries.Add(new Entry(dts, KeyFlag, size, position, (int)sample, FfmpegRule.PcmRegrouped));
                    position = checked(position + size);
                    dts = checked(dts + count);
                    left -= count;
                    sample++;
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

        /// <summary>stts as ffmpeg reads it: a delta too large to be real is a negative one, clipped to 1 and absorbed by later deltas.</summary>
        private static (uint Count, uint Delta)[] NormaliseStts((uint Count, uint Delta)[] stored)
        {
            var result = new (uint, uint)[stored.Length];
            long current = 0, corrected = 0;
            for (int i = 0; i < stored.Length; i++)
            {
                long count = stored[i].Count;
                long delta = stored[i].Delta;
                if (delta > MaxSttsDelta)
                {
                    int magnitude = unchecked((int)stored[i].Delta);
                    delta = 1;
                    corrected += (magnitude < 0 ? magnitude : 1) * count;
                }
                else
                {
                    corrected += delta * count;
                }
                current += delta * count;
                if (current > corrected)
                {
                    long drift = (current - corrected) / Math.Max(count, 1);
                    long correction = delta > drift ? drift : delta - 1;
                    current -= correction * count;
                    delta -= correction;
                }
                result[i] = ((uint)count, (uint)delta);
            }
            return result;
        }

        /// <summary>
        /// ctts as ffmpeg reads it: counts and offsets signed; non-positive counts dropped; an offset beyond
        /// 2^28 (before the last two entries) drops the table; dts_shift from negative offsets, last two entries excepted.
        /// </summary>
        private static (List<(long Count, long Offset)>? Runs, long DtsShift, bool Dropped) ReadCtts((uint Count, uint Offset)[] stored)
        {
            if (stored.Length == 0) return (null, 0, false);
            var runs = new List<(long, long)>();
            long shift = 0;
            int n = stored.Length;
            for (int i = 0; i < n; i++)
            {
                int count = unchecked((int)stored[i].Count);
                int offset = unchecked((int)stored[i].Offset);
                if (count <= 0) continue;
                runs.Add((count, offset));
                if (Math.Abs((long)offset) > CttsLimit && i + 2 < n) return (null, shift, true);
                if (i + 2 < n && offset < 0) shift = Math.Max(shift, offset == int.MinValue ? int.MaxValue : -(long)offset);
            }
            return (runs, shift, false);
        }

        /// <summary>stsc as ffmpeg cleans it: an invalid entry takes the place of the next valid one.</summary>
        private static (uint First, uint Count, uint Id)[] CleanStsc((uint First, uint Count, uint Id)[] stored)
        {
            var entries = stored.Select(e => (First: (long)e.First, Count: (long)e.Count, Id: (long)e.Id)).ToList();
            for (int i = entries.Count - 1; i >= 0; i--)
            {
                long firstMin = i + 1;
                var e = entries[i];
                bool invalid = (i + 1 < entries.Count && e.First >= entries[i + 1].First)
                               || (i > 0 && e.First <= entries[i - 1].First)
                               || e.First < firstMin || e.Count < 1 || e.Id < 1;
                if (!invalid) continue;
                if (i + 1 >= entries.Count)
                {
                    if (e.Count == 0 && i > 0)
                    {
                        entries.RemoveAt(i);
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
            return entries.Select(e => ((uint)e.First, (uint)e.Count, (uint)e.Id)).ToArray();
        }

        /// <summary>Samples in a 'rap ' sample group with a description index above 0 are key frames.</summary>
        private Func<long, bool> RapGroups(TableArrays arrays)
        {
            SampleToGroupBox? sbgp = _tables.SampleGroups.FirstOrDefault(g => g.GroupingType == "rap ");
            if (sbgp is null) return _ => false;
            var runs = arrays.Pairs(sbgp);
            var starts = new List<long>();
            var ends = new List<long>();
            long at = 0;
            foreach (var (count, index) in runs)
            {
                if (index > 0 && count > 0)
                {
                    starts.Add(at);
                    ends.Add(at + count);
                }
                at += count;
            }
            // The non-empty runs start at increasing samples and do not overlap: only the last one starting at
            // or before the sample can hold it (a binary search, not a scan of every run for every sample).
            return sample =>
            {
                int found = starts.BinarySearch(sample);
                if (found < 0) found = ~found - 1;
                return found >= 0 && sample < ends[found];
            };
        }

        // ---- edit list --------------------------------------------------------------------------

        /// <summary>time_offset: what the edit list subtracts from fragment decode times.</summary>
        private void ComputeTimeOffset()
        {
            var edits = _track.Edits;
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

        /// <summary>mov_fix_index: rebuilds the index edit by edit.</summary>
        private void FixIndex()
        {
            List<Entry> old = _entries;
            List<long>? oldCto = _cto;
            var fresh = new List<Entry>(old.Count);
            List<long>? freshCto = oldCto is null ? null : new List<long>(oldCto.Count);
            long dtsShift = _result.DtsShift;
            long timescale = _result.TimeBase;
            long editEnd = dtsShift > 0 ? -dtsShift : 0;
            long emptySum = 0;
            bool seenNonEmpty = false;
            int audioEdit = -1;
            long skip = 0;
            long minPts = -1;
            bool vorbis = Codec == "vorb";
            var shown = new bool[_samples.Count];

            for (int e = 0; e < _track.Edits.Count; e++)
            {
                EditListEntry edit = _track.Edits[e];
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
                int index = FindPrevClosest(old, oldCto, search, keyFramesOnly: true, dtsShift);
                if (index < 0) index = FindPrevClosest(old, oldCto, search, keyFramesOnly: false, dtsShift);
                if (index < 0) index = 0;

                bool started = false;
                bool keyAfterEndSeen = false;
                var pending = new List<long>();
                for (int i = index; i < old.Count; i++)
                {
                    Entry current = old[i];
                    long frameDuration = i + 1 < old.Count ? old[i + 1].Ts - current.Ts : duration;
                    byte flags = current.Flags;
                    FfmpegRule rules = current.Rules | FfmpegRule.EditList;
                    long cts = current.Ts + dtsShift;
                    long offset = 0;
                    if (oldCto is not null && i < oldCto.Count)
                    {
                        offset = oldCto[i];
                        cts += offset;
                        freshCto!.Add(offset);
                    }
                    if (cts < mediaTime || cts >= mediaTime + duration)
                    {
                        if (_result.IsAudio && !vorbis && audioEdit == 1 && cts < mediaTime && cts + frameDuration > mediaTime)
                        {
                            long part = mediaTime - cts;
                            skip += part;
                            counter -= part;
                            rules |= FfmpegRule.PartlySkipped;
                            if (!started)
                            {
                                started = true;
                                RewriteBack(fresh, counter, pending);
                                pending.Clear();
                            }
                        }
                        else
                        {
                            flags |= DiscardFlag;
                            rules |= FfmpegRule.Discarded;
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
                            RewriteBack(fresh, counter, pending);
                            pending.Clear();
                        }
                    }
                    if (shown[current.Sample]) rules |= FfmpegRule.Repeated;
                    shown[current.Sample] = true;
                    _budget.TakeEdited(_track);
                    fresh.Add(current.With(counter, flags, rules, e + 1));
                    if (started) counter += frameDuration;
                    if (cts + frameDuration >= mediaTime + duration && ((flags & KeyFlag) != 0 || _result.IsAudio))
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

            minPts -= emptySum;
            if (_result.IsVideo && minPts > 0)
            {
                for (int k = 0; k < fresh.Count; k++) fresh[k] = fresh[k].Shifted(-minPts);
                _result.VideoStartShift = minPts;
            }
            _result.DroppedSamples = shown.LongCount(s => !s);
            _result.StartTime = emptySum;
            _result.EmptyEditTicks = emptySum;
            _result.SkipSamples = skip;
            _result.EditListApplied = true;
            _entries = fresh;
            _cto = freshCto;
        }

        /// <summary>The discarded run before an edit's first shown sample gets times counting back from where the edit starts.</summary>
        private static void RewriteBack(List<Entry> entries, long end, List<long> durations)
        {
            for (int k = 0; k < durations.Count; k++)
            {
                end -= durations[durations.Count - 1 - k];
                int at = entries.Count - 1 - k;
                entries[at] = entries[at].WithTs(end);
            }
        }

        /// <summary>find_prev_closest_index: the entry to start an edit from.</summary>
        private static int FindPrevClosest(List<Entry> entries, List<long>? cto, long target, bool keyFramesOnly, long dtsShift)
        {
            if (dtsShift > 0) target -= dtsShift;
            int index = SearchBackward(entries, target, keyFramesOnly);
            if (index >= 0)
            {
                for (int i = index; i > 0 && entries[i].Ts == entries[i - 1].Ts; i--)
                {
                    if (!keyFramesOnly || (entries[i - 1].Flags & KeyFlag) != 0) index = i - 1;
                }
            }
            if (cto is not null && index >= 0)
            {
                while (index >= 0 && index < cto.Count)
                {
                    if (entries[index].Ts + cto[index] <= target && (entries[index].Flags & KeyFlag) != 0) break;
                    index--;
                }
            }
            return index;
        }

        /// <summary>ff_index_search_timestamp, backward: the last entry at or before the target (bisection as ffmpeg does it).</summary>
        private static int SearchBackward(List<Entry> entries, long target, bool keyFramesOnly)
        {
            int count = entries.Count;
            int a = -1, b = count;
            if (count > 0 && entries[count - 1].Ts < target) a = count - 1;
            while (b - a > 1)
            {
                int m = (a + b) >> 1;
                while ((entries[m].Flags & DiscardFlag) != 0 && m < b && m < count - 1)
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
                while (found >= 0 && found < count && (entries[found].Flags & KeyFlag) == 0) found--;
            }
            return found == count ? -1 : found;
        }

        // ---- fragments ----------------------------------------------------------------------------

        private void AddFragments()
        {
            TrackExtendsBox? trex = _tables.Extends;
            if (trex is null) return;
            long timeOffset = _result.TimeOffset;
            long rawDecode = _samples.Count > 0 ? RawEnd() : 0;
            Box? lastMoof = null;
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
                        long? previousTs = _entries.Count > 0 ? _entries[_entries.Count - 1].Ts : (long?)null;
                        long position = dataBase + (trun.DataOffset ?? 0);
                        var records = new TrunCursor(_movie.Reader, trun);
                        for (long i = 0; i < trun.SampleCount; i++)
                        {
                            records.Next();
                            uint flags = records.Flags ?? (i == 0 && trun.FirstSampleFlags.HasValue ? trun.FirstSampleFlags.Value : defaultFlags);
                            long duration = records.Duration ?? defaultDuration;
                            long size = records.Size ?? defaultSize;
                            long cts = records.CompositionOffset ?? 0;
                            if (size == 0) break;
                            _budget.Take(_track, trun);
                            if (cts < 0) _result.DtsShift = Math.Max(_result.DtsShift, -cts);
                            bool key = _result.IsAudio || (flags & 0x01010000) == 0;
                            byte entryFlags = key ? KeyFlag : (byte)0;
                            FfmpegRule rules = timeOffset != 0 ? FfmpegRule.FragmentTimeOffset : FfmpegRule.None;
                            if (previousTs.HasValue && previousTs.Value >= dts)
                            {
                                entryFlags |= DiscardFlag;
                                rules |= FfmpegRule.FragmentOverlap;
                            }
                                    _cto ??= Enumerable.Repeat(0L, _entries.Count).ToList();
                            _cto.Add(cts);
                            _samples.Add(new SampleInfo(rawDecode, cts, duration, description, 0, sequence));
                            _entries.Add(new Entry(dts, entryFlags, size, position, _samples.Count - 1, rules));
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
            if (_result.DtsShift > 0)
            {
                for (int k = 0; k < _entries.Count; k++)
                {
                    if (_samples[_entries[k].Sample].Fragment.HasValue) _entries[k] = _entries[k].WithRules(_entries[k].Rules | FfmpegRule.FragmentPtsDelay);
                }
            }
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

        private long RawEnd()
        {
            SampleInfo last = _samples[_samples.Count - 1];
            return last.RawDecode + last.RawDuration;
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

        private void MakePackets()
        {
            bool alwaysKey = (!_result.IsAudio && !_result.IsVideo) || IntraOnly.Contains(Codec);
            bool emptyStss = _result.IsVideo && _tables.SyncSamples is { EntryCount: 0 };
            bool parserKey = !alwaysKey && _result.IsVideo && (ParserVideo.Contains(Codec) || emptyStss);
            bool dtsFollowsPts = _result.IsVideo && !(Codec is "avc1" or "avc3" or "hvc1" or "hev1");
            KeyFrameProbe? probe = parserKey ? new KeyFrameProbe(_movie.Stream, _tables.SampleEntries, _tables.NalUnitLengthSize) : null;
            if (alwaysKey) _result.KeySource = "every packet is K (an intra-only codec, or a data or subtitle stream)";
            else if (parserKey) _result.KeySource = $"ffmpeg's {Codec} parser takes K from the bitstream (IDR, recovery point, key frame header)" + (emptyStss ? ", since stss is empty" : "");

            // One packet per index entry, and the entries are in memory already: size the list once.
            if (_result.Packets.Capacity < _result.Packets.Count + _entries.Count) _result.Packets.Capacity = _result.Packets.Count + _entries.Count;
            for (int k = 0; k < _entries.Count; k++)
            {
                Entry entry = _entries[k];
                SampleInfo info = _samples[entry.Sample];
                FfmpegRule rules = entry.Rules;
                long dts = entry.Ts;
                long pts;
                if (_cto is not null && k < _cto.Count)
                {
                    pts = checked(dts + _result.DtsShift + _cto[k]);
                }
                else
                {
                    pts = dts;
                    if (!rules.HasFlag(FfmpegRule.PcmRegrouped)) rules |= FfmpegRule.NoCompositionOffset;
                }
                bool key = (entry.Flags & KeyFlag) != 0;
                if (alwaysKey)
                {
                    key = true;
                    rules |= FfmpegRule.AlwaysKey;
                }
                else if (probe is not null)
                {
                    bool? parsed = probe.IsKeyFrame(Codec, entry.Position, entry.Size);
                    if (parsed.HasValue)
                    {
                        key = parsed.Value;
                        rules |= FfmpegRule.ParserKeyFrame;
                    }
                }
                if (dtsFollowsPts && pts < dts)
                {
                    dts = pts;
                    rules |= FfmpegRule.DtsSetToPts;
                }
                _result.Packets.Add(new FfmpegPacket
                {
                    Sample = entry.Sample + 1,
                    Dts = dts,
                    IndexTs = entry.Ts,
                    Pts = pts,
                    Key = key,
                    Discard = (entry.Flags & DiscardFlag) != 0,
                    Position = entry.Position,
                    Size = entry.Size,
                    Edit = entry.Edit,
                    Rules = rules,
                    RawDecode = info.RawDecode,
                    RawCompositionOffset = info.RawCompositionOffset,
                    RawDuration = info.RawDuration,
                    SampleDescriptionIndex = info.SampleDescriptionIndex,
                    Chunk = info.Chunk,
                    Fragment = info.Fragment,
                });
            }
            if (_result.StartTime is null && _result.Packets.Count > 0)
            {
                FfmpegPacket first = _result.IsVideo ? _result.Packets.FirstOrDefault(p => !p.Discard) : _result.Packets[0];
                if (!_result.IsVideo || !first.Discard) _result.StartTime = first.Pts;
            }
        }

        /// <summary>av_rescale: a * b / c rounded to the nearest integer, halves away from zero.</summary>
        internal static long Rescale(long a, long b, long c)
        {
            decimal exact = (decimal)a * b / c;
            decimal rounded = Math.Round(exact, MidpointRounding.AwayFromZero);
            return rounded > long.MaxValue ? long.MaxValue : rounded < long.MinValue ? long.MinValue : (long)rounded;
        }

        /// <summary>
        /// A run-length table as stored (the ISO reading): one value per sample, zero-count runs passed over.
        /// Past its end the last value repeats for stts and is 0 for ctts, as the raw timeline shows them.
        /// </summary>
        private sealed class StoredRuns
        {
            private readonly (uint Count, uint Value)[] _runs;
            private readonly bool _signed;
            private int _index = -1;
            private long _left;
            private long _value;

            public StoredRuns((uint Count, uint Value)[] runs, bool signed)
            {
                _runs = runs;
                _signed = signed;
            }

            public long Next()
            {
                while (_left == 0 && _index + 1 < _runs.Length)
                {
                    _index++;
                    _left = _runs[_index].Count;
                    _value = _signed ? unchecked((int)_runs[_index].Value) : _runs[_index].Value;
                }
                if (_left > 0)
                {
                    _left--;
                    return _value;
                }
                return _signed ? 0 : _value;
            }
        }

        private readonly struct SampleInfo
        {
            public SampleInfo(long rawDecode, long rawCompositionOffset, long rawDuration, uint sampleDescriptionIndex, long chunk, uint? fragment)
            {
                RawDecode = rawDecode;
                RawCompositionOffset = rawCompositionOffset;
                RawDuration = rawDuration;
                SampleDescriptionIndex = sampleDescriptionIndex;
                Chunk = chunk;
                Fragment = fragment;
            }

            public long RawDecode { get; }

            public long RawCompositionOffset { get; }

            public long RawDuration { get; }

            public uint SampleDescriptionIndex { get; }

            public long Chunk { get; }

            public uint? Fragment { get; }
        }

        private readonly struct Entry
        {
            public Entry(long ts, byte flags, long size, long position, int sample, FfmpegRule rules, int edit = 0)
            {
                Ts = ts;
                Flags = flags;
                Size = size;
                Position = position;
                Sample = sample;
                Rules = rules;
                Edit = edit;
            }

            public long Ts { get; }

            public byte Flags { get; }

            public long Size { get; }

            public long Position { get; }

            /// <summary>0-based index into the sample information.</summary>
            public int Sample { get; }

            public FfmpegRule Rules { get; }

            public int Edit { get; }

            public Entry With(long ts, byte flags, FfmpegRule rules, int edit) => new Entry(ts, flags, Size, Position, Sample, rules, edit);

            public Entry WithTs(long ts) => new Entry(ts, Flags, Size, Position, Sample, Rules, Edit);

            public Entry WithRules(FfmpegRule rules) => new Entry(Ts, Flags, Size, Position, Sample, rules, Edit);

            public Entry Shifted(long by) => new Entry(Ts + by, Flags, Size, Position, Sample, Rules | FfmpegRule.VideoStartShift, Edit);
        }
    }
}
