using System.Collections;
using System.Collections.Generic;
using Mp4Timing.Timing;

namespace Mp4Timing.Ffmpeg
{
    /// <summary>
    /// What the ffmpeg model predicts for one track, with the numbers that explain it. The packets are kept as
    /// ffmpeg keeps its index (<see cref="FfmpegIndexEntry"/>, 28 bytes, plus a 4-byte composition offset);
    /// <see cref="Packets"/> makes each <see cref="FfmpegPacket"/> only when it is asked for.
    /// </summary>
    internal sealed class FfmpegTrackResult
    {
        public FfmpegTrackResult(Mp4Track track)
        {
            Track = track;
            Packets = new FfmpegPacketList(this);
            Index = new FfmpegIndex(Origins);
        }

        public Mp4Track Track { get; }

        /// <summary>ffmpeg's stream time base is 1/TimeBase (the mdhd timescale, or 1 when ffmpeg rejects it).</summary>
        public uint TimeBase { get; set; }

        /// <summary>The packets ffmpeg emits for the track, in order.</summary>
        public FfmpegPacketList Packets { get; }

        public bool IsAudio { get; set; }

        public bool IsVideo { get; set; }

        /// <summary>The stream start time ffprobe reports (start_pts), when the model knows it.</summary>
        public long? StartTime { get; set; }

        /// <summary>"Skip Samples" side data on the first packet (audio edit lists, or an iTunes gapless entry for AAC).</summary>
        public long SkipSamples { get; set; }

        /// <summary>The encoder delay of an iTunes gapless entry (iTunSMPB) that set SkipSamples, else null.</summary>
        public long? GaplessPriming { get; set; }

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

        /// <summary>Why ffmpeg lists the stream but reads no packet of it (chapter titles, data in another file), or null.</summary>
        public string? NoPackets { get; set; }

        // ---- the index -----------------------------------------------------------------------------------

        /// <summary>ffmpeg's index entries, one per packet.</summary>
        internal FfmpegIndex Index { get; }

        /// <summary>
        /// ffmpeg's composition offsets (ctts_data after expansion) of the moov samples, by position: entry k has one when k is
        /// below their count. The fragment samples' offsets follow them (<see cref="FragmentOffsetsStart"/>).
        /// </summary>
        internal SegmentedList<int>? Offsets { get; set; }

        /// <summary>
        /// Where ctts_data goes on with the fragment samples' composition offsets, one per fragment sample in order (read from
        /// <see cref="Origins"/>, which keeps them anyway): -1 when the track has no fragment sample.
        /// </summary>
        internal int FragmentOffsetsStart { get; set; } = -1;

        /// <summary>The stored numbers of the samples the entries come from.</summary>
        internal SampleOrigins Origins { get; } = new SampleOrigins();

        /// <summary>The rules every moov entry shares (dts shift, clipped stts, dropped ctts, regrouped PCM).</summary>
        internal FfmpegRule MoovRules { get; set; }

        /// <summary>Every packet K whatever the index says (intra-only codecs, data and subtitle streams).</summary>
        internal bool AlwaysKey { get; set; }

        /// <summary>The generic demux layer sets dts = pts when pts is lower (codecs without reordering).</summary>
        internal bool DtsFollowsPts { get; set; }

        /// <summary>Where the data of the packets ends: past the end of the file, ffmpeg's reading stops early.</summary>
        internal long DataEnd { get; set; }

        /// <summary>Packets whose data the end of the file cuts short, and the size ffmpeg returns for them.</summary>
        internal Dictionary<int, uint>? CutSizes { get; set; }

