using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Mp4Timing.Boxes;
using Mp4Timing.Ffmpeg;
using Mp4Timing.IO;
using Mp4Timing.Timing;

namespace Mp4Timing
{
    /// <summary>
    /// An open MP4 / QuickTime file (or a lone media segment read with its init segment): its tracks
    /// and, on demand, the timing of every sample. Reads only moov and moof boxes; sample tables are
    /// walked in place, so memory does not grow with the number of samples.
    /// </summary>
    public sealed class Mp4Movie : IDisposable
    {
        private static readonly FourCC Moov = FourCC.Parse("moov");
        private static readonly FourCC Moof = FourCC.Parse("moof");

        private readonly Stream _stream;
        private readonly BoxDataReader _reader;
        private readonly Action<Mp4FormatException> _onWarning;
        private readonly Dictionary<uint, TrackTables> _tables;
        private readonly long _firstFragmentScan;
        private readonly Dictionary<Version, FfmpegMovieModel> _ffmpeg = new Dictionary<Version, FfmpegMovieModel>();
        private List<FragmentPlace>? _fragments;

        private Mp4Movie(Stream stream, string? path, Action<Mp4FormatException>? onWarning, Mp4Movie? init, bool isFile)
        {
            _stream = stream;
            Path = path;
            IsFile = isFile;
            _onWarning = onWarning ?? (_ => { });
            _reader = new BoxDataReader(stream, path);
            Mp4BoxReader.RequireContent(_reader);

            Box? moov = null;
            long position = 0;
            var brands = new List<string>();
            foreach (Box box in TopLevel(0))
            {
                position = box.Offset + box.Size;
                if (box is FileTypeBox ftyp)
                {
                    brands.Add(ftyp.MajorBrand);
                    brands.AddRange(ftyp.CompatibleBrands);
                }
                if (box.FourCC == Moov)
                {
                    moov = box;
                    break;
                }
                if (box.FourCC == Moof)
                {
                    position = box.Offset;
                    break;
                }
            }

            if (moov is not null)
            {
                ReadTree(moov);
                (Timescale, _tables) = ReadMovie(moov);
                HasMovieHeader = moov.Child<MovieHeaderBox>() is not null;
                MovieDuration = moov.Child<MovieHeaderBox>()?.Duration;
                HasGaplessInfo = ReadsGaplessInfo(moov);
                TrackOrder = moov.Children.Where(c => c.Type == "trak").Select(t => t.Child<TrackHeaderBox>()?.TrackId ?? 0).ToArray();
                IsFragmented = moov.Child(FourCC.Parse("mvex")) is not null;
                FfmpegStreams = FfmpegStreamLayout.Read(moov, _reader, path);
            }
            else if (init is not null)
            {
                Timescale = init.Timescale;
                _tables = init._tables.ToDictionary(pair => pair.Key, pair => pair.Value.ForMediaSegment());
                HasMovieHeader = init.HasMovieHeader;
                MovieDuration = init.MovieDuration;
                HasGaplessInfo = init.HasGaplessInfo;
                TrackOrder = init.TrackOrder;
                Brands = init.Brands;
                IsFragmented = true;
                FfmpegStreams = FfmpegStreamLayout.OfTracks(init.TrackOrder);
                InitSegmentPath = init.Path;
            }
            else
            {
                bool segment = position < _reader.StreamLength;
                throw new Mp4FormatException(Mp4ErrorKind.MissingBox, path, "/", position, segment
                    ? "this is a media segment (moof without moov): read it with its init segment (-InitSegment)"
                    : "the file has no moov box, so it describes no tracks");
            }
            _firstFragmentScan = position;
            if (moov is not null) Brands = brands;
            Tracks = _tables.Values.Select(t => t.Track).OrderBy(t => t.TrackId).ToArray();
        }

        /// <summary>The file.</summary>
        public string? Path { get; }

        /// <summary>True when the movie was opened from a file (<see cref="Path"/> names it), false for a stream (Path is only its name).</summary>
        internal bool IsFile { get; }

        /// <summary>The init segment whose moov describes the tracks of this media segment, if any.</summary>
        public string? InitSegmentPath { get; }

