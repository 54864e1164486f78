using System.Collections.Generic;
using System.Linq;
using Mp4Timing.Boxes;

namespace Mp4Timing
{
    /// <summary>What a track carries, from its handler type.</summary>
    public enum TrackKind
    {
        /// <summary>vide.</summary>
        Video,
        /// <summary>soun.</summary>
        Audio,
        /// <summary>subt, sbtl, clcp.</summary>
        Subtitle,
        /// <summary>text.</summary>
        Text,
        /// <summary>meta.</summary>
        Metadata,
        /// <summary>Anything else (hint, tmcd, ...).</summary>
        Other,
    }

    /// <summary>A track as the timing engine sees it: IDs, clocks, codecs, edit list and where its samples are.</summary>
    public sealed class Mp4Track
    {
        internal Mp4Track(string? path, string boxPath, uint trackId, string handler, uint timescale, uint movieTimescale,
            IReadOnlyList<string> codecs, IReadOnlyList<EditListEntry> edits, string? editListBoxPath, long editListOffset, long sampleCount, long mediaDuration)
        {
            Path = path;
            BoxPath = boxPath;
            TrackId = trackId;
            Handler = handler;
            Kind = KindOf(handler);
            Timescale = timescale;
            MovieTimescale = movieTimescale;
            Codecs = codecs;
            Edits = edits;
            EditListBoxPath = editListBoxPath;
            EditListOffset = editListOffset;
            SampleCount = sampleCount;
            MediaDuration = mediaDuration;
        }

        /// <summary>The file whose moov describes the track (the init segment for media segments).</summary>
        public string? Path { get; }

        /// <summary>The trak box path, e.g. <c>/moov/trak[2]</c>.</summary>
        public string BoxPath { get; }

        /// <summary>tkhd track_ID.</summary>
        public uint TrackId { get; }

        /// <summary>hdlr handler_type (vide, soun, text, subt, meta...).</summary>
        public string Handler { get; }

        /// <summary>The kind derived from the handler.</summary>
        public TrackKind Kind { get; }

        /// <summary>mdhd timescale: media ticks per second.</summary>
        public uint Timescale { get; }

        /// <summary>mvhd timescale: movie ticks per second (edit durations).</summary>
        public uint MovieTimescale { get; }

        /// <summary>The sample entry fourccs of stsd, in order (index 1 first).</summary>
        public IReadOnlyList<string> Codecs { get; }

        /// <summary>The edit list (empty when the track has none).</summary>
        public IReadOnlyList<EditListEntry> Edits { get; }

        /// <summary>Where the edit list is, for messages.</summary>
        public string? EditListBoxPath { get; }

        /// <summary>The byte offset of the edit list box, for messages (0 without one).</summary>
        public long EditListOffset { get; }

        /// <summary>The number of samples in moov (fragments add more).</summary>
        public long SampleCount { get; }

        /// <summary>mdhd duration, in media ticks.</summary>
        public long MediaDuration { get; }

        /// <summary>The codec of the first sample entry, or an empty string.</summary>
        public string Codec => Codecs.Count > 0 ? Codecs[0] : "";

        /// <summary>The codec for a 1-based sample description index (the first when out of range).</summary>
        public string CodecAt(uint sampleDescriptionIndex) =>
            sampleDescriptionIndex >= 1 && sampleDescriptionIndex <= Codecs.Count ? Codecs[(int)sampleDescriptionIndex - 1] : Codec;

        /// <inheritdoc />
        public override string ToString() =>
            $"track {TrackId} ({Handler} {Codec}, timescale {Timescale}, {SampleCount} samples in moov" +
            (Edits.Count > 0 ? ", edits: " + string.Join("; ", Edits.Select(e => e.ToString())) : ", no edit list") + ")";

        /// <summary>The same track with no samples in moov (its setup used for media segments).</summary>
        internal Mp4Track WithoutMoovSamples() =>
            new Mp4Track(Path, BoxPath, TrackId, Handler, Timescale, MovieTimescale, Codecs, Edits, EditListBoxPath, EditListOffset, 0, MediaDuration);

        /// <summary>The kind of a handler type.</summary>
        public static TrackKind KindOf(string handler) => handler switch
        {
            "vide" => TrackKind.Video,
            "soun" => TrackKind.Audio,
            "subt" or "sbtl" or "clcp" => TrackKind.Subtitle,
            "text" => TrackKind.Text,
            "meta" => TrackKind.Metadata,
            _ => TrackKind.Other,
        };
    }
}
