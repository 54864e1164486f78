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
    /// <para type="synopsis">Checks the timing of MP4 / QuickTime files against named rules (decode order, presentation gaps, audio/video start, edit lists, key frames...) and writes what each rule finds.</para>
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "Mp4Timing", DefaultParameterSetName = PathSet)]
    [OutputType(typeof(TimingFinding), typeof(bool))]
    public sealed class TestMp4TimingCommand : Mp4TrackCmdletBase
    {
        private TimingRuleSet _rules = null!;

        /// <summary>Only these rules (names or wildcard patterns); this also runs rules that are off by default.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(TimingRuleCompleter))]
        public string[]? Rule { get; set; }

        /// <summary>Leave out these rules (names or wildcard patterns).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(TimingRuleCompleter))]
        public string[]? ExcludeRule { get; set; }

        /// <summary>Only the rules of these severities.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public FindingSeverity[]? Severity { get; set; }

        /// <summary>A settings hashtable, or the path of a .psd1 file that holds one: IncludeRules, ExcludeRules, Severity, and Rules with each rule's settings.</summary>
        [Parameter]
        [ValidateNotNull]
        public object? Settings { get; set; }

        /// <summary>Write one Boolean per file instead of the findings: $true when no rule finds anything at Warning or above and the file could be read.</summary>
        [Parameter]
        public SwitchParameter Quiet { get; set; }

        /// <inheritdoc />
        protected override void BeginProcessing()
        {
            (IDictionary? settings, string source) = ReadSettings();
            try
            {
                _rules = TimingRuleSet.Create(Rule, ExcludeRule, Severity, settings, source);
            }
            catch (ArgumentException error)
            {
                ThrowTerminatingError(new ErrorRecord(error, "InvalidTimingRules", ErrorCategory.InvalidArgument, (object?)Settings ?? Rule));
            }
            WriteVerbose($"Rules: {string.Join(", ", _rules.Rules.Select(r => r.Name))}.");
            base.BeginProcessing();
        }

        /// <summary>-Settings as a dictionary: a hashtable as given, or the hashtable of a .psd1 file (read as data: nothing in it runs).</summary>
        private (IDictionary? Settings, string Source) ReadSettings()
        {
            object? value = Settings is PSObject wrapped ? wrapped.BaseObject : Settings;
            switch (value)
            {
                case null:
                    return (null, "the settings");
                case IDictionary table:
                    return (Plain(table), "-Settings");
                case FileInfo file:
                    return (ReadSettingsFile(file.FullName), file.FullName);
                case string path:
                    string resolved = SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);
                    return (ReadSettingsFile(resolved), resolved);
                default:
                    ThrowTerminatingError(new ErrorRecord(new ArgumentException($"-Settings takes a hashtable or the path of a .psd1 file, not a {value.GetType().Name}."),
                        "InvalidTimingSettings", ErrorCategory.InvalidArgument, value));
                    return (null, "");
            }
        }

        private IDictionary ReadSettingsFile(string path)
        {
            if (!File.Exists(path))
            {
                ThrowTerminatingError(new ErrorRecord(new ItemNotFoundException($"The settings file '{path}' does not exist."), "SettingsNotFound", ErrorCategory.ObjectNotFound, path));
            }
            ScriptBlockAst ast = Parser.ParseFile(path, out _, out ParseError[] errors);
            if (errors.Length > 0)
            {
                ThrowTerminatingError(new ErrorRecord(new ArgumentException($"{path} is not valid PowerShell data: {errors[0].Message} (line {errors[0].Extent.StartLineNumber})."),
                    "InvalidTimingSettings", ErrorCategory.InvalidArgument, path));
            }
            // A settings file holds one hashtable, as PSScriptAnalyzer's do: it is read as data, never run.
            var statements = ast.EndBlock?.Statements;
            if (ast.ParamBlock is not null || ast.BeginBlock is not null || ast.ProcessBlock is not null || statements is null || statements.Count != 1
                || statements[0] is not PipelineAst { PipelineElements.Count: 1 } pipeline
                || pipeline.PipelineElements[0] is not CommandExpressionAst { Expression: HashtableAst table })
            {
                ThrowTerminatingError(new ErrorRecord(new ArgumentException($"{path} must hold one hashtable, @{{ ... }}, and nothing else."),
                    "InvalidTimingSettings", ErrorCategory.InvalidArgument, path));
                return null!;
            }
            try
            {
                return Plain((IDictionary)table.SafeGetValue());
            }
            catch (InvalidOperationException error)
            {
                ThrowTerminatingError(new ErrorRecord(new ArgumentException($"{path} must hold constant values only (numbers, strings, $true, $false, arrays and hashtables): {error.Message}", error),
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

        /// <inheritdoc />
        protected override void ProcessFile(string path)
        {
            bool failed = false;
            IReadOnlyList<TimingFinding> findings;
            var progress = new ProgressThrottle(this, 1, $"Test-Mp4Timing {System.IO.Path.GetFileName(path)}");
            try
            {
                using Mp4Movie movie = OpenMovie(path);
                var tracks = SelectTracks(movie, path).ToList();
                findings = _rules.Check(movie, tracks, ReadState, error =>
                {
                    failed = true;
                    WriteFormatError(error, path);
                }, (track, sample) => progress.Report(
                    () => $"Track {track.TrackId} ({track.Handler} {track.Codec}): sample {sample}" + (movie.IsFragmented ? "" : $" of {track.SampleCount}"),
                    () => movie.IsFragmented || track.SampleCount == 0 ? -1 : (double)sample / track.SampleCount));
            }
            catch (Exception error) when (Quiet && error is Mp4FormatException or IOException or UnauthorizedAccessException)
            {
                // The base class writes the error; with -Quiet the file also gets its answer.
                progress.Complete();
                WriteObject(false);
                throw;
            }
            progress.Complete();
            if (Quiet)
            {
                WriteObject(!failed && findings.All(f => f.Severity == nameof(FindingSeverity.Information)));
                return;
            }
            foreach (TimingFinding finding in findings)
            {
                WriteVerbose($"{path}: {finding}");
                WriteObject(finding);
            }
        }
    }
}
