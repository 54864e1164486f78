using System;
using System.Collections.Generic;
using Mp4Timing.Boxes;
using Mp4Timing.IO;

namespace Mp4Timing.Timing
{
    /// <summary>Where a track's decode time and sample numbering stand between fragments and between piped segments.</summary>
    internal sealed class TrackPosition
    {
        private long _decodeTicks;
        private long _pendingDuration;

        /// <summary>The 1-based number the next sample gets.</summary>
        public long NextSample { get; set; } = 1;

        /// <summary>
        /// The decode time of the next sample: the last one's plus its duration. The sum is made only
        /// when a next sample exists, so a last sample ending past the tick range is not an error.
        /// </summary>
        public long TakeDecodeTime()
        {
            _decodeTicks = checked(_decodeTicks + _pendingDuration);
            _pendingDuration = 0;
            return _decodeTicks;
        }

        /// <summary>Records the duration of the sample just read.</summary>
        public void Advance(long duration) => _pendingDuration = duration;

        /// <summary>True once a sample has been read (the position then knows where the last one ended).</summary>
        public bool HasRead => NextSample > 1;

        /// <summary>The decode time of the last sample read.</summary>
        public long LastDecodeTicks => _decodeTicks;

        /// <summary>The duration of the last sample read.</summary>
        public long LastDurationTicks => _pendingDuration;

        /// <summary>A copy that moves on independently.</summary>
        public TrackPosition Copy() => new TrackPosition { _decodeTicks = _decodeTicks, _pendingDuration = _pendingDuration, NextSample = NextSample };

        /// <summary>Sets the decode time of the next sample (tfdt).</summary>
        public void Reset(long decodeTicks)
        {
            _decodeTicks = decodeTicks;
            _pendingDuration = 0;
        }
    }

    /// <summary>
    /// Reads a track's samples from movie fragments: tfhd/trex defaults, tfdt (or the decode time the
    /// previous fragment reached), every trun, base data offsets (explicit, default-base-is-moof, or
    /// the end of the previous track fragment's data) and first-sample flags.
    /// </summary>
    internal sealed class FragmentReader
    {
        private const uint NonSyncFlag = 0x00010000;

        private readonly BoxDataReader _reader;
        private readonly string? _source;
        private readonly TrackTables _tables;
        private readonly TrackPosition _position;

        /// <summary>Reads trun records through <paramref name="reader"/>, the reader the moof boxes are read with.</summary>
        public FragmentReader(BoxDataReader reader, string? source, TrackTables tables, TrackPosition position)
        {
            _reader = reader;
            _source = source;
            _tables = tables;
            _position = position;
        }

        /// <summary>The samples of the track in the given moof boxes (each with its children attached).</summary>
        public IEnumerable<RawSample> Read(IEnumerable<Box> moofs)
        {
            uint trackId = _tables.Track.TrackId;
            foreach (Box moof in moofs)
            {
                uint? sequence = moof.Child<MovieFragmentHeaderBox>()?.SequenceNumber;
                bool needsImplicitBase = false;
                bool hasTrack = false;
                foreach (Box traf in moof.Children)
                {
                    if (traf.Type != "traf") continue;
                    TrackFragmentHeaderBox tfhd = RequireTfhd(traf);
                    if (tfhd.TrackId != trackId) continue;
                    hasTrack = true;
                    needsImplicitBase |= !tfhd.BaseDataOffset.HasValue && !tfhd.DefaultBaseIsMoof;
                }
                if (!hasTrack) continue;

                long implicitBase = moof.Offset;
                foreach (Box traf in moof.Children)
                {
                    if (traf.Type != "traf") continue;
                    TrackFragmentHeaderBox tfhd = RequireTfhd(traf);
                    long dataBase = tfhd.BaseDataOffset ?? (tfhd.DefaultBaseIsMoof ? moof.Offset : implicitBase);
                    if (tfhd.TrackId != trackId)
                    {
                        if (needsImplicitBase) implicitBase = DataEnd(traf, tfhd, dataBase);
                        continue;
                    }

                    TrackFragmentDecodeTimeBox? tfdt = traf.Child<TrackFragmentDecodeTimeBox>();
                    if (tfdt is not null) _position.Reset(tfdt.BaseMediaDecodeTime);

                    var defaults = new Defaults(tfhd, _tables.Extends);
                    long dataPosition = dataBase;
                    bool first = true;
                    foreach (TrackRunBox trun in traf.ChildrenOf<TrackRunBox>())
                    {
                        if (trun.DataOffset.HasValue) dataPosition = Checked(() => dataBase + trun.DataOffset.Value, trun);
                        var records = new TrunCursor(_reader, trun);
                        for (long i = 0; i < trun.SampleCount; i++)
                        {
                            records.Next();
                            uint flags = i == 0 && trun.FirstSampleFlags.HasValue ? trun.FirstSampleFlags.Value : records.Flags ?? defaults.Flags;
                            long decodeTicks;
                            try
                            {
                                decodeTicks = _position.TakeDecodeTime();
                            }
                            catch (OverflowException)
                            {
                                throw _tables.Overflow(_position.NextSample);
                            }
                            var sample = new RawSample
                            {
                                Number = _position.NextSample,
                                DecodeTicks = decodeTicks,
                                DurationTicks = records.Duration ?? defaults.Duration,
                                CompositionOffset = records.CompositionOffset ?? 0,
                                Size = records.Size ?? defaults.Size,
                                Offset = dataPosition,
                                IsSync = (flags & NonSyncFlag) == 0,
                                HasDependency = true,
                                Dependency = (byte)(flags >> 20),
                                SampleDescriptionIndex = defaults.SampleDescriptionIndex,
                                Fragment = sequence,
                                StartsFragment = first,
                                HasFragmentDecodeTime = first && tfdt is not null,
                            };
                            first = false;
                            try
                            {
                                _ = sample.CompositionTicks;
                                dataPosition = checked(dataPosition + sample.Size);
                            }
                            catch (OverflowException)
                            {
                                throw _tables.Overflow(sample.Number);
                            }
                            _position.Advance(sample.DurationTicks);
                            _position.NextSample++;
                            yield return sample;
                        }
                    }
                    implicitBase = dataPosition;
                }
            }
        }

