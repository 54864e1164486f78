using System.Collections.Generic;
using System.Linq;
using Mp4Timing.Boxes;
using Mp4Timing.Timing;

namespace Mp4Timing.Rules
{
    /// <summary>What a rule may know about a track before its samples are read: the track, its boxes, the file, and where a piped segment before it left off.</summary>
    internal sealed class TrackContext
    {
        public TrackContext(Mp4Movie movie, Mp4Track track, TrackPosition before)
        {
            Rate = new Analysis.ConstantRateCheck();
            Movie = movie;
            Track = track;
            Tables = movie.TablesOf(track);
            StartsTrack = !before.HasRead;
            if (before.HasRead)
            {
                PreviousDecodeTicks = before.LastDecodeTicks;
                PreviousDurationTicks = before.LastDurationTicks;
                PreviousSample = before.NextSample - 1;
            }
        }

        public Mp4Movie Movie { get; }

        public Mp4Track Track { get; }

        /// <summary>
        /// The pass's check of the sample durations (TrackInfo.FrameRateMode), live: when a check sees sample n, the
        /// durations up to sample n - 1 have been judged (the last one waits, as the last sample of a track is let off).
        /// </summary>
        public Analysis.ConstantRateCheck Rate { get; }

        /// <summary>
        /// The pass's measure of the decode time between sync samples (TrackInfo.MaxSyncInterval), live as <see cref="Rate"/>
        /// is. A check that counts the intervals over a limit sets <see cref="Analysis.SyncIntervals.Limit"/> when it is made.
        /// </summary>
        public Analysis.SyncIntervals SyncIntervals { get; } = new Analysis.SyncIntervals();

        internal TrackTables Tables { get; }

        public uint TrackId => Track.TrackId;

        public uint Timescale => Track.Timescale;

        /// <summary>The first sample read is the track's first (false for the second and later of piped media segments).</summary>
        public bool StartsTrack { get; }

        /// <summary>For a media segment after another: the decode time, duration and number of the last sample of the segment before.</summary>
        public long? PreviousDecodeTicks { get; }

        public long? PreviousDurationTicks { get; }

        public long? PreviousSample { get; }

        /// <summary>The first sample entry (stsd), if any.</summary>
        public SampleEntry? Entry => Tables.SampleEntries.FirstOrDefault();

        /// <summary>The coding of the samples: the sample entry's fourcc, or for encrypted and restricted entries the original format (frma).</summary>
        public string Format => Entry is null ? Track.Codec : Analysis.CodecStrings.OriginalFormat(Entry);

        /// <summary>"track 2 (audio)"-style words for messages.</summary>
        public string Name => Words.Track(Track);

        /// <summary>Ticks of this track in seconds, as messages print them.</summary>
        public string Time(long ticks) => Mp4Timing.Seconds.Format(ticks, Timescale);

        /// <summary>Ticks of this track in seconds, for a finding's Time.</summary>
        public double Seconds(long ticks) => Mp4Timing.Seconds.FromTicks(ticks, Timescale);

        /// <summary>As <see cref="Seconds(long)"/>; null for no time (a sample the edit list shifts past the 64-bit range has none).</summary>
        public double? Seconds(long? ticks) => ticks is long known ? Seconds(known) : null;

        /// <summary>" (at 1.5 s)" for a sample's presentation time, as messages print it; "" for none.</summary>
        public string At(long? pts) => pts is long known ? $" (at {Time(known)})" : "";
    }

    /// <summary>What one pass over a track's samples found, for the checks' <see cref="TrackCheck.Finish"/>.</summary>
    internal sealed class TrackSummary
    {
        public TrackSummary(TrackContext context, TrackInfo info, Analysis.ConstantRateCheck rate, long? mediaStart, long? mediaEnd, long? firstSample, long? firstDecode)
        {
            FirstDecode = firstDecode;
            Context = context;
            Info = info;
            Rate = rate;
            MediaStart = mediaStart;
            MediaEnd = mediaEnd;
            FirstSample = firstSample;
        }

        public TrackContext Context { get; }

        public Mp4Track Track => Context.Track;

        /// <summary>What Get-Mp4Track says about the track (counts, durations, start and end on the presentation timeline...).</summary>
        public TrackInfo Info { get; }

        /// <summary>Whether the durations are those of one constant rate.</summary>
        public Analysis.ConstantRateCheck Rate { get; }

        /// <summary>The earliest composition time of any sample, in media ticks (null without samples).</summary>
        public long? MediaStart { get; }

        /// <summary>The latest composition end of any sample, in media ticks (null without samples).</summary>
        public long? MediaEnd { get; }

        /// <summary>The decode time of the first sample read (the first tfdt of a fragmented track), in media ticks; null without samples.</summary>
        public long? FirstDecode { get; }

        /// <summary>The number of the first sample read (1, or more for the second and later of piped segments); null without samples.</summary>
        public long? FirstSample { get; }

        /// <summary>The damage that stopped the reading, if any (the summary then describes the samples before it).</summary>
        public Mp4FormatException? ReadError { get; set; }

        /// <summary>False when a sample moved further between decode and presentation order than the window holds: the presentation-order checks may have missed something.</summary>
        public bool PresentationOrderExact { get; set; } = true;
    }

    /// <summary>The movie as the rules see it once every track has been read.</summary>
    internal sealed class MovieContext
    {
        private readonly System.Lazy<TrackSummary?> _video;

        public MovieContext(Mp4Movie movie, IReadOnlyList<TrackSummary> tracks, System.Func<TrackSummary?> video, bool allTracks)
        {
            Movie = movie;
            Tracks = tracks;
            _video = new System.Lazy<TrackSummary?>(video);
            AllTracks = allTracks;
        }

        public Mp4Movie Movie { get; }

        /// <summary>The summaries of the tracks checked, in track order (a track other rules compare with may be among them unchecked: see <see cref="Video"/>).</summary>
        public IReadOnlyList<TrackSummary> Tracks { get; }

        /// <summary>The file's first video track (in trak order), read when first asked for if it is not one of the tracks checked; null without video.</summary>
        public TrackSummary? Video => _video.Value;

        /// <summary>True when every track of the file was checked (rules about the file as a whole speak only then).</summary>
        public bool AllTracks { get; }
    }

    /// <summary>A presented sample as it leaves the reorder window, in presentation order within its edit.</summary>
    internal readonly struct PresentedSample
    {
        public PresentedSample(long sample, long pts, long duration, int edit)
        {
            Sample = sample;
            Pts = pts;
            Duration = duration;
            Edit = edit;
            Slot = duration;
        }

        private PresentedSample(in PresentedSample other, long slot)
        {
            this = other;
            Slot = slot;
        }

        /// <summary>1-based number in decode order.</summary>
        public long Sample { get; }

        /// <summary>Presentation time (ISO, after the edit list), in media ticks.</summary>
        public long Pts { get; }

        /// <summary>The sample's own duration (its stts delta or trun duration).</summary>
        public long Duration { get; }

        /// <summary>The edit that presents it (0 without an edit list).</summary>
        public int Edit { get; }

        /// <summary>
        /// How long the sample should last in presentation order: the decode duration of the sample that holds its rank in
        /// decode order, counted after the decoder's delay (the samples decoded before the first one is shown). With B-frames
        /// at a changing frame rate a sample's own duration belongs to another place of the presentation order; this one does not.
        /// </summary>
        public long Slot { get; }

        public PresentedSample WithSlot(long slot) => new PresentedSample(this, slot);
    }
}
