using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using Mp4Timing;

namespace Mp4Timing.Commands
{
    /// <summary>Completes -TrackId and -Kind from the tracks of the file already given with -Path or -LiteralPath.</summary>
    public sealed class TrackCompleter : IArgumentCompleter
    {
        /// <inheritdoc />
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var results = new List<CompletionResult>();
            string? file = GivenFile(fakeBoundParameters);
            if (file is null) return results;
            try
            {
                using Mp4Movie movie = Mp4Movie.Open(file);
                if (string.Equals(parameterName, "Kind", StringComparison.OrdinalIgnoreCase))
                {
                    foreach (TrackKind kind in movie.Tracks.Select(t => t.Kind).Distinct())
                    {
                        string text = kind.ToString();
                        if (text.StartsWith(wordToComplete, StringComparison.OrdinalIgnoreCase))
                        {
                            results.Add(new CompletionResult(text, text, CompletionResultType.ParameterValue,
                                string.Join(", ", movie.Tracks.Where(t => t.Kind == kind).Select(t => $"track {t.TrackId} ({t.Codec})"))));
                        }
                    }
                }
                else
                {
                    foreach (Mp4Track track in movie.Tracks)
                    {
                        string text = track.TrackId.ToString(System.Globalization.CultureInfo.InvariantCulture);
                        if (text.StartsWith(wordToComplete, StringComparison.Ordinal))
                        {
                            results.Add(new CompletionResult(text, $"{text} ({track.Handler} {track.Codec})", CompletionResultType.ParameterValue, track.ToString()));
                        }
                    }
                }
            }
            catch (Exception error) when (error is Mp4FormatException or IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                // No completions for a file that cannot be read.
            }
            return results;
        }

        private static string? GivenFile(IDictionary bound)
        {
            object? value = bound["LiteralPath"] ?? bound["Path"];
            string? path = value switch
            {
                string s => s,
                IEnumerable many => many.Cast<object>().FirstOrDefault()?.ToString(),
                _ => null,
            };
            if (string.IsNullOrEmpty(path)) return null;
            string full;
            try
            {
                // Relative to PowerShell's current location (a nested pipeline in the completing runspace), not the process's directory.
                using PowerShell shell = PowerShell.Create(RunspaceMode.CurrentRunspace);
                shell.AddCommand("Microsoft.PowerShell.Management\\Get-Location");
                string? location = shell.Invoke<PathInfo>().FirstOrDefault()?.ProviderPath;
                full = location is null ? System.IO.Path.GetFullPath(path) : System.IO.Path.Combine(location, path);
            }
            catch (Exception error) when (error is PSInvalidOperationException or InvalidOperationException or NotSupportedException or ArgumentException or RuntimeException)
            {
                return null;
            }
            return File.Exists(full) ? full : null;
        }
    }

    /// <summary>Completes -Type of Get-Mp4Box from the box types Mp4Timing knows.</summary>
    public sealed class BoxTypeCompleter : IArgumentCompleter
    {
        /// <inheritdoc />
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            string prefix = wordToComplete.Trim('\'', '"');
            return Mp4BoxReader.KnownBoxTypes
                .Where(type => type.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                .Select(type => new CompletionResult(type.IndexOf(' ') >= 0 || type.IndexOf('.') == 0 ? $"'{type}'" : type, type, CompletionResultType.ParameterValue, type));
        }
    }
}

namespace Mp4Timing.Commands
{
    /// <summary>Accepts only the names of <see cref="TrackKind"/> values (any case).</summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class ValidateTrackKindAttribute : ValidateArgumentsAttribute
    {
        /// <inheritdoc />
        protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
        {
            IEnumerable values = arguments as IEnumerable ?? new[] { arguments };
            foreach (object? value in values)
            {
                string? text = value?.ToString();
                if (text is null || !Enum.GetNames(typeof(TrackKind)).Contains(text, StringComparer.OrdinalIgnoreCase))
                {
                    throw new ValidationMetadataException($"'{text}' is not a track kind. Use one of: {string.Join(", ", Enum.GetNames(typeof(TrackKind)))}.");
                }
            }
        }
    }

    /// <summary>Completes -FfmpegVersion with the versions the model follows.</summary>
    public sealed class FfmpegVersionCompleter : IArgumentCompleter
    {
        /// <inheritdoc />
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters) =>
            Ffmpeg.FfmpegVersions.Modelled
                .Select(Ffmpeg.FfmpegVersions.Name)
                .Where(name => name.StartsWith(wordToComplete, StringComparison.OrdinalIgnoreCase))
                .Select(name => new CompletionResult(name, name, CompletionResultType.ParameterValue, $"the model of ffmpeg {name}'s MP4 demuxer"))
                .ToList();
    }
}
