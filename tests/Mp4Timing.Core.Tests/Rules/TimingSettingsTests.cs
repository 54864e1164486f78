using System;
using System.Collections;
using System.Linq;

namespace Mp4Timing.Tests.Rules
{
    /// <summary>Choosing rules and reading settings: what runs, and every mistake an error that names it.</summary>
    public class TimingSettingsTests
    {
        private static Hashtable Rules(string rule, Hashtable settings) => new Hashtable { ["Rules"] = new Hashtable { [rule] = settings } };

        private static string[] Names(TimingRuleSet set) => set.Rules.Select(r => r.Name).ToArray();

        [Fact]
        public void TheRulesOfTheContractsAndVideoStartDelay()
        {
            var expected = new (string Name, string Severity)[]
            {
                ("DtsNotIncreasing", "Error"), ("FragmentTimeJump", "Warning"), ("DuplicatePts", "Error"), ("PresentationGap", "Warning"),
                ("PtsBeforeDts", "Warning"), ("StartsOnNonSyncSample", "Warning"),
                ("OpenGopStart", "Warning"), ("SyncSampleNotIntra", "Error"), ("VideoStartDelay", "Warning"), ("MissingSyncSampleTable", "Warning"), ("LongSyncInterval", "Warning"),
                ("AvStartOffset", "Warning"), ("DurationMismatch", "Warning"), ("HeaderDurationMismatch", "Warning"), ("EditOutsideMedia", "Error"),
                ("VariableFrameRate", "Information"), ("TimescaleRounding", "Warning"), ("ZeroDurationSample", "Warning"),
                ("AudioPrimingNotSignalled", "Information"), ("SampleDataMissing", "Error"), ("FfmpegDiffersFromIso", "Warning"),
            };
            Assert.Equal(expected, TimingRuleSet.AllRules.Select(r => (r.Name, r.Severity)).ToArray());
            Assert.All(TimingRuleSet.AllRules, r => Assert.False(string.IsNullOrWhiteSpace(r.Description)));
        }

        [Fact]
        public void TheDefaultsOfTheContract()
        {
            TimingRuleInfo av = TimingRuleSet.AllRules.Single(r => r.Name == "AvStartOffset");
            Assert.Equal(new object[] { 40.0, 60.0 }, av.Settings.Select(s => s.DefaultValue));
            Assert.Equal(new[] { "AudioLeadMs", "AudioLagMs" }, av.Settings.Select(s => s.Name));
            Assert.Equal(10.0, TimingRuleSet.AllRules.Single(r => r.Name == "LongSyncInterval").Settings.Single().DefaultValue);
            Assert.Equal(100.0, TimingRuleSet.AllRules.Single(r => r.Name == "DurationMismatch").Settings.Single().DefaultValue);
            Assert.Equal(0.5, TimingRuleSet.AllRules.Single(r => r.Name == "PresentationGap").Settings.Single().DefaultValue);
            Assert.Equal(1.0, TimingRuleSet.AllRules.Single(r => r.Name == "HeaderDurationMismatch").Settings.Single().DefaultValue);
            Assert.Equal("5.1", TimingRuleSet.AllRules.Single(r => r.Name == "FfmpegDiffersFromIso").Settings.Single().DefaultValue);
        }

        [Fact]
        public void EveryRuleRunsByDefaultButTheFfmpegModel()
        {
            Assert.Equal(TimingRuleSet.AllRules.Select(r => r.Name).Where(n => n != "FfmpegDiffersFromIso"), Names(TimingRuleSet.Create()));
            Assert.Equal(TimingRuleSet.AllRules.Select(r => r.Name), Names(TimingRuleSet.Create(new[] { "*" })));
            Assert.Contains("FfmpegDiffersFromIso", Names(TimingRuleSet.Create(settings: Rules("FfmpegDiffersFromIso", new Hashtable { ["Enable"] = true }))));
            Assert.DoesNotContain("AvStartOffset", Names(TimingRuleSet.Create(settings: Rules("AvStartOffset", new Hashtable { ["enable"] = false }))));
        }