        /// <summary>Where the data of another track's fragment ends (the implicit base of the next track fragment).</summary>
        private long DataEnd(Box traf, TrackFragmentHeaderBox tfhd, long dataBase)
        {
            var defaults = new Defaults(tfhd, null);
            long position = dataBase;
            foreach (TrackRunBox trun in traf.ChildrenOf<TrackRunBox>())
            {
                if (trun.DataOffset.HasValue) position = Checked(() => dataBase + trun.DataOffset.Value, trun);
                if ((trun.Flags & TrackRunBox.SampleSizePresent) == 0)
                {
                    // Every sample has the default size: no need to walk a count that no bytes back.
                    decimal end = position + (decimal)trun.SampleCount * defaults.Size;
                    if (end > long.MaxValue) throw DataOffsetOverflow(trun);
                    position = (long)end;
                    continue;
                }
                var records = new TrunCursor(_reader, trun);
                for (long i = 0; i < trun.SampleCount; i++)
                {
                    records.Next();
                    position = Checked(() => position + (records.Size ?? defaults.Size), trun);
                }
            }
            return position;
        }

        private TrackFragmentHeaderBox RequireTfhd(Box traf) =>
            traf.Child<TrackFragmentHeaderBox>() ?? throw new Mp4FormatException(Mp4ErrorKind.MissingBox, _source, traf.BoxPath, traf.Offset,
                "a track fragment without tfhd cannot be read");

        private long Checked(Func<long> compute, Box box)
        {
            try
            {
                return compute();
            }
            catch (OverflowException)
            {
                throw DataOffsetOverflow(box);
            }
        }

        private Mp4FormatException DataOffsetOverflow(Box box) =>
            new Mp4FormatException(Mp4ErrorKind.TimestampOverflow, _source, box.BoxPath, box.Offset, "a data offset leaves the 64-bit range");

        /// <summary>Per-sample values absent from trun come from tfhd, then trex.</summary>
        private readonly struct Defaults
        {
            public Defaults(TrackFragmentHeaderBox tfhd, TrackExtendsBox? trex)
            {
                Duration = tfhd.DefaultSampleDuration ?? trex?.DefaultSampleDuration ?? 0;
                Size = tfhd.DefaultSampleSize ?? trex?.DefaultSampleSize ?? 0;
                Flags = tfhd.DefaultSampleFlags ?? trex?.DefaultSampleFlags ?? 0;
                SampleDescriptionIndex = tfhd.SampleDescriptionIndex ?? trex?.DefaultSampleDescriptionIndex ?? 1;
            }

            public long Duration { get; }

            public long Size { get; }

            public uint Flags { get; }

            public uint SampleDescriptionIndex { get; }
        }
    }

    /// <summary>
    /// The per-sample records of one trun, read in place through the movie's reader: the moof was just
    /// read through it, so the records are usually in its buffer already (no read, no buffer of its own).
    /// Every record seeks first, so other users of the reader between two records do no harm.
    /// </summary>
    internal sealed class TrunCursor
    {
        private readonly BoxDataReader _reader;
        private readonly string _boxPath;
        private readonly long _end;
        private readonly uint _flags;
        private long _position;

        public TrunCursor(BoxDataReader reader, TrackRunBox trun)
        {
            _reader = reader;
            _boxPath = trun.BoxPath;
            _end = trun.Offset + trun.Size;
            _position = trun.EntriesOffset;
            _flags = trun.Flags;
            Seek();
        }

        public uint? Duration { get; private set; }

        public uint? Size { get; private set; }

        public uint? Flags { get; private set; }

        public long? CompositionOffset { get; private set; }

        public void Next()
        {
            Seek();
            BoxDataReader reader = _reader;
            Duration = (_flags & TrackRunBox.SampleDurationPresent) != 0 ? reader.ReadUInt32() : (uint?)null;
            Size = (_flags & TrackRunBox.SampleSizePresent) != 0 ? reader.ReadUInt32() : (uint?)null;
            Flags = (_flags & TrackRunBox.SampleFlagsPresent) != 0 ? reader.ReadUInt32() : (uint?)null;
            CompositionOffset = (_flags & TrackRunBox.SampleCompositionTimeOffsetPresent) != 0 ? reader.ReadInt32() : (long?)null;
            _position = reader.Position;
        }

        private void Seek()
        {
            _reader.BoxPath = _boxPath;
            _reader.Seek(_position, _end);
        }
    }
}