        /// <summary>
        /// For a media segment read with an init segment: why the init segment seems not to be this segment's (its
        /// fragments name tracks the init segment lacks, or its sidx counts time in another timescale than the
        /// track's), or null.
        /// </summary>
        public string? InitSegmentMismatch()
        {
            if (InitSegmentPath is null) return null;
            var fragmentTracks = new SortedSet<uint>();
            foreach (Box moof in MovieFragments())
            {
                foreach (Box traf in moof.Children.Where(c => c.Type == "traf"))
                {
                    if (traf.Child<TrackFragmentHeaderBox>() is TrackFragmentHeaderBox tfhd) fragmentTracks.Add(tfhd.TrackId);
                }
            }
            string init = System.IO.Path.GetFileName(InitSegmentPath);
            var unknown = fragmentTracks.Where(id => Tracks.All(t => t.TrackId != id)).ToList();
            if (unknown.Count > 0)
            {
                return $"its fragments are of track {string.Join(", ", unknown)}, which {init} does not describe (it describes track {string.Join(", ", Tracks.Select(t => t.TrackId))})";
            }
            foreach (SegmentIndexBox sidx in TopLevel(0).OfType<SegmentIndexBox>())
            {
                Mp4Track? track = Tracks.FirstOrDefault(t => t.TrackId == sidx.ReferenceId);
                if (track is not null && sidx.Timescale != 0 && sidx.Timescale != track.Timescale)
                {
                    return $"its sidx counts track {track.TrackId}'s time in 1/{sidx.Timescale} s, but {init} gives that track a timescale of {track.Timescale}: is {init} the init segment of another stream?";
                }
            }
            return null;
        }

        /// <summary>How many packets ffprobe prints for the file, by the model of <paramref name="ffmpegVersion"/> (5.1 when null): the tracks' and the cover pictures'.</summary>
        public long FfmpegPacketCount(Version? ffmpegVersion = null)
        {
            FfmpegMovieModel model = FfmpegModel(ffmpegVersion);
            return Tracks.Sum(t => (long)model.For(t).Packets.Count) + FfmpegAttachedPictures.Count;
        }

        /// <summary>mvhd timescale.</summary>
        public uint Timescale { get; }

        /// <summary>True when the movie has mvex (its samples continue in fragments).</summary>
        public bool IsFragmented { get; }

        /// <summary>The tracks, by track ID.</summary>
        public IReadOnlyList<Mp4Track> Tracks { get; }

        /// <summary>The ftyp major and compatible brands (of the init segment for media segments).</summary>
        public IReadOnlyList<string> Brands { get; } = Array.Empty<string>();

        /// <summary>True when moov has an mvhd (ffmpeg applies no edit-list offset to fragments without one).</summary>
        internal bool HasMovieHeader { get; }

        /// <summary>mvhd duration as stored, in movie ticks (null without mvhd).</summary>
        internal long? MovieDuration { get; }

        /// <summary>True when moov/udta/meta/ilst holds iTunes gapless information (a ---- item named iTunSMPB: encoder delay and padding).</summary>
        internal bool HasGaplessInfo { get; }

        /// <summary>The length of the file (or stream), in bytes.</summary>
        internal long Length => _reader.StreamLength;

        /// <summary>Track IDs in trak order.</summary>
        internal IReadOnlyList<uint> TrackOrder { get; } = Array.Empty<uint>();

        /// <summary>The streams ffmpeg makes of moov, in its order: traks and cover pictures.</summary>
        internal FfmpegStreamLayout FfmpegStreams { get; } = FfmpegStreamLayout.Empty;

        /// <summary>
        /// The cover pictures (moov/udta/meta/ilst/covr) that ffmpeg turns into attached-picture streams, each with
        /// one packet without timestamps, which ffprobe lists before every packet of the tracks. They are not tracks.
        /// </summary>
        public IReadOnlyList<FfmpegAttachedPicture> FfmpegAttachedPictures => FfmpegStreams.Pictures;

        /// <summary>The reader the boxes of moov and moof are read with (trun records are read through it too).</summary>
        internal BoxDataReader Reader => _reader;

        /// <summary>The file's stream, for readers that look into sample data (bitstream key-frame checks).</summary>
        internal Stream Stream => _stream;

        /// <summary>The trex defaults of a track, if the movie has them.</summary>
        internal TrackExtendsBox? ExtendsOf(uint trackId) => _tables.TryGetValue(trackId, out TrackTables? tables) ? tables.Extends : null;

        /// <summary>Where non-fatal problems go (the edit-list mapper reports through it too).</summary>
        internal Action<Mp4FormatException> OnWarning => _onWarning;

