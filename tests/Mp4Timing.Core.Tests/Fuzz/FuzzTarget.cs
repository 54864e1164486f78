using System;
using System.Collections.Generic;
using System.IO;
using Mp4Timing.Analysis;
using Mp4Timing.Timing;

namespace Mp4Timing.Fuzz
{
    /// <summary>
    /// What the fuzzer runs on every input, and what the regression tests run on every saved finding
    /// (this one file is compiled into tests/fuzz/Mp4Timing.Fuzz and into the xunit tests).
    /// It drives the public API the way the cmdlets do: the box tree (Get-Mp4Box), then every track's
    /// ISO timings with picture types, ffmpeg timings and the presentation order (Get-Mp4SampleTiming), then the
    /// track summaries with every property read (Get-Mp4Track), then the timeline page (Export-Mp4Timeline). A damaged file must end
    /// in <see cref="Mp4FormatException"/> (or warnings); any other exception escapes and is a bug.
    /// Only the public API is used, so the instrumented assembly is exercised as a user would.
    /// </summary>
    public static class FuzzTarget
    {
        /// <summary>Samples read per track and convention: a small file may claim billions of samples legitimately (stsz with one size for all).</summary>
        public const int MaxSamplesPerTrack = 100_000;

        /// <summary>Tracks up to this many samples are also put in presentation order.</summary>
        public const int MaxSortedSamples = 2_000;

        /// <summary>Movies whose tracks have up to this many samples also get a timeline page (each of its passes makes the samples' objects anew).</summary>
        public const int MaxPageSamples = 20_000;

        private const string SourceName = "fuzz-input.mp4";

        /// <summary>
        /// An init segment (tests/fixtures/dash/init-stream0.m4s: one avc1 track, ID 1, with mvex) used to
        /// read inputs that are media segments (moof without moov), as Get-Mp4SampleTiming -InitSegment does.
        /// </summary>
        private static readonly byte[] InitSegment = Convert.FromBase64String(
            "AAAAHGZ0eXBpc281AAACAGlzbzVpc282bXA0MQAAAu1tb292AAAAbG12aGQAAAAAAAAAAAAAAAAAAAPoAAAAAAABAAABAAAAAAAA" +
            "AAAAAAAAAQAAAAAAAAAAAAAAAAAAAAEAAAAAAAAAAAAAAAAAAEAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAACAAACFHRy" +
            "YWsAAABcdGtoZAAAAAMAAAAAAAAAAAAAAAEAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQAAAAAAAAAAAAAAAAAAAAEAAAAAAAAA" +
            "AAAAAAAAAEAAAAAAgAAAAEgAAAAAACRlZHRzAAAAHGVsc3QAAAAAAAAAAQAAAAAAAAQAAAEAAAAAAYxtZGlhAAAAIG1kaGQAAAAA" +
            "AAAAAAAAAAAAADwAAAAAAFXEAAAAAAAtaGRscgAAAAAAAAAAdmlkZQAAAAAAAAAAAAAAAFZpZGVvSGFuZGxlcgAAAAE3bWluZgAA" +
            "ABR2bWhkAAAAAQAAAAAAAAAAAAAAJGRpbmYAAAAcZHJlZgAAAAAAAAABAAAADHVybCAAAAABAAAA93N0YmwAAACrc3RzZAAAAAAA" +
            "AAABAAAAm2F2YzEAAAAAAAAAAQAAAAAAAAAAAAAAAAAAAAAAgABIAEgAAABIAAAAAAAAAAEAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" +
            "AAAAAAAAAAAAAAAY//8AAAA1YXZjQwFkAAr/4QAZZ2QACqzZQgv5cBEAAAMAAQAAAwA8DxIllgEABWjvhHLA/fj4AAAAABBwYXNw" +
            "AAAAAQAAAAEAAAAQc3R0cwAAAAAAAAAAAAAAEHN0c2MAAAAAAAAAAAAAABRzdHN6AAAAAAAAAAAAAAAAAAAAEHN0Y28AAAAAAAAA" +
            "AAAAAChtdmV4AAAAIHRyZXgAAAAAAAAAAQAAAAEAAAAAAAAAAAAAAAAAAAA9dWR0YQAAADVtZXRhAAAAAAAAACFoZGxyAAAAAAAA" +
            "AABtZGlyYXBwbAAAAAAAAAAAAAAAAAhpbHN0");

        /// <summary>Runs every reader over the bytes of <paramref name="input"/>; returns what happened (for the regression tests and triage).</summary>
        public static FuzzOutcome Run(Stream input)
        {
            byte[] bytes = ReadAll(input);
            var outcome = new FuzzOutcome();
            ReadBoxTree(bytes, outcome);
            ReadTimings(bytes, outcome);
            return outcome;
        }

        private static void ReadBoxTree(byte[] bytes, FuzzOutcome outcome)
        {
            try
            {
                foreach (Box box in Mp4BoxReader.ReadBoxes(new MemoryStream(bytes, writable: false), SourceName, null, error => outcome.Warnings++))
                {
                    outcome.Boxes++;
                    // The default view of Get-Mp4Box: the summary formats the decoded fields.
                    _ = box.Summary;
                    _ = box.Type;
                }
            }
            catch (Mp4FormatException error)
            {
                outcome.Errors.Add(error);
            }
        }

