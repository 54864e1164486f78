using System.Collections.Generic;
using System.Management.Automation;
using Mp4Timing;

namespace Mp4Timing.Commands
{
    /// <summary>
    /// <para type="synopsis">Gets the decode, composition and presentation time of every sample of MP4 / QuickTime files.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "Mp4SampleTiming", DefaultParameterSetName = PathSet)]
    [OutputType(typeof(SampleTiming))]
    public sealed class GetMp4SampleTimingCommand : Mp4TrackCmdletBase
    {
        /// <summary>Iso (default): the edit list as ISO/IEC 14496-12 defines it. Ffmpeg: what ffmpeg 5.1 reports.</summary>
        [Parameter]
        public TimingConvention Convention { get; set; } = TimingConvention.Iso;

        /// <summary>Sort each track's samples by presentation time and number them (PresentationIndex), like showinfo.</summary>
        [Parameter]
        public SwitchParameter PresentationOrder { get; set; }

        /// <summary>
        /// Add PictureType (I, P, B...) and PictureKind (IDR, CRA_NUT, KEY_FRAME...) to video samples, read from
        /// their slice and frame headers (the first bytes of each sample, so it is opt-in).
        /// </summary>
        [Parameter]
        public SwitchParameter PictureType { get; set; }

        /// <inheritdoc />
        protected override void ProcessFile(string path)
        {
            using Mp4Movie movie = OpenMovie(path);
            long length = new System.IO.FileInfo(path).Length;
            var progress = new ProgressThrottle(this, 1, $"Get-Mp4SampleTiming {System.IO.Path.GetFileName(path)}");
            foreach (Mp4Track track in SelectTracks(movie, path))
            {
                WriteVerbose($"{path}: {track}");
                try
                {
                    IEnumerable<SampleTiming> samples = movie.ReadSampleTimings(track, Convention, ReadState);
                    if (PictureType) samples = movie.WithPictureTypes(track, samples);
                    if (PresentationOrder) samples = Timing.PresentationOrder.Sort(samples);
                    long count = movie.IsFragmented ? 0 : track.SampleCount;
                    long written = 0;
                    foreach (SampleTiming sample in samples)
                    {
                        written++;
                        WriteObject(sample);
                        progress.Tick(
                            () => $"Track {track.TrackId} ({track.Handler} {track.Codec}): sample {sample.Sample}" + (count > 0 ? $" of {count}" : ""),
                            () => count > 0 ? (double)sample.Sample / count : length > 0 ? (double)sample.Offset / length : -1);
                    }
                    if (written == 0) WarnNoSamples(movie, path, track.TrackId);
                }
                catch (Mp4FormatException error)
                {
                    // The samples before the damage were written; the next track still runs.
                    WriteFormatError(error, path);
                }
            }
            progress.Complete();
        }
    }
}