        /// <summary>The tables behind a track of this movie.</summary>
        internal TrackTables TablesOf(Mp4Track track)
        {
            if (!_tables.TryGetValue(track.TrackId, out TrackTables? tables) || !ReferenceEquals(tables.Track, track))
            {
                throw new ArgumentException($"Track {track.TrackId} does not belong to this movie.", nameof(track));
            }
            return tables;
        }

        /// <summary>Opens a file. Non-fatal problems go to <paramref name="onWarning"/>; fatal ones throw <see cref="Mp4FormatException"/>.</summary>
        public static Mp4Movie Open(string path, Action<Mp4FormatException>? onWarning = null, Mp4Movie? initSegment = null)
        {
            FileStream stream = Mp4BoxReader.OpenRead(path);
            try
            {
                return new Mp4Movie(stream, path, onWarning, initSegment, isFile: true);
            }
            catch
            {
                stream.Dispose();
                throw;
            }
        }

        /// <summary>Opens a seekable stream; the movie owns and disposes it.</summary>
        public static Mp4Movie Open(Stream stream, string? name, Action<Mp4FormatException>? onWarning = null, Mp4Movie? initSegment = null)
        {
            if (stream is null) throw new ArgumentNullException(nameof(stream));
            return new Mp4Movie(stream, name, onWarning, initSegment, isFile: false);
        }

        /// <summary>
        /// The samples of <paramref name="track"/> in decode order, ISO timing (one object per showing;
        /// samples no edit shows appear once with IsDiscarded). Lazy: stop enumerating and nothing more is read.
        /// </summary>
        public IEnumerable<SampleTiming> ReadSampleTimings(Mp4Track track, SampleReadState? state = null)
        {
            var edits = new IsoEditList(track, _onWarning);
            foreach (RawSample raw in ReadRawSamples(track, state))
            {
                long cts = raw.CompositionTicks;
                ReadOnlyShowings showings = edits.Map(cts, raw.DurationTicks);
                for (int i = 0; i < showings.Count; i++)
                {
                    Showing showing = showings[i];
                    yield return Build(track, raw, cts, showing, showings.Discarded);
                }
            }
        }

        /// <summary>
        /// The samples of <paramref name="track"/> under <paramref name="convention"/>: Iso as
        /// <see cref="ReadSampleTimings(Mp4Track, SampleReadState)"/>; Ffmpeg one object per packet ffmpeg 5.1's
        /// demuxer emits, in its order, with its pts, dts, K (IsSync) and D (IsDiscarded). The Ffmpeg
        /// model holds the track's index in memory, as ffmpeg does.
        /// </summary>
        public IEnumerable<SampleTiming> ReadSampleTimings(Mp4Track track, TimingConvention convention, SampleReadState? state = null) =>
            ReadSampleTimings(track, convention, state, null);

        /// <summary>
        /// As <see cref="ReadSampleTimings(Mp4Track, TimingConvention, SampleReadState)"/>, with the Ffmpeg convention of
        /// <paramref name="ffmpegVersion"/> (<see cref="FfmpegVersions.Resolve"/>: the newest modelled version at or below it; 5.1 when null).
        /// </summary>
        public IEnumerable<SampleTiming> ReadSampleTimings(Mp4Track track, TimingConvention convention, SampleReadState? state, Version? ffmpegVersion)
        {
            if (convention == TimingConvention.Iso) return ReadSampleTimings(track, state);
            return FfmpegTimings(track, ffmpegVersion);
        }

        /// <summary>
        /// The samples of <paramref name="track"/> in presentation order (<see cref="PresentationOrder.Sort"/>), through a
        /// window as deep as the track's reordering: the presentation times are read once without objects to size it
        /// (<see cref="ReorderWindow.Required"/>), then the samples are sorted through it, so memory stays flat.
        /// <paramref name="window"/> is set to the window used, before the first sample.
        /// </summary>
        public IEnumerable<SampleTiming> ReadSampleTimingsInPresentationOrder(Mp4Track track, TimingConvention convention, SampleReadState? state,
            Version? ffmpegVersion, Action<int>? window = null) =>
            InPresentationOrder(track, ReadSampleTimings(track, convention, state, ffmpegVersion), convention, state, ffmpegVersion, window);