        private static void ReadTimings(byte[] bytes, FuzzOutcome outcome)
        {
            Mp4Movie movie;
            try
            {
                movie = Mp4Movie.Open(new MemoryStream(bytes, writable: false), SourceName, error => outcome.Warnings++);
            }
            catch (Mp4FormatException error) when (error.Kind == Mp4ErrorKind.MissingBox)
            {
                outcome.Errors.Add(error);
                // No moov: read it as a media segment of the built-in init segment.
                try
                {
                    using Mp4Movie init = Mp4Movie.Open(new MemoryStream(InitSegment, writable: false), "init-stream0.m4s");
                    movie = Mp4Movie.Open(new MemoryStream(bytes, writable: false), SourceName, error => outcome.Warnings++, init);
                }
                catch (Mp4FormatException segmentError)
                {
                    outcome.Errors.Add(segmentError);
                    return;
                }
            }
            catch (Mp4FormatException error)
            {
                outcome.Errors.Add(error);
                return;
            }

            using (movie)
            {
                outcome.Tracks += movie.Tracks.Count;
                bool small = true;
                foreach (Mp4Track track in movie.Tracks)
                {
                    _ = track.ToString();
                    List<SampleTiming> iso = ReadTrack(movie, track, TimingConvention.Iso, outcome);
                    small &= iso.Count <= MaxPageSamples;
                    ReadTrack(movie, track, TimingConvention.Ffmpeg, outcome);
                    if (iso.Count <= MaxSortedSamples)
                    {
                        // As -PresentationOrder reads it: a window sized from the track, the samples through it.
                        try
                        {
                            foreach (SampleTiming sample in movie.ReadSampleTimingsInPresentationOrder(track, TimingConvention.Iso, null, null))
                            {
                                _ = sample.PresentationIndex;
                            }
                        }
                        catch (Mp4FormatException error)
                        {
                            outcome.Errors.Add(error);
                        }
                    }
                }
                ReadTrackInfo(movie, outcome);
                if (small) WritePage(movie, outcome);
            }
        }

        /// <summary>The timeline page of every track, written to nowhere (damage met on the way is reported, and drawn up to where it is).</summary>
        private static void WritePage(Mp4Movie movie, FuzzOutcome outcome)
        {
            try
            {
                TimelineExport page = Report.TimelinePage.Write(movie, null, TextWriter.Null, onError: outcome.Errors.Add);
                outcome.PageSamples += page.Samples;
            }
            catch (Mp4FormatException error)
            {
                outcome.Errors.Add(error);
            }
        }

        /// <summary>The track summaries, each property read as a list view or a serializer would.</summary>
        private static void ReadTrackInfo(Mp4Movie movie, FuzzOutcome outcome)
        {
            foreach (TrackInfo info in TrackAnalysis.Analyze(movie, onError: outcome.Errors.Add))
            {
                foreach (System.Reflection.PropertyInfo property in typeof(TrackInfo).GetProperties())
                {
                    _ = property.GetValue(info);
                }
                foreach (TrackEdit edit in info.EditList) _ = edit.ToString();
                _ = info.ToString();
            }
        }

        /// <summary>Reads up to <see cref="MaxSamplesPerTrack"/> samples; an Mp4FormatException ends the track, as it does in the cmdlet.</summary>
        private static List<SampleTiming> ReadTrack(Mp4Movie movie, Mp4Track track, TimingConvention convention, FuzzOutcome outcome)
        {
            var samples = new List<SampleTiming>();
            try
            {
                IEnumerable<SampleTiming> timings = movie.ReadSampleTimings(track, convention);
                // The ISO reading also reads picture types (-PictureType): the bitstream readers meet the sample data.
                if (convention == TimingConvention.Iso) timings = movie.WithPictureTypes(track, timings);
                foreach (SampleTiming sample in timings)
                {
                    _ = sample.PictureKind;
                    // The seconds the default view shows.
                    _ = sample.Pts;
                    _ = sample.Dts;
                    _ = sample.Duration;
                    if (samples.Count < 4) _ = sample.ToString();
                    samples.Add(sample);
                    if (samples.Count >= MaxSamplesPerTrack) break;
                }
            }
            catch (Mp4FormatException error)
            {
                outcome.Errors.Add(error);
            }
            outcome.Samples += samples.Count;
            return samples;
        }

        private static byte[] ReadAll(Stream input)
        {
            if (input is MemoryStream memory && memory.Position == 0) return memory.ToArray();
            using var copy = new MemoryStream();
            input.CopyTo(copy);
            return copy.ToArray();
        }
    }

    /// <summary>What one run of <see cref="FuzzTarget"/> saw.</summary>
    public sealed class FuzzOutcome
    {
        /// <summary>Boxes yielded by the box reader.</summary>
        public int Boxes { get; set; }

        /// <summary>Tracks of the movie.</summary>
        public int Tracks { get; set; }

        /// <summary>Sample timings read, over both conventions.</summary>
        public long Samples { get; set; }

        /// <summary>Samples drawn on the timeline page.</summary>
        public long PageSamples { get; set; }

        /// <summary>Non-fatal problems reported to the callbacks.</summary>
        public int Warnings { get; set; }

        /// <summary>The Mp4FormatExceptions that ended a reader.</summary>
        public List<Mp4FormatException> Errors { get; } = new List<Mp4FormatException>();

        /// <inheritdoc />
        public override string ToString() =>
            $"{Boxes} boxes, {Tracks} tracks, {Samples} samples, {Warnings} warnings, {Errors.Count} errors" +
            (Errors.Count > 0 ? " (first: " + Errors[0].Message + ")" : "");
    }
}
