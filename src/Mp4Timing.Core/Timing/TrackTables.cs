using System.Collections.Generic;
using Mp4Timing.Boxes;

namespace Mp4Timing.Timing
{
    /// <summary>A track's setup: the public description plus the boxes its samples are read from.</summary>
    internal sealed class TrackTables
    {
        public TrackTables(Mp4Track track, string stblPath, long stblOffset)
        {
            Track = track;
            StblPath = stblPath;
            StblOffset = stblOffset;
        }

        public Mp4Track Track { get; }

        /// <summary>tkhd, mdhd and hdlr: what the track summary reports beside the tables.</summary>
        public TrackHeaderBox? TrackHeader { get; set; }

        public MediaHeaderBox? MediaHeader { get; set; }

        public HandlerBox? Handler { get; set; }

        public string StblPath { get; }

        public long StblOffset { get; }

        public TimeToSampleBox? TimeToSample { get; set; }

        public CompositionOffsetBox? CompositionOffsets { get; set; }

        public SyncSampleBox? SyncSamples { get; set; }

        public SampleDependencyTypeBox? Dependencies { get; set; }

        public SampleSizeBox? SampleSizes { get; set; }

        public SampleToChunkBox? SampleToChunk { get; set; }

        public ChunkOffsetBox? ChunkOffsets { get; set; }

        /// <summary>stps (QuickTime partial sync samples).</summary>
        public SyncSampleBox? PartialSyncSamples { get; set; }

        /// <summary>sbgp boxes of the sample table.</summary>
        public IReadOnlyList<SampleToGroupBox> SampleGroups { get; set; } = new SampleToGroupBox[0];

        /// <summary>The sample entries of stsd, in order.</summary>
        public IReadOnlyList<SampleEntry> SampleEntries { get; set; } = new SampleEntry[0];

        /// <summary>avcC NAL unit length size of the first sample entry (4 when absent).</summary>
        public int NalUnitLengthSize { get; set; } = 4;

        /// <summary>True when dref says the media data is in another file: sample offsets then point outside this one.</summary>
        public bool DataIsExternal { get; set; }

        /// <summary>trex defaults for the track's fragments.</summary>
        public TrackExtendsBox? Extends { get; set; }

        /// <summary>edts/elst as found, also when it could not be read as the specification says (ffmpeg reads such a box its own way).</summary>
        public Box? EditListBox { get; set; }

        /// <summary>The entries of dref, in order (url, urn, QuickTime alis...).</summary>
        public IReadOnlyList<Box> DataEntries { get; set; } = new Box[0];

        /// <summary>The track IDs of this track's tref/chap box (QuickTime chapters), in order; empty without one.</summary>
        public IReadOnlyList<uint> ChapterTracks { get; set; } = new uint[0];

        /// <summary>Where the tref/chap box is in the file (0 without one), to tell which chap box ffmpeg reads last.</summary>
        public long ChapterReferenceOffset { get; set; }

        /// <summary>The same setup (codecs, defaults, edits) with no samples in moov: how an init segment describes a media segment's tracks.</summary>
        public TrackTables ForMediaSegment() =>
            new TrackTables(Track.WithoutMoovSamples(), StblPath, StblOffset)
            {
                Extends = Extends,
                TrackHeader = TrackHeader,
                MediaHeader = MediaHeader,
                Handler = Handler,
                DataIsExternal = DataIsExternal,
                SampleEntries = SampleEntries,
                NalUnitLengthSize = NalUnitLengthSize,
            };

        /// <summary>True when the track has samples in moov.</summary>
        public bool HasMoovSamples => Track.SampleCount > 0;

        public Mp4FormatException Missing(string table) =>
            new Mp4FormatException(Mp4ErrorKind.MissingBox, Track.Path, StblPath, StblOffset,
                $"track {Track.TrackId} has {Track.SampleCount} samples but no {table} box");

        /// <summary>
        /// Sample data starting past the end of the file: the file is cut short, so reading stops at this sample.
        /// <paramref name="samplesLeft"/>: the samples the moov tables list from this one on (null in fragments).
        /// </summary>
        public Mp4FormatException DataBeyondEnd(long sample, long offset, long fileLength, long? samplesLeft) =>
            new Mp4FormatException(Mp4ErrorKind.TruncatedBox, Track.Path, StblPath, StblOffset,
                $"sample {sample} of track {Track.TrackId} starts at byte {offset}, past the end of the file ({fileLength} bytes): the file is cut short; reading stopped there")
            {
                PastEnd = new DataPastEnd(sample, samplesLeft),
            };

        public Mp4FormatException Overflow(long sample) =>
            new Mp4FormatException(Mp4ErrorKind.TimestampOverflow, Track.Path, StblPath, StblOffset,
                $"the times of track {Track.TrackId} leave the 64-bit range at sample {sample}");
    }
}
