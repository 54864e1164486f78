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
    /// The timing rules a cmdlet runs, from its -Rule, -ExcludeRule, -Severity and -Settings arguments: Test-Mp4Timing's
    /// choice, and Export-Mp4Timeline's (-Settings only), read the same way. A mistake in them stops the cmdlet with an
    /// error that names it.
    /// </summary>
    internal static class TimingRulesArgument
    {
        /// <summary>
        /// The rule set, or a terminating error (InvalidTimingRules, InvalidTimingSettings, SettingsNotFound) on <paramref name="cmdlet"/>.
        /// <paramref name="settings"/> is a hashtable, or the path (or FileInfo) of a .psd1 file that holds one.
        /// </summary>
        public static TimingRuleSet Create(PSCmdlet cmdlet, string[]? rule = null, string[]? excludeRule = null, FindingSeverity[]? severity = null, object? settings = null)
        {
            (IDictionary? table, string source) = ReadSettings(cmdlet, settings);
            try
            {
                return TimingRuleSet.Create(rule, excludeRule, severity, table, source);
            }
            catch (ArgumentException error)
            {
                cmdlet.ThrowTerminatingError(new ErrorRecord(error, "InvalidTimingRules", ErrorCategory.InvalidArgument, settings ?? rule));
                return null!;
            }
        }

        /// <summary>-Settings as a dictionary: a hashtable as given, or the hashtable of a .psd1 file (read as data: nothing in it runs).</summary>
        private static (IDictionary? Settings, string Source) ReadSettings(PSCmdlet cmdlet, object? settings)
        {
            object? value = settings is PSObject wrapped ? wrapped.BaseObject : settings;
            switch (value)
            {
                case null:
                    return (null, "the settings");
                case IDictionary table:
                    return (Plain(table), "-Settings");
                case FileInfo file:
                    return (ReadSettingsFile(cmdlet, file.FullName), file.FullName);
                case string path:
                    string resolved = cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);
                    return (ReadSettingsFile(cmdlet, resolved), resolved);
                default:
                    cmdlet.ThrowTerminatingError(new ErrorRecord(new ArgumentException($"-Settings takes a hashtable or the path of a .psd1 file, not a {value.GetType().Name}."),
                        "InvalidTimingSettings", ErrorCategory.InvalidArgument, value));
                    return (null, "");
            }
        }

        private static IDictionary ReadSettingsFile(PSCmdlet cmdlet, string path)
        {
            if (!File.Exists(path))
            {
                cmdlet.ThrowTerminatingError(new ErrorRecord(new ItemNotFoundException($"The settings file '{path}' does not exist."), "SettingsNotFound", ErrorCategory.ObjectNotFound, path));
            }
            ScriptBlockAst ast = Parser.ParseFile(path, out _, out ParseError[] errors);
            if (errors.Length > 0)
            {
                cmdlet.ThrowTerminatingError(new ErrorRecord(new ArgumentException($"{path} is not valid PowerShell data: {errors[0].Message} (line {errors[0].Extent.StartLineNumber})."),
                    "InvalidTimingSettings", ErrorCategory.InvalidArgument, path));
            }
            // A settings file holds one hashtable, as PSScriptAnalyzer's do: it is read as data, never run.
            var statements = ast.EndBlock?.Statements;
            if (ast.ParamBlock is not null || ast.BeginBlock is not null || ast.ProcessBlock is not null || statements is null || statements.Count != 1
                || statements[0] is not PipelineAst { PipelineElements.Count: 1 } pipeline
                || pipeline.PipelineElements[0] is not CommandExpressionAst { Expression: HashtableAst table })
            {
                cmdlet.ThrowTerminatingError(new ErrorRecord(new ArgumentException($"{path} must hold one hashtable, @{{ ... }}, and nothing else."),
                    "InvalidTimingSettings", ErrorCategory.InvalidArgument, path));
                return null!;
            }
            try
            {
                return Plain((IDictionary)table.SafeGetValue());
            }
            catch (InvalidOperationException error)
            {
                cmdlet.ThrowTerminatingError(new ErrorRecord(new ArgumentException($"{path} must hold constant values only (numbers, strings, $true, $false, arrays and hashtables): {error.Message}", error),
                    "InvalidTimingSettings", ErrorCategory.InvalidArgument, path));
                return null!;
            }
        }

        /// <summary>The hashtable with every value unwrapped from PSObject, down through arrays and nested hashtables, for the core to read.</summary>
        private static IDictionary Plain(IDictionary table)
        {
            var plain = new Hashtable(StringComparer.OrdinalIgnoreCase);
            foreach (DictionaryEntry entry in table) plain[Plain(entry.Key)?.ToString() ?? ""] = Plain(entry.Value);
            return plain;
        }

        private static object? Plain(object? value)
        {
            if (value is PSObject wrapped) value = wrapped.BaseObject;
            return value switch
            {
                IDictionary table => Plain(table),
                string text => text,
                IEnumerable many => many.Cast<object?>().Select(Plain).ToArray(),
                _ => value,
            };
        }

        /// <summary>
        /// Runs <paramref name="rules"/> over <paramref name="tracks"/> of <paramref name="movie"/>, showing the reading on
        /// <paramref name="progress"/>: <paramref name="track"/> and the track's number, and the sample of how many (fragmented
        /// files do not say how many in advance). <paramref name="trackInfos"/>, when given, gets the summary of each track read to
        /// its end (as <see cref="TimingRuleSet.Check"/> says), with the start times of <paramref name="ffmpegVersion"/>.
        /// </summary>
        public static IReadOnlyList<TimingFinding> Check(TimingRuleSet rules, Mp4Movie movie, IReadOnlyList<Mp4Track> tracks, SampleReadState? state,
            Action<Mp4FormatException> onError, ProgressThrottle progress, string track = "Track", ICollection<TrackInfo>? trackInfos = null,
            Version? ffmpegVersion = null) =>
            rules.Check(movie, tracks, state, onError, (read, sample) => progress.Report(
                () => $"{track} {read.TrackId} ({read.Handler} {read.Codec}): sample {sample}" + (movie.IsFragmented ? "" : $" of {read.SampleCount}"),
                () => movie.IsFragmented || read.SampleCount == 0 ? -1 : (double)sample / read.SampleCount), trackInfos, ffmpegVersion);
    }
}
