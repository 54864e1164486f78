using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
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
            _rules = TimingRulesArgument.Create(this, Rule, ExcludeRule, Severity, Settings);
            WriteVerbose($"Rules: {string.Join(", ", _rules.Rules.Select(r => r.Name))}.");
            base.BeginProcessing();
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
                findings = TimingRulesArgument.Check(_rules, movie, tracks, ReadState, error =>
                {
                    failed = true;
                    WriteFormatError(error, path);
                }, progress);
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
