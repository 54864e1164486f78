namespace Mp4Timing.Rules
{
    /// <summary>
    /// One timing rule, as PSScriptAnalyzer keeps its rules: what it is called, how much its findings matter, what it
    /// checks and which settings it takes (<see cref="Info"/>), and the check itself. A rule looks at each track through
    /// a <see cref="TrackCheck"/> that the runner feeds during the one pass it makes over the track's tables, and at the
    /// movie as a whole once every track has been read. Every rule is listed in <see cref="TimingRules.All"/>.
    /// </summary>
    internal interface ITimingRule
    {
        /// <summary>Name, severity, description, whether it runs by default, settings and their defaults.</summary>
        TimingRuleInfo Info { get; }

        /// <summary>The rule's check of one track, or null when the rule has nothing to check in it (an audio rule and a video track...).</summary>
        TrackCheck? CheckTrack(TrackContext track, RuleOptions options);

        /// <summary>After every track has been read and checked: findings about the movie as a whole (nothing for most rules).</summary>
        void CheckMovie(MovieContext movie, RuleOptions options, FindingList findings);
    }
}
