using System.Linq;
using System.Management.Automation;
using Mp4Timing;

namespace Mp4Timing.Commands
{
    /// <summary>
    /// <para type="synopsis">Gets the timing rules Test-Mp4Timing checks: each rule's name, severity, what it checks, whether it runs by default, and its settings with their defaults.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "Mp4TimingRule")]
    [OutputType(typeof(TimingRuleInfo))]
    public sealed class GetMp4TimingRuleCommand : PSCmdlet
    {
        /// <summary>Only the rules with these names (wildcards * and ?, as Test-Mp4Timing -Rule takes them).</summary>
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(TimingRuleCompleter))]
        public string[]? Name { get; set; }

        /// <summary>Only the rules of these severities.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public FindingSeverity[]? Severity { get; set; }

        // A rule that several names or patterns match is written once.
        private readonly System.Collections.Generic.HashSet<string> _written = new System.Collections.Generic.HashSet<string>();

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            foreach (string pattern in Name ?? new[] { "*" })
            {
                // The patterns -Rule, -ExcludeRule and settings files take: * and ?.
                var rules = TimingRuleSet.Find(pattern).ToList();
                if (rules.Count == 0)
                {
                    WriteError(new ErrorRecord(new ItemNotFoundException($"No timing rule matches '{pattern}'. The rules are {string.Join(", ", TimingRuleSet.AllRules.Select(r => r.Name))}."),
                        "RuleNotFound", ErrorCategory.ObjectNotFound, pattern));
                    continue;
                }
                foreach (TimingRuleInfo rule in rules)
                {
                    if ((Severity is null || Severity.Any(s => s.ToString() == rule.Severity)) && _written.Add(rule.Name)) WriteObject(rule);
                }
            }
        }
    }
}