        [Fact]
        public void RulesExcludedRulesAndSeveritiesChoose()
        {
            Assert.Equal(new[] { "DtsNotIncreasing", "DuplicatePts" }, Names(TimingRuleSet.Create(new[] { "dts*", "DuplicatePts" })));
            Assert.Equal(new[] { "DuplicatePts" }, Names(TimingRuleSet.Create(new[] { "dts*", "DuplicatePts" }, new[] { "DtsNotIncreasing" })));
            Assert.Equal(new[] { "VariableFrameRate", "AudioPrimingNotSignalled" }, Names(TimingRuleSet.Create(severity: new[] { FindingSeverity.Information })));
            Assert.Equal(new[] { "DtsNotIncreasing", "DuplicatePts", "SyncSampleNotIntra", "EditOutsideMedia", "SampleDataMissing" },
                Names(TimingRuleSet.Create(settings: new Hashtable { ["Severity"] = "Error" })));
            // The settings' IncludeRules and ExcludeRules, and -ExcludeRule added to them.
            var settings = new Hashtable { ["IncludeRules"] = new object[] { "*Pts*", "*Iso" }, ["ExcludeRules"] = "PtsBeforeDts" };
            Assert.Equal(new[] { "DuplicatePts", "FfmpegDiffersFromIso" }, Names(TimingRuleSet.Create(settings: settings)));
            Assert.Equal(new[] { "DuplicatePts" }, Names(TimingRuleSet.Create(excludeRules: new[] { "Ffmpeg*" }, settings: settings)));
            // -Rule overrides IncludeRules.
            Assert.Equal(new[] { "ZeroDurationSample" }, Names(TimingRuleSet.Create(new[] { "ZeroDurationSample" }, settings: settings)));
        }

        [Theory]
        [InlineData("Rulez", "'Rulez' is not a settings key. The keys are IncludeRules, ExcludeRules, Severity, Rules.")]
        [InlineData("IncludeRules", "IncludeRules names 'DtsNotIncreasin', which is not a timing rule.")]
        [InlineData("ExcludeRules", "ExcludeRules names 'Nothing*', which is not a timing rule pattern that matches any rule.")]
        [InlineData("Severity", "'Fatal' is not a severity. The severities are Information, Warning, Error.")]
        [InlineData("RulesName", "Rules names 'AvStart', which is not a timing rule.")]
        [InlineData("SettingName", "Rules.AvStartOffset.AudioLead: AvStartOffset has no setting 'AudioLead'. Its settings are Enable, AudioLeadMs, AudioLagMs.")]
        [InlineData("Text", "Rules.AvStartOffset.AudioLeadMs must be a number, not 'forty'.")]
        [InlineData("Negative", "Rules.LongSyncInterval.MaximumSeconds must be a number from 0 to 1,000,000,000, not -1.")]
        [InlineData("Huge", "Rules.LongSyncInterval.MaximumSeconds must be a number from 0 to 1,000,000,000, not 1E+30.")]
        [InlineData("Enable", "Rules.DuplicatePts.Enable must be $true or $false, not 'yes'.")]
        [InlineData("Version", "Rules.FfmpegDiffersFromIso.FfmpegVersion: 'latest' is not an ffmpeg version: give one like 5.1, 6.1 or 9.0.")]
        [InlineData("NotATable", "Rules.AvStartOffset must be a hashtable of settings, e.g. @{ AudioLeadMs = 40 }.")]
        public void AMistakeInTheSettingsIsAnErrorThatNamesIt(string mistake, string message)
        {
            Hashtable settings = mistake switch
            {
                "Rulez" => new Hashtable { ["Rulez"] = new Hashtable() },
                "IncludeRules" => new Hashtable { ["IncludeRules"] = new[] { "DtsNotIncreasin" } },
                "ExcludeRules" => new Hashtable { ["ExcludeRules"] = new[] { "Nothing*" } },
                "Severity" => new Hashtable { ["Severity"] = new[] { "Error", "Fatal" } },
                "RulesName" => Rules("AvStart", new Hashtable { ["AudioLeadMs"] = 40 }),
                "SettingName" => Rules("AvStartOffset", new Hashtable { ["AudioLead"] = 40 }),
                "Text" => Rules("AvStartOffset", new Hashtable { ["AudioLeadMs"] = "forty" }),
                "Negative" => Rules("LongSyncInterval", new Hashtable { ["MaximumSeconds"] = -1 }),
                "Huge" => Rules("LongSyncInterval", new Hashtable { ["MaximumSeconds"] = 1e30 }),
                "Enable" => Rules("DuplicatePts", new Hashtable { ["Enable"] = "yes" }),
                "Version" => Rules("FfmpegDiffersFromIso", new Hashtable { ["FfmpegVersion"] = "latest" }),
                _ => new Hashtable { ["Rules"] = new Hashtable { ["AvStartOffset"] = 40 } },
            };

            var error = Assert.Throws<ArgumentException>(() => TimingRuleSet.Create(settings: settings, settingsSource: "team.psd1"));

            Assert.StartsWith("team.psd1: ", error.Message);
            Assert.Contains(message, error.Message);
        }

        [Fact]
        public void AnUnknownRuleNameOfTheParametersIsAnError()
        {
            var error = Assert.Throws<ArgumentException>(() => TimingRuleSet.Create(new[] { "NoSuchRule" }));
            Assert.StartsWith("-Rule: -Rule names 'NoSuchRule', which is not a timing rule. The rules are DtsNotIncreasing, FragmentTimeJump,", error.Message);
            Assert.Throws<ArgumentException>(() => TimingRuleSet.Create(excludeRules: new[] { "X?z" }));
        }
    }
}
