using Mp4Timing.Bitstream;

namespace Mp4Timing.Analysis
{
    /// <summary>What starting to decode at a sample gives (for sync samples, whose pictures are read).</summary>
    internal enum GopStart : byte
    {
        /// <summary>Not a sync sample: no GOP starts here.</summary>
        NotSync,

        /// <summary>A closed GOP: every picture after it in decode order decodes without the pictures before it.</summary>
        Closed,

        /// <summary>
        /// Not a closed GOP: an HEVC CRA, MPEG-2 or MPEG-4 I picture followed by pictures shown before it, an H.264 I
        /// picture that is not IDR, or a picture that is not a random access point at all (a P picture listed in stss).
        /// </summary>
        Open,

        /// <summary>The headers could not be read (an unknown codec, a damaged or encrypted header).</summary>
        Unknown,
    }

    /// <summary>A sample that a fact is about, and the picture its headers describe: what a rule names in a finding.</summary>
    internal readonly struct SamplePicture
    {
        public SamplePicture(long number, long? ptsTicks, uint? fragment, Picture picture, GopStart start)
        {
            Number = number;
            PtsTicks = ptsTicks;
            Fragment = fragment;
            Picture = picture;
            Start = start;
        }

        /// <summary>1-based, in decode order (as SampleTiming.Sample).</summary>
        public long Number { get; }

        /// <summary>Its presentation time after the edit list (SampleTiming.PtsTicks of its first showing), in media ticks.</summary>
        public long? PtsTicks { get; }

        /// <summary>The mfhd sequence number of its fragment; null in moov.</summary>
        public uint? Fragment { get; }

        /// <summary>What its headers say; Picture.Unknown when they were not read or could not be.</summary>
        public Picture Picture { get; }

        /// <summary>Whether a closed GOP starts here.</summary>
        public GopStart Start { get; }

        public SamplePicture WithStart(GopStart start) => new SamplePicture(Number, PtsTicks, Fragment, Picture, start);
    }

    /// <summary>The first of the samples a fact concerns and how many there are (memory does not grow with them).</summary>
    internal sealed class SampleTally
    {
        public SamplePicture? First { get; private set; }

        public long Count { get; private set; }

        public void Add(in SamplePicture sample)
        {
            if (Count == 0) First = sample;
            Count++;
        }
    }

    /// <summary>
    /// What the picture headers of a video track's sync samples say, gathered in the pass that makes its
    /// <see cref="TrackInfo"/>: the facts the Test-Mp4Timing rules OpenGopStart (a track or fragment starts on a sync
    /// sample that does not start a closed GOP) and SyncSampleNotIntra (stss lists a picture that is not intra) judge,
    /// so that they read no sample again. Every sync sample's header is read, whatever Get-Mp4Track's -PictureType says.
    /// </summary>
    internal sealed class RandomAccessFacts
    {
        /// <summary>The track's first sample (in decode order), with its picture and whether a closed GOP starts there.</summary>
        public SamplePicture? FirstSample { get; internal set; }

        /// <summary>The first sync sample, with its picture (the track's first sample in a well-formed track).</summary>
        public SamplePicture? FirstSyncSample { get; internal set; }

        /// <summary>Sync samples in the track.</summary>
        public long SyncSamples { get; internal set; }

        /// <summary>Sync samples whose headers gave a picture.</summary>
        public long SyncSamplesRead { get; internal set; }

        /// <summary>Sync samples whose headers gave no picture (unknown codec, damaged or unreadable header).</summary>
        public SampleTally UnreadSyncSamples { get; } = new SampleTally();

        /// <summary>Sync samples that do not start a closed GOP (<see cref="GopStart.Open"/>).</summary>
        public SampleTally OpenSyncSamples { get; } = new SampleTally();

        /// <summary>Sync samples whose picture is not intra (P, B...): what SyncSampleNotIntra reports.</summary>
        public SampleTally NonIntraSyncSamples { get; } = new SampleTally();

        /// <summary>Movie fragments whose first sample of this track is a sync sample.</summary>
        public long FragmentsStartingOnSync { get; internal set; }

        /// <summary>
        /// Movie fragments whose first sample is a sync sample that does not start a closed GOP: what OpenGopStart reports beside
        /// the track's start. The track's first sample is among them when it starts a fragment (an empty moov, a media segment).
        /// </summary>
        public SampleTally OpenFragmentStarts { get; } = new SampleTally();
    }
}
