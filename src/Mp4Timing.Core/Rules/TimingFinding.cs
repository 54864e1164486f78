namespace Mp4Timing
{
    /// <summary>How much a timing finding matters.</summary>
    public enum FindingSeverity
    {
        /// <summary>Worth knowing; not a fault.</summary>
        Information,
        /// <summary>Players may disagree or misbehave.</summary>
        Warning,
        /// <summary>The timing is wrong: samples decode or show at impossible times.</summary>
        Error,
    }

    /// <summary>
    /// What one timing rule found in one track (or, for rules about the whole file, the file): one finding per
    /// rule and track, naming the first sample concerned and how many are.
    /// </summary>
    public sealed class TimingFinding
    {
        /// <summary>The file.</summary>
        public string? Path { get; internal set; }

        /// <summary>tkhd track_ID of the track concerned (0 when the finding is about the file as a whole).</summary>
        public uint TrackId { get; internal set; }

        /// <summary>The rule's name (DtsNotIncreasing, AvStartOffset...).</summary>
        public string Rule { get; internal set; } = "";

        /// <summary>Error, Warning or Information (a string, as scripts and JSON read it).</summary>
        public string Severity => SeverityValue.ToString();

        internal FindingSeverity SeverityValue { get; set; }

        /// <summary>The first sample concerned: 1-based, in decode order; null when the finding is about no one sample.</summary>
        public long? Sample { get; internal set; }

        /// <summary>That sample's presentation time in seconds (or the time the finding is about); null when none applies.</summary>
        public double? Time { get; internal set; }

        /// <summary>How many samples (or places) the finding concerns.</summary>
        public long Count { get; internal set; }

        /// <summary>What was found, in plain words with the numbers.</summary>
        public string Message { get; internal set; } = "";

        /// <summary>How to fix it, where a fix is known; else empty.</summary>
        public string Hint { get; internal set; } = "";

        /// <inheritdoc />
        public override string ToString() => $"{Severity} {Rule} (track {TrackId}): {Message}";
    }
}
