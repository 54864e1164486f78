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
    /// <summary>
    /// Completes -TrackId and -Kind from the tracks of the file already given with -Path or -LiteralPath (or of
    /// the init segment given with -InitSegment, which describes the tracks of media segments).
    /// </summary>
    public sealed class TrackCompleter : IArgumentCompleter
    {
        /// <inheritdoc />
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var results = new List<CompletionResult>();
            string? file = CompletedFile.Resolve(fakeBoundParameters["InitSegment"], literal: true) ?? CompletedFile.Named(fakeBoundParameters);
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
    }

    /// <summary>
    /// Completes -Type of Get-Mp4Box: first the box types of the file already given (with how many boxes of
    /// each it holds), then the other types Mp4Timing decodes.
    /// </summary>
    public sealed class BoxTypeCompleter : IArgumentCompleter
    {
        /// <inheritdoc />
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            string prefix = wordToComplete.Trim('\'', '"');
            var inFile = new SortedDictionary<string, int>(StringComparer.Ordinal);
            if (CompletedFile.Named(fakeBoundParameters) is string file)
            {
                try
                {
                    foreach (Box box in Mp4BoxReader.ReadBoxes(file, onError: _ => { })) inFile[box.Type] = inFile.TryGetValue(box.Type, out int n) ? n + 1 : 1;
                }
                catch (Exception error) when (error is Mp4FormatException or IOException or UnauthorizedAccessException)
                {
                    // Complete from the types read before the damage, and the known ones.
                }
            }
            var results = new List<CompletionResult>();
            foreach (var (type, count) in inFile.Select(pair => (pair.Key, pair.Value)))
            {
                if (type.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) results.Add(Result(type, $"{type}: {count} in this file"));
            }
            foreach (string type in Mp4BoxReader.KnownBoxTypes.OrderBy(t => t, StringComparer.Ordinal))
            {
                if (!inFile.ContainsKey(type) && type.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) results.Add(Result(type, type));
            }
            return results;
        }

        private static CompletionResult Result(string type, string toolTip) =>
            new CompletionResult(type.IndexOf(' ') >= 0 || type.IndexOf('.') == 0 || type.IndexOf('\'') >= 0 ? "'" + type.Replace("'", "''") + "'" : type,
                type, CompletionResultType.ParameterValue, toolTip);
    }

    /// <summary>The file whose content a completer reads: the one the command line already names.</summary>
    internal static class CompletedFile
    {
        /// <summary>
        /// The file named by -LiteralPath or -Path, resolved in the completing runspace as the cmdlet will resolve
        /// it (relative to the current location; -Path with its wildcards and escapes), or null.
        /// </summary>
        public static string? Named(IDictionary bound) => Resolve(bound["LiteralPath"], literal: true) ?? Resolve(bound["Path"], literal: false);

        /// <summary>The first existing file a parameter value names, or null.</summary>
        public static string? Resolve(object? value, bool literal)
        {
            string? path = value switch
            {
                string s => s,
                IEnumerable many => many.Cast<object>().FirstOrDefault()?.ToString(),
                _ => null,
            };
            if (string.IsNullOrEmpty(path)) return null;
            try
            {
                // A nested pipeline in the completing runspace: PowerShell's location and path rules, not the process's.
                using PowerShell shell = PowerShell.Create(RunspaceMode.CurrentRunspace);
                shell.AddCommand("Microsoft.PowerShell.Management\\Resolve-Path")
                    .AddParameter(literal ? "LiteralPath" : "Path", path)
                    .AddParameter("ErrorAction", ActionPreference.Ignore);
                return shell.Invoke<PathInfo>()
                    .Where(info => info.Provider.ImplementingType == typeof(Microsoft.PowerShell.Commands.FileSystemProvider))
                    .Select(info => info.ProviderPath)
                    .FirstOrDefault(File.Exists);
            }
            catch (Exception error) when (error is PSInvalidOperationException or InvalidOperationException or NotSupportedException or ArgumentException or RuntimeException)
            {
                return null;
            }
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

namespace Mp4Timing.Commands
{
    /// <summary>Completes rule names (-Rule, -ExcludeRule, Get-Mp4TimingRule -Name), with each rule's severity and description as the tooltip.</summary>
    public sealed class TimingRuleCompleter : IArgumentCompleter
    {
        /// <inheritdoc />
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            string prefix = wordToComplete.Trim('\'', '"');
            var pattern = WildcardPattern.Get(prefix + "*", WildcardOptions.IgnoreCase);
            return TimingRuleSet.AllRules
                .Where(rule => pattern.IsMatch(rule.Name))
                .Select(rule => new CompletionResult(rule.Name, rule.Name, CompletionResultType.ParameterValue,
                    $"{rule.Severity}{(rule.Enabled ? "" : ", off by default")}: {rule.Description}"))
                .ToList();
        }
    }
}
