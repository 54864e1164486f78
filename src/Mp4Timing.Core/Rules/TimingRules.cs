using System.Collections.Generic;

namespace Mp4Timing.Rules
{
    /// <summary>Every timing rule, in the order Get-Mp4TimingRule lists them and about_Mp4TimingRules documents them.</summary>
    internal static class TimingRules
    {
        public static IReadOnlyList<TimingRule> All { get; } = new TimingRule[]
        {
            new DtsNotIncreasing(),
            new FragmentTimeJump(),
            new DuplicatePts(),
            new PresentationGap(),
            new PtsBeforeDts(),
            new StartsOnNonSyncSample(),
            new OpenGopStart(),
            new SyncSampleNotIntra(),
            new VideoStartDelay(),
            new MissingSyncSampleTable(),
            new LongSyncInterval(),
            new AvStartOffset(),
            new DurationMismatch(),
            new HeaderDurationMismatch(),
            new EditOutsideMedia(),
            new VariableFrameRate(),
            new TimescaleRounding(),
            new ZeroDurationSample(),
            new AudioPrimingNotSignalled(),
            new SampleDataMissing(),
            new FfmpegDiffersFromIso(),
        };
    }
}
