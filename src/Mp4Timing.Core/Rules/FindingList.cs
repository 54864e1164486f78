using System.Collections.Generic;

namespace Mp4Timing.Rules
{
    /// <summary>The findings of one file, as the rules add them.</summary>
    internal sealed class FindingList
    {
        private readonly List<TimingFinding> _findings = new List<TimingFinding>();
        private readonly string? _path;

        public FindingList(string? path) => _path = path;

        public IReadOnlyList<TimingFinding> Items => _findings;

        /// <summary>
        /// Adds a finding of <paramref name="rule"/> about track <paramref name="trackId"/> (0: the file as a whole): the first
        /// sample concerned (1-based, decode order) and its presentation time in seconds where one applies, how many samples or
        /// places are concerned, what was found, and the fix where one is known.
        /// </summary>
        public void Add(TimingRuleInfo rule, uint trackId, long? sample, double? time, long count, string message, string hint = "") =>
            _findings.Add(new TimingFinding
            {
                Path = _path,
                TrackId = trackId,
                Rule = rule.Name,
                SeverityValue = rule.SeverityValue,
                Sample = sample,
                Time = time,
                Count = count,
                Message = message,
                Hint = hint,
            });
    }
}