        /// <summary>
        /// <paramref name="samples"/>, the objects <see cref="ReadSampleTimings(Mp4Track, TimingConvention, SampleReadState, Version)"/> gives for
        /// the same arguments (not yet read, and perhaps passed through <see cref="WithPictureTypes"/>), in presentation order
        /// through a window as deep as the track's reordering, as <see cref="ReadSampleTimingsInPresentationOrder"/> does.
        /// </summary>
        public IEnumerable<SampleTiming> InPresentationOrder(Mp4Track track, IEnumerable<SampleTiming> samples, TimingConvention convention,
            SampleReadState? state, Version? ffmpegVersion, Action<int>? window = null)
        {
            int size;
            try
            {
                size = ReorderWindow.Required(PresentationTimes(track, convention, state?.Copy(), ffmpegVersion));
            }
            catch (InvalidOperationException error)
            {
                throw new Mp4FormatException(Mp4ErrorKind.InvalidField, Path, track.BoxPath, 0,
                    $"track {track.TrackId} cannot be put in presentation order: {error.Message}");
            }
            catch (OverflowException)
            {
                throw new Mp4FormatException(Mp4ErrorKind.TimestampOverflow, Path, track.EditListBoxPath ?? track.BoxPath, track.EditListOffset,
                    $"the presentation times of track {track.TrackId} leave the 64-bit range once the edit list is applied");
            }
            window?.Invoke(size);
            return PresentationOrder.Sort(samples, size);
        }

        /// <summary>The presentation times (PtsTicks) of the objects ReadSampleTimings gives, in the same order, without the objects or their warnings.</summary>
        private IEnumerable<long> PresentationTimes(Mp4Track track, TimingConvention convention, SampleReadState? state, Version? ffmpegVersion)
        {
            if (convention == TimingConvention.Ffmpeg)
            {
                foreach (FfmpegPacket packet in FfmpegModel(ffmpegVersion).For(track).Packets) yield return packet.Pts;
                yield break;
            }
            var edits = new IsoEditList(track, null);
            foreach (RawSample raw in ReadRawSamples(track, state, quiet: true))
            {
                long cts = raw.CompositionTicks;
                ReadOnlyShowings showings = edits.Map(cts, raw.DurationTicks);
                for (int i = 0; i < showings.Count; i++) yield return checked(cts + showings[i].Shift);
            }
        }

        private IEnumerable<SampleTiming> FfmpegTimings(Mp4Track track, Version? ffmpegVersion)
        {
            FfmpegTrackResult result = FfmpegModel(ffmpegVersion).For(track);
            foreach (FfmpegPacket packet in result.Packets)
            {
                yield return new SampleTiming(track, Path, TimingConvention.Ffmpeg)
                {
                    Codec = track.CodecAt(packet.SampleDescriptionIndex),
                    Sample = packet.Sample,
                    DecodeTicks = packet.RawDecode,
                    CompositionOffset = packet.RawCompositionOffset,
                    CompositionTicks = packet.RawDecode + packet.RawCompositionOffset,
                    DurationTicks = packet.RawDuration,
                    DtsTicks = packet.Dts,
                    PtsTicks = packet.Pts,
                    IsSync = packet.Key,
                    IsDiscarded = packet.Discard,
                    Size = packet.Size,
                    Offset = packet.Position,
                    SampleDescriptionIndex = packet.SampleDescriptionIndex,
                    Chunk = packet.Chunk == 0 ? null : packet.Chunk,
                    Fragment = packet.Fragment,
                    Edit = packet.Edit == 0 ? null : packet.Edit,
                };
            }
        }

        /// <summary>
        /// Fills PictureType and PictureKind of the samples of <paramref name="track"/> as they pass (lazily, in
        /// the order given, which must be decode order): reads the first bytes of each video sample, batched with
        /// the samples that follow it in the file. Samples of other tracks pass unchanged.
        /// </summary>
        public IEnumerable<SampleTiming> WithPictureTypes(Mp4Track track, IEnumerable<SampleTiming> samples)
        {
            if (track is null) throw new ArgumentNullException(nameof(track));
            if (samples is null) throw new ArgumentNullException(nameof(samples));
            var pictures = new Bitstream.PictureReader(_stream, Path, TablesOf(track).SampleEntries);
            return pictures.ReadsAny ? Annotate(pictures, samples) : samples;
        }

        private static IEnumerable<SampleTiming> Annotate(Bitstream.PictureReader pictures, IEnumerable<SampleTiming> samples)
        {
            long lastSample = -1;
            Bitstream.Picture picture = Bitstream.Picture.Unknown;
            foreach (SampleTiming sample in samples)
            {
                // A sample shown twice by the edit list comes twice: it is read once.
                if (sample.Sample != lastSample)
                {
                    picture = pictures.Read(sample.SampleDescriptionIndex, sample.Offset, sample.Size);
                    lastSample = sample.Sample;
                }
                sample.PictureTypeValue = picture.Type;
                sample.PictureKind = picture.Kind;
                yield return sample;
            }
        }

