using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Threading;

namespace Mp4Timing.Ffmpeg
{
    /// <summary>ffprobe could not be run, failed, or took too long.</summary>
    public sealed class FfprobeException : Exception
    {
        internal FfprobeException(string message, string? standardError = null, Exception? inner = null)
            : base(standardError is null || standardError.Length == 0 ? message : message + Environment.NewLine + standardError.Trim(), inner)
        {
            StandardError = standardError;
        }

        /// <summary>What ffprobe wrote to stderr.</summary>
        public string? StandardError { get; }
    }

    /// <summary>
    /// Runs ffprobe safely: no shell, arguments passed one by one, the input given as a <c>file:</c> URL
    /// so that no name can be read as a protocol (<c>concat:</c>, <c>http:</c>, <c>subfile,,</c>) or an
    /// option (<c>-i</c>), and a timeout that kills it.
    /// </summary>
    public static class FfprobeRunner
    {
        private const string Entries = "stream=index,id,codec_type,codec_name,time_base,start_pts:stream_disposition=attached_pic";

        /// <summary>Finds ffprobe (or the program <paramref name="name"/>) on PATH, adding .exe on Windows; null when it is not there.</summary>
        public static string? FindOnPath(string name = "ffprobe")
        {
            string[] names = Path.DirectorySeparatorChar == '\\' && !name.EndsWith(".exe", StringComparison.OrdinalIgnoreCase) ? new[] { name + ".exe", name } : new[] { name };
            foreach (string directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
            {
                if (directory.Length == 0) continue;
                foreach (string file in names)
                {
                    string candidate = Path.Combine(directory, file);
                    if (File.Exists(candidate)) return candidate;
                }
            }
            return null;
        }

        /// <summary>The arguments for one run, one per element (tests and -Verbose show them).</summary>
        public static IReadOnlyList<string> Arguments(string mediaPath, bool frames)
        {
            string absolute = Path.GetFullPath(mediaPath);
            return new[]
            {
                "-v", "error", "-hide_banner",
                frames ? "-show_frames" : "-show_packets",
                // Which ffmpeg this is (the libavformat version ffprobe -version prints), for the model of that version.
                "-show_library_versions",
                "-show_entries", frames
                    ? "frame=stream_index,media_type,key_frame,pict_type,pts,pkt_dts,best_effort_timestamp,pkt_pos,nb_samples:" + Entries
                    : "packet=stream_index,pts,dts,flags,pos,size:" + Entries,
                "-of", "json",
                "-i", "file:" + absolute,
            };
        }

        /// <summary>
        /// Runs <paramref name="ffprobePath"/> on a file and reads its packets or frames as ffprobe prints them
        /// (<paramref name="onEntry"/> hears how many so far, on the calling thread).
        /// </summary>
        public static FfmpegView Run(string ffprobePath, string mediaPath, bool frames, TimeSpan timeout, CancellationToken cancellation = default,
            Action<long>? onEntry = null)
        {
            IReadOnlyList<string> arguments = Arguments(mediaPath, frames);
            var start = new ProcessStartInfo(ffprobePath)
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                CreateNoWindow = true,
                StandardOutputEncoding = Encoding.UTF8,
            };
            SetArguments(start, arguments);
            string description = ffprobePath + " " + string.Join(" ", arguments.Select(Quote));

            using var process = new Process { StartInfo = start };
            var stderr = new StringBuilder();
            process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is null) return;
                lock (stderr)
                {
                    if (stderr.Length < 64 * 1024) stderr.AppendLine(e.Data);
                }
            };
            try
            {
                process.Start();
            }
            catch (Win32Exception error)
            {
                throw new FfprobeException($"ffprobe could not be started ('{ffprobePath}'): {error.Message}", null, error);
            }
            process.StandardInput.Close();
            process.BeginErrorReadLine();

            bool timedOut = false;
            using var timer = new Timer(_ =>
            {
                timedOut = true;
                Kill(process);
            }, null, timeout, Timeout.InfiniteTimeSpan);
            using CancellationTokenRegistration registration = cancellation.Register(() => Kill(process));

            FfmpegView? view = null;
            Exception? parseError = null;
            try
            {
                view = FfmpegView.FromFfprobeJson(process.StandardOutput, description, onEntry);
            }
            catch (InvalidDataException error)
            {
                parseError = error;
            }
            process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            string errors;
            lock (stderr) errors = stderr.ToString();

            if (timedOut) throw new FfprobeException($"ffprobe did not finish within {timeout.TotalSeconds:0.#} s and was stopped ({description}).", errors);
            cancellation.ThrowIfCancellationRequested();
            if (process.ExitCode != 0) throw new FfprobeException($"ffprobe failed with exit code {process.ExitCode} ({description}).", errors);
            if (parseError is not null || view is null) throw new FfprobeException($"ffprobe's output could not be read: {parseError?.Message}", errors, parseError);
            return view;
        }

        /// <summary>
        /// Quotes one argument so that the runtime's command-line parser (Windows' rules, which .NET also
        /// applies on Unix) gives it back unchanged: backslashes are doubled only before a quote.
        /// </summary>
        public static string Quote(string argument)
        {
            if (argument.Length > 0 && argument.IndexOfAny(new[] { ' ', '\t', '\n', '\v', '"' }) < 0) return argument;
            var quoted = new StringBuilder("\"");
            int backslashes = 0;
            foreach (char c in argument)
            {
                if (c == '\\')
                {
                    backslashes++;
                    continue;
                }
                if (c == '"')
                {
                    quoted.Append('\\', backslashes * 2 + 1);
                }
                else
                {
                    quoted.Append('\\', backslashes);
                }
                backslashes = 0;
                quoted.Append(c);
            }
            quoted.Append('\\', backslashes * 2);
            quoted.Append('"');
            return quoted.ToString();
        }

        /// <summary>Uses ProcessStartInfo.ArgumentList where the runtime has it (one argument per element), else the quoted command line.</summary>
        internal static void SetArguments(ProcessStartInfo start, IReadOnlyList<string> arguments)
        {
            PropertyInfo? list = typeof(ProcessStartInfo).GetProperty("ArgumentList");
            if (list?.GetValue(start) is ICollection<string> collection)
            {
                foreach (string argument in arguments) collection.Add(argument);
                return;
            }
            start.Arguments = string.Join(" ", arguments.Select(Quote));
        }

        private static void Kill(Process process)
        {
            try
            {
                if (!process.HasExited) process.Kill();
            }
            catch (InvalidOperationException)
            {
                // It ended on its own.
            }
            catch (Win32Exception)
            {
                // It is already going away.
            }
        }
    }
}