        /// <summary>Builds packet <paramref name="k"/> from its index entry.</summary>
        internal FfmpegPacket PacketAt(int k)
        {
            FfmpegIndexEntry entry = Index[k];
            SampleOrigin origin = Origins[entry.Sample];
            FfmpegRule rules = RulesOf(entry);
            long dts = entry.Ts;
            long pts;
            if (TryOffset(k, out int offset))
            {
                pts = dts + DtsShift + offset;
            }
            else
            {
                pts = dts;
                if ((rules & FfmpegRule.PcmRegrouped) == 0) rules |= FfmpegRule.NoCompositionOffset;
            }
            bool key = entry.Is(EntryFlags.Key);
            if (AlwaysKey)
            {
                key = true;
                rules |= FfmpegRule.AlwaysKey;
            }
            else if (entry.Is(EntryFlags.ParserKey))
            {
                rules |= FfmpegRule.ParserKeyFrame;
            }
            if (DtsFollowsPts && pts < dts)
            {
                dts = pts;
                rules |= FfmpegRule.DtsSetToPts;
            }
            return new FfmpegPacket
            {
                Sample = entry.Sample + 1L,
                Dts = dts,
                IndexTs = entry.Ts,
                Pts = pts,
                Key = key,
                Discard = entry.Is(EntryFlags.Discard),
                Position = origin.Position,
                Size = CutSizes is not null && CutSizes.TryGetValue(k, out uint cut) ? cut : origin.Size,
                Edit = entry.Edit,
                Rules = rules,
                RawDecode = origin.RawDecode,
                RawCompositionOffset = origin.RawCompositionOffset,
                RawDuration = origin.RawDuration,
                SampleDescriptionIndex = origin.SampleDescriptionIndex,
                Chunk = origin.Chunk,
                Fragment = origin.Fragment,
            };
        }

        /// <summary>The pts of entry <paramref name="k"/> (checked: a timestamp beyond 64 bits is an error, found while the model is built).</summary>
        internal long CheckedPts(int k)
        {
            long dts = Index[k].Ts;
            return TryOffset(k, out int offset) ? checked(dts + DtsShift + offset) : dts;
        }

        /// <summary>The composition offset ctts_data holds at position <paramref name="k"/>, if it reaches that far.</summary>
        private bool TryOffset(int k, out int offset)
        {
            if (Offsets is not null && k < Offsets.Count)
            {
                offset = Offsets[k];
                return true;
            }
            int fragmentSample = k - FragmentOffsetsStart;
            if (FragmentOffsetsStart >= 0 && fragmentSample < Origins.FragmentCount)
            {
                offset = Origins.FragmentCompositionOffset(fragmentSample);
                return true;
            }
            offset = 0;
            return false;
        }

        private FfmpegRule RulesOf(in FfmpegIndexEntry entry)
        {
            FfmpegRule rules = FfmpegRule.None;
            if (Origins.IsFragment(entry.Sample))
            {
                if (TimeOffset != 0) rules |= FfmpegRule.FragmentTimeOffset;
                if (DtsShift > 0) rules |= FfmpegRule.FragmentPtsDelay;
            }
            else
            {
                rules |= MoovRules;
                if (EditListApplied) rules |= FfmpegRule.EditList | (VideoStartShift > 0 ? FfmpegRule.VideoStartShift : 0);
            }
            if (entry.Is(EntryFlags.OutsideEdit)) rules |= FfmpegRule.Discarded;
            if (entry.Is(EntryFlags.PartlySkipped)) rules |= FfmpegRule.PartlySkipped;
            if (entry.Is(EntryFlags.Repeated)) rules |= FfmpegRule.Repeated;
            if (entry.Is(EntryFlags.FragmentOverlap)) rules |= FfmpegRule.FragmentOverlap;
            if (entry.Is(EntryFlags.CutByEndOfFile)) rules |= FfmpegRule.CutByEndOfFile;
            return rules;
        }
    }

    /// <summary>A track's predicted packets, each made from the index when it is read.</summary>
    internal sealed class FfmpegPacketList : IReadOnlyList<FfmpegPacket>
    {
        private readonly FfmpegTrackResult _track;

        public FfmpegPacketList(FfmpegTrackResult track) => _track = track;

        public int Count => _track.Index.Count;

        public FfmpegPacket this[int index] => _track.PacketAt(index);

        public IEnumerator<FfmpegPacket> GetEnumerator()
        {
            for (int k = 0; k < _track.Index.Count; k++) yield return _track.PacketAt(k);
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