        /// <summary>
        /// Why ffmpeg lists <paramref name="track"/> as a stream but reads no packet of it (QuickTime chapter titles, data
        /// in a file a QuickTime alias names), or null.
        /// </summary>
        public string? FfmpegNoPacketsReason(Mp4Track track, Version? ffmpegVersion = null) => FfmpegModel(ffmpegVersion).For(track).NoPackets;

        /// <summary>How many ffmpeg models (one per version) this movie has built.</summary>
        internal int FfmpegModelsBuilt => _ffmpeg.Count;

        /// <summary>
        /// The ffmpeg model of the whole file for a version (5.1 when null), built on first use (the whole file is modelled
        /// at once: the reading order across tracks and the end of the file concern every track).
        /// </summary>
        internal FfmpegMovieModel FfmpegModel(Version? ffmpegVersion = null)
        {
            FfmpegBehaviour behaviour = FfmpegBehaviour.For(ffmpegVersion);
            if (_ffmpeg.TryGetValue(behaviour.Version, out FfmpegMovieModel? built)) return built;
            FfmpegMovieModel model;
            try
            {
                model = FfmpegMovieModel.Build(this, _reader.StreamLength, behaviour);
            }
            catch (OverflowException)
            {
                throw new Mp4FormatException(Mp4ErrorKind.TimestampOverflow, Path, "/moov", 0,
                    "ffmpeg's timestamps for this file would leave the 64-bit range");
            }
            _ffmpeg[behaviour.Version] = model;
            return model;
        }

        private SampleTiming Build(Mp4Track track, in RawSample raw, long cts, Showing showing, bool discarded)
        {
            var timing = new SampleTiming(track, Path, TimingConvention.Iso)
            {
                Codec = track.CodecAt(raw.SampleDescriptionIndex),
                Sample = raw.Number,
                DecodeTicks = raw.DecodeTicks,
                CompositionOffset = raw.CompositionOffset,
                CompositionTicks = cts,
                DurationTicks = raw.DurationTicks,
                IsSync = raw.IsSync,
                IsDiscarded = discarded,
                Size = raw.Size,
                Offset = raw.Offset,
                SampleDescriptionIndex = raw.SampleDescriptionIndex,
                Chunk = raw.Chunk == 0 ? null : raw.Chunk,
                Fragment = raw.Fragment,
                Edit = showing.Edit,
            };
            try
            {
                timing.PtsTicks = checked(cts + showing.Shift);
                timing.DtsTicks = checked(raw.DecodeTicks + showing.Shift);
            }
            catch (OverflowException)
            {
                throw new Mp4FormatException(Mp4ErrorKind.TimestampOverflow, Path, track.EditListBoxPath, track.EditListOffset,
                    $"sample {raw.Number} of track {track.TrackId} leaves the 64-bit range once the edit list is applied");
            }
            if (raw.HasDependency)
            {
                var dependency = new SampleDependency(raw.Dependency);
                timing.DependsOn = dependency.DependsOn switch { 1 => true, 2 => false, _ => null };
                timing.IsDependedOn = dependency.IsDependedOn switch { 1 => true, 2 => false, _ => null };
                timing.IsLeading = dependency.IsLeading switch { 1 or 3 => true, 2 => false, _ => null };
            }
            return timing;
        }

        /// <summary>
        /// The samples of a track on the media timeline, moov samples first, then fragments. Reading stops with an error
        /// at the first sample whose data starts past the end of the file; with <paramref name="yieldFirstPastEnd"/> that
        /// sample is given first (for the timing rules, which say when the missing data starts).
        /// </summary>
        internal IEnumerable<RawSample> ReadRawSamples(Mp4Track track, SampleReadState? state, bool quiet = false, bool yieldFirstPastEnd = false)
        {
            TrackTables tables = TablesOf(track);
            TrackPosition position = (state ?? new SampleReadState()).For(track.TrackId);
            long fileLength = _reader.StreamLength;
            long emptySamples = 0;

            if (tables.HasMoovSamples)
            {
                var table = new SampleTableReader(_stream, Path, tables, position);
                var sample = new RawSample();
                while (table.TryRead(ref sample))
                {
                    if (StartsPastEnd(tables, sample, fileLength))
                    {
                        if (yieldFirstPastEnd) yield return sample;
                        throw tables.DataBeyondEnd(sample.Number, sample.Offset, fileLength, track.SampleCount - sample.Number + 1);
                    }
                    CheckEmpty(tables, sample, fileLength, ref emptySamples);
                    yield return sample;
                }
                Mp4FormatException? excess = table.CheckTablesEnd();
                if (excess is not null && !quiet) _onWarning(excess);
            }

            if (!IsFragmented) yield break;
            var fragments = new FragmentReader(_reader, Path, tables, position);
            foreach (RawSample sample in fragments.Read(MovieFragments()))
            {
                if (StartsPastEnd(tables, sample, fileLength))
                {
                    if (yieldFirstPastEnd) yield return sample;
                    throw tables.DataBeyondEnd(sample.Number, sample.Offset, fileLength, null);
                }
                CheckEmpty(tables, sample, fileLength, ref emptySamples);
                yield return sample;
            }
        }

