using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Mp4Timing
{
    /// <summary>A timing rule as Get-Mp4TimingRule shows it: name, severity, what it checks, whether it runs by default, and its settings.</summary>
    public sealed class TimingRuleInfo
    {
        internal TimingRuleInfo(string name, FindingSeverity severity, string description, params TimingRuleSetting[] settings)
            : this(name, severity, description, true, settings)
        {
        }

        internal TimingRuleInfo(string name, FindingSeverity severity, string description, bool enabled, params TimingRuleSetting[] settings)
        {
            Name = name;
            SeverityValue = severity;
            Description = description;
            Enabled = enabled;
            Settings = settings;
        }

        /// <summary>The rule's name, as -Rule, -ExcludeRule and settings files name it (DtsNotIncreasing, AvStartOffset...).</summary>
        public string Name { get; }

        /// <summary>Error, Warning or Information: the severity of its findings.</summary>
        public string Severity => SeverityValue.ToString();

        internal FindingSeverity SeverityValue { get; }

        /// <summary>What the rule checks, in a sentence.</summary>
        public string Description { get; }

        /// <summary>True when Test-Mp4Timing runs the rule without being asked (-Rule, or Enable = $true in the settings, turns on the others).</summary>
        public bool Enabled { get; }

        /// <summary>The settings the rule takes, with their defaults (besides Enable, which every rule takes).</summary>
        public IReadOnlyList<TimingRuleSetting> Settings { get; }

        /// <inheritdoc />
        public override string ToString() => Settings.Count == 0
            ? $"{Name} ({Severity})"
            : $"{Name} ({Severity}; {string.Join(", ", Settings.Select(s => s.ToString()))})";
    }

    /// <summary>A setting of a timing rule: its name, the kind of value it takes, its default and what it means.</summary>
    public sealed class TimingRuleSetting
    {
        internal TimingRuleSetting(string name, object defaultValue, string description, double minimum = 0, Func<string, string?>? checkText = null)
        {
            Name = name;
            DefaultValue = defaultValue;
            Description = description;
            Minimum = minimum;
            CheckText = checkText;
            Type = defaultValue switch
            {
                bool => "Boolean",
                string => "String",
                _ => "Double",
            };
        }

        /// <summary>The setting's name, as a settings file names it.</summary>
        public string Name { get; }

        /// <summary>The kind of value: Double (a number), Boolean or String.</summary>
        public string Type { get; }

        /// <summary>The value the rule uses when the settings do not give one.</summary>
        public object DefaultValue { get; }

        /// <summary>What the setting means, and its unit.</summary>
        public string Description { get; }

        /// <summary>
        /// The largest number any setting takes: beyond every real threshold (a billion seconds is 31 years, a billion ticks at
        /// 90 kHz three hours), and small enough that a threshold times any timescale stays exact in the rules' arithmetic.
        /// </summary>
        internal const double Maximum = 1e9;

        /// <summary>The smallest number the setting takes.</summary>
        internal double Minimum { get; }

        /// <summary>For a text setting: what is wrong with a value (null when it is right).</summary>
        internal Func<string, string?>? CheckText { get; }

        /// <inheritdoc />
        public override string ToString() => string.Format(CultureInfo.InvariantCulture, "{0} = {1}", Name, DefaultValue is bool b ? (b ? "$true" : "$false") : DefaultValue);
    }
}
