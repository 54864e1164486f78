namespace Mp4Timing.Rules
{
    /// <summary>
    /// One timing rule, as PSScriptAnalyzer keeps its rules: what it is called, how much its findings matter, what it
    /// checks and which settings it takes (<see cref="Info"/>), and the check itself. A rule looks at each track through
    /// a <see cref="TrackCheck"/> that the runner feeds during the one pass it makes over the track's tables, and at the
    /// movie as a whole once every track has been read (most rules have nothing to say of it). Every rule is listed in
    /// <see cref="TimingRules.All"/>.
    /// </summary>
    internal abstract class TimingRule
    {
        /// <summary>Name, severity, description, whether it runs by default, settings and their defaults.</summary>
        public abstract TimingRuleInfo Info { get; }

        /// <summary>The rule's check of one track, or null when the rule has nothing to check in it (an audio rule and a video track...).</summary>
        public abstract TrackCheck? CheckTrack(TrackContext track, RuleOptions options);

        /// <summary>After every track has been read and checked: findings about the movie as a whole (none by default).</summary>
        public virtual void CheckMovie(MovieContext movie, RuleOptions options, FindingList findings)
        {
        }
    }
}