        /// <summary>
        /// A sample's data must start in the file (unless dref puts it elsewhere): a sample that starts past
        /// the end means the file is cut short, and reading stops there (the one the end cuts through is still
        /// given, as ffmpeg does).
        /// </summary>
        internal static bool StartsPastEnd(TrackTables tables, in RawSample sample, long fileLength) =>
            !tables.DataIsExternal && (sample.Offset >= fileLength || sample.Offset < 0) && sample.Size > 0;

        /// <summary>
        /// Empty samples are allowed, but not more of them than the file has bytes, so that a table of lying counts
        /// cannot make work the bytes do not justify.
        /// </summary>
        private static void CheckEmpty(TrackTables tables, in RawSample sample, long fileLength, ref long emptySamples)
        {
            if (sample.Size == 0 && ++emptySamples > fileLength + 65536)
            {
                throw new Mp4FormatException(Mp4ErrorKind.InconsistentSampleCount, tables.Track.Path, tables.StblPath, tables.StblOffset,
                    $"track {tables.Track.TrackId} has more empty samples than the file has bytes ({fileLength}); reading stopped at sample {sample.Number}");
            }
        }

        /// <summary>The moof boxes after moov, in file order, each read with its children.</summary>
        internal IEnumerable<Box> MovieFragments()
        {
            if (_fragments is not null)
            {
                // Walked once already (for another track): go straight to each moof.
                foreach (FragmentPlace place in _fragments)
                {
                    var moof = new ContainerBox
                    {
                        Path = Path,
                        BoxPath = place.BoxPath,
                        FourCC = Moof,
                        Offset = place.Offset,
                        Size = place.Size,
                        HeaderSize = place.HeaderSize,
                        ChildrenOffset = place.Offset + place.HeaderSize,
                    };
                    ReadTree(moof);
                    yield return moof;
                }
                yield break;
            }

            var places = new List<FragmentPlace>();
            foreach (Box box in TopLevel(_firstFragmentScan))
            {
                if (box.FourCC != Moof) continue;
                places.Add(new FragmentPlace(box.Offset, box.Size, box.HeaderSize, box.BoxPath));
                ReadTree(box);
                yield return box;
            }
            _fragments = places;
        }

        /// <summary>Where a moof is, remembered after the first walk over the top level.</summary>
        private sealed class FragmentPlace
        {
            public FragmentPlace(long offset, long size, int headerSize, string boxPath)
            {
                Offset = offset;
                Size = size;
                HeaderSize = headerSize;
                BoxPath = boxPath;
            }

            public long Offset { get; }

            public long Size { get; }

            public int HeaderSize { get; }

            public string BoxPath { get; }
        }

        /// <summary>The top-level boxes, with the fields of the decoded types (sidx, ftyp...); containers are not entered.</summary>
        internal IEnumerable<Box> TopLevelBoxes() => TopLevel(0);

        /// <summary>Top-level boxes from <paramref name="start"/>; containers are not entered and mdat is skipped.</summary>
        private IEnumerable<Box> TopLevel(long start)
        {
            // A top-level box cut short by the end of the file is reported and the scan goes on.
            var walker = new BoxWalker(_reader, BoxReadOptions.InPlace, _onWarning);
            return walker.Walk(start, _reader.StreamLength, "", default, 0, buildTree: false, descend: _ => false);
        }

