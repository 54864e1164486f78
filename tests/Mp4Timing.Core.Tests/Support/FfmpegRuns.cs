using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using Mp4Timing.Ffmpeg;

namespace Mp4Timing.Tests.Support
{
    /// <summary>
    /// Runs the ffmpeg builds the model is checked against on bytes built by a test: ffprobe 5.1 from PATH, and the
    /// peers (the 6.1-dev ffprobe, FFmpeg 9.0's libavformat under node) where tests/peers/Peers.ps1 installed them
    /// into out/peers. Each returns one "pts/dts/flags" line per packet, by MP4 track ID (0 for streams that are not tracks).
    /// </summary>
    internal static class FfmpegRuns
    {
        public static string? Ffprobe51 => FfprobeRunner.FindOnPath();

        private static string PeerFolder => Path.Combine(TestPaths.Root, "out", "peers", "node_modules");

        public static string? Ffprobe61
        {
            get
            {
                string path = Path.Combine(PeerFolder, "@ffprobe-installer", "linux-x64", "ffprobe");
                return File.Exists(path) ? path : null;
            }
        }

        public static string? Libav
        {
            get
            {
                string path = Path.Combine(PeerFolder, "@libav.js", "variant-webcodecs");
                return Directory.Exists(path) && FfprobeRunner.FindOnPath("node") is not null ? path : null;
            }
        }

        /// <summary>The packets ffmpeg <paramref name="version"/> reports for <paramref name="bytes"/>, by the track their stream belongs to.</summary>
        public static Dictionary<uint, List<string>> Packets(string version, byte[] bytes)
        {
            string file = Path.Combine(Path.GetTempPath(), $"mp4timing-built-{Guid.NewGuid():N}.mp4");
            File.WriteAllBytes(file, bytes);
            try
            {
                string json = version switch
                {
                    "5.1" => Run(Ffprobe51!, "-v", "quiet", "-show_packets", "-show_streams", "-of", "json", file),
                    "6.1" => Run(Ffprobe61!, "-v", "quiet", "-show_packets", "-show_streams", "-of", "json", file),
                    _ => Run(FfprobeRunner.FindOnPath("node")!, Path.Combine(TestPaths.Root, "tests", "peers", "libav-packets.cjs"), file, "--module", Libav!),
                };
                FfmpegView view = FfmpegView.FromFfprobeJson(new StringReader(json), version);
                var byTrack = new Dictionary<uint, List<string>>();
                using Mp4Movie movie = Mp4Movie.Open(new MemoryStream(bytes, writable: false), "built.mp4");
                foreach (FfmpegEntry entry in view.Entries)
                {
                    // The libav.js output names no track IDs: its streams are numbered as ffmpeg meets traks in moov.
                    FfmpegStream? stream = view.Streams.FirstOrDefault(s => s.Index == entry.StreamIndex);
                    uint track = stream?.TrackId ?? (movie.FfmpegStreams.Streams.ElementAtOrDefault(entry.StreamIndex) ?? 0);
                    if (!byTrack.TryGetValue(track, out List<string>? lines)) byTrack[track] = lines = new List<string>();
                    lines.Add($"{Show(entry.Pts)}/{Show(entry.Dts)}/{entry.Flags.Substring(0, 2)}");
                }
                return byTrack;
            }
            finally
            {
                File.Delete(file);
            }
        }

        /// <summary>The model's packets of a track, as the same lines.</summary>
        public static List<string> Model(byte[] bytes, uint trackId, string version)
        {
            using Mp4Movie movie = Mp4Movie.Open(new MemoryStream(bytes, writable: false), "built.mp4");
            Mp4Track track = movie.Tracks.Single(t => t.TrackId == trackId);
            return movie.ReadSampleTimings(track, TimingConvention.Ffmpeg, null, Version.Parse(version))
                .Select(s => $"{s.PtsTicks}/{s.DtsTicks}/{(s.IsSync ? "K" : "_")}{(s.IsDiscarded ? "D" : "_")}").ToList();
        }

        private static string Show(long? value) => value?.ToString() ?? "N/A";

        private static string Run(string program, params string[] arguments)
        {
            var start = new ProcessStartInfo(program)
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                StandardOutputEncoding = Encoding.UTF8,
            };
            foreach (string argument in arguments) start.ArgumentList.Add(argument);
            using Process process = Process.Start(start)!;
            process.ErrorDataReceived += (_, _) => { };
            process.BeginErrorReadLine();
            string output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return output;
        }
    }

    /// <summary>A theory that runs only where the given ffmpeg build is installed (skipped, with the reason, elsewhere).</summary>
    internal sealed class FfmpegTheoryAttribute : TheoryAttribute
    {
        public FfmpegTheoryAttribute(string version)
        {
            bool present = version switch
            {
                "5.1" => FfmpegRuns.Ffprobe51 is not null,
                "6.1" => FfmpegRuns.Ffprobe61 is not null,
                _ => FfmpegRuns.Libav is not null,
            };
            if (!present)
            {
                Skip = version == "5.1"
                    ? "ffprobe is not on PATH (install ffmpeg to compare the hand-built files with it)"
                    : $"the ffmpeg {version} peer is not installed in out/peers (tests/peers/Peers.ps1 installs it with npm)";
            }
        }
    }
}