        /// <summary>Reads the children of a container box (moov, moof), attaching them; any damage inside is fatal for timing.</summary>
        private void ReadTree(Box container)
        {
            Mp4FormatException? first = null;
            // One read for the whole box when it fits the buffer (a moof with its trafs and truns), not one per nested container.
            _reader.Prefetch(container.ChildrenOffset, container.Offset + container.Size);
            var walker = new BoxWalker(_reader, BoxReadOptions.InPlace, error =>
            {
                first ??= error;
                _onWarning(error);
            });
            foreach (Box _ in walker.Walk(container.ChildrenOffset, container.Offset + container.Size, container.BoxPath, container.FourCC, 1, buildTree: true, parent: container))
            {
            }
            if (first is not null && container.FourCC == Moof) throw first;
        }

        private (uint Timescale, Dictionary<uint, TrackTables> Tables) ReadMovie(Box moov)
        {
            MovieHeaderBox? mvhd = moov.Child<MovieHeaderBox>();
            if (mvhd is null)
            {
                _onWarning(new Mp4FormatException(Mp4ErrorKind.MissingBox, Path, moov.BoxPath, moov.Offset,
                    "moov has no mvhd: edit list durations are read in each track's media timescale"));
            }
            var extends = new Dictionary<uint, TrackExtendsBox>();
            foreach (TrackExtendsBox trex in moov.Child(FourCC.Parse("mvex"))?.ChildrenOf<TrackExtendsBox>() ?? Enumerable.Empty<TrackExtendsBox>())
            {
                extends[trex.TrackId] = trex;
            }

            var tables = new Dictionary<uint, TrackTables>();
            foreach (Box trak in moov.Children.Where(c => c.Type == "trak"))
            {
                try
                {
                    TrackTables track = ReadTrack(trak, mvhd?.Timescale);
                    if (tables.ContainsKey(track.Track.TrackId))
                    {
                        _onWarning(new Mp4FormatException(Mp4ErrorKind.InvalidField, Path, trak.BoxPath, trak.Offset,
                            $"a second track has track_ID {track.Track.TrackId}; it is ignored"));
                        continue;
                    }
                    extends.TryGetValue(track.Track.TrackId, out TrackExtendsBox? trex);
                    track.Extends = trex;
                    tables[track.Track.TrackId] = track;
                }
                catch (Mp4FormatException error)
                {
                    // One broken track does not hide the others.
                    _onWarning(error);
                }
            }
            return (mvhd?.Timescale ?? 0, tables);
        }

        private TrackTables ReadTrack(Box trak, uint? movieTimescale)
        {
            TrackHeaderBox tkhd = trak.Child<TrackHeaderBox>() ?? throw MissingIn(trak, "tkhd");
            Box mdia = trak.Child(FourCC.Parse("mdia")) ?? throw MissingIn(trak, "mdia");
            MediaHeaderBox mdhd = mdia.Child<MediaHeaderBox>() ?? throw MissingIn(mdia, "mdhd");
            if (mdhd.Timescale == 0)
            {
                throw new Mp4FormatException(Mp4ErrorKind.InvalidField, Path, mdhd.BoxPath, mdhd.Offset, $"track {tkhd.TrackId} has an mdhd timescale of 0");
            }
            HandlerBox? hdlr = mdia.Child<HandlerBox>();
            Box minf = mdia.Child(FourCC.Parse("minf")) ?? throw MissingIn(mdia, "minf");
            Box stbl = minf.Child(FourCC.Parse("stbl")) ?? throw MissingIn(minf, "stbl");
            EditListBox? elst = trak.Child(FourCC.Parse("edts"))?.Child<EditListBox>();
            SampleEntry[] entries = stbl.Child<SampleDescriptionBox>()?.ChildrenOf<SampleEntry>().ToArray() ?? Array.Empty<SampleEntry>();
            var codecs = entries.Select(e => e.Type).ToArray();
            SampleSizeBox? sizes = stbl.Child<SampleSizeBox>();

            var track = new Mp4Track(Path, trak.BoxPath, tkhd.TrackId, hdlr?.HandlerType ?? "", mdhd.Timescale, movieTimescale ?? mdhd.Timescale,
                codecs, elst?.Entries ?? Array.Empty<EditListEntry>(), elst?.BoxPath, elst?.Offset ?? 0, sizes?.SampleCount ?? 0, mdhd.Duration);
            Box? chap = trak.Child(FourCC.Parse("tref"))?.Child(FourCC.Parse("chap"));
            return new TrackTables(track, stbl.BoxPath, stbl.Offset)
            {
                TrackHeader = tkhd,
                MediaHeader = mdhd,
                Handler = hdlr,
                EditListBox = trak.Child(FourCC.Parse("edts"))?.Child(FourCC.Parse("elst")),
                DataEntries = minf.Child(FourCC.Parse("dinf"))?.Child<DataReferenceBox>()?.Children.ToArray() ?? Array.Empty<Box>(),
                ChapterTracks = chap is null ? Array.Empty<uint>() : ReadWords(chap),
                ChapterReferenceOffset = chap?.Offset ?? 0,
                TimeToSample = stbl.Child<TimeToSampleBox>(),
                CompositionOffsets = stbl.Child<CompositionOffsetBox>(),
                SyncSamples = stbl.Children.OfType<SyncSampleBox>().FirstOrDefault(b => b.Type == "stss"),
                PartialSyncSamples = stbl.Children.OfType<SyncSampleBox>().FirstOrDefault(b => b.Type == "stps"),
                SampleGroups = stbl.ChildrenOf<SampleToGroupBox>().ToArray(),
                SampleEntries = entries,
                DataIsExternal = minf.Child(FourCC.Parse("dinf"))?.Child<DataReferenceBox>()?.ChildrenOf<DataEntryBox>().FirstOrDefault() is { SelfContained: false },
                NalUnitLengthSize = entries.FirstOrDefault()?.Child<AvcConfigurationBox>()?.NalUnitLengthSize
                    ?? entries.FirstOrDefault()?.Child<HevcConfigurationBox>()?.NalUnitLengthSize ?? 4,
                Dependencies = stbl.Child<SampleDependencyTypeBox>(),
                SampleSizes = sizes,
                SampleToChunk = stbl.Child<SampleToChunkBox>(),
                ChunkOffsets = stbl.Child<ChunkOffsetBox>(),
            };
        }

        /// <summary>Whether moov's iTunes metadata has an iTunSMPB item (the name box of a ---- item; its first bytes are read).</summary>
        private bool ReadsGaplessInfo(Box moov)
        {
            Box? ilst = moov.Child(FourCC.Parse("udta"))?.Child(FourCC.Parse("meta"))?.Child(FourCC.Parse("ilst"));
            if (ilst is null) return false;
            foreach (Box item in ilst.Children)
            {
                if (item.Type != "----" || item.Child(FourCC.Parse("name")) is not { } name || name.PayloadSize < 12) continue;
                int length = (int)Math.Min(name.PayloadSize, 64);
                _reader.BoxPath = name.BoxPath;
                _reader.Seek(name.PayloadOffset, name.PayloadOffset + length);
                if (System.Text.Encoding.ASCII.GetString(_reader.ReadBytes(length)).Contains("iTunSMPB")) return true;
            }
            return false;
        }

        /// <summary>The 32-bit words of a box's payload (tref entries), as many as it holds.</summary>
        private uint[] ReadWords(Box box)
        {
            long count = Math.Min(box.PayloadSize / 4, 1024);
            var words = new uint[count];
            _reader.BoxPath = box.BoxPath;
            _reader.Seek(box.PayloadOffset, box.PayloadOffset + count * 4);
            for (int i = 0; i < count; i++) words[i] = _reader.ReadUInt32();
            return words;
        }

        private Mp4FormatException MissingIn(Box parent, string type) =>
            new Mp4FormatException(Mp4ErrorKind.MissingBox, Path, parent.BoxPath, parent.Offset, $"{parent.Type} has no {type} box");

        /// <inheritdoc />
        public void Dispose() => _stream.Dispose();
    }

    /// <summary>
    /// Where each track's decode time and sample numbering stand. Pass the same instance when reading
    /// several media segments in order, so that a segment without tfdt continues the one before it.
    /// </summary>
    public sealed class SampleReadState
    {
        private readonly Dictionary<uint, TrackPosition> _tracks = new Dictionary<uint, TrackPosition>();

        /// <summary>
        /// A copy, for a reading that must not move this state on: the pass that sizes a presentation-order window, or the timing
        /// rules run over a media segment before its timeline page is drawn from the same place.
        /// </summary>
        public SampleReadState Copy()
        {
            var copy = new SampleReadState();
            foreach (var pair in _tracks) copy._tracks[pair.Key] = pair.Value.Copy();
            return copy;
        }

        internal TrackPosition For(uint trackId)
        {
            if (!_tracks.TryGetValue(trackId, out TrackPosition? position))
            {
                position = new TrackPosition();
                _tracks[trackId] = position;
            }
            return position;
        }
    }
}
