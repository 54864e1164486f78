using System;
using System.Collections.Generic;

namespace Mp4Timing.Rules
{
    /// <summary>The values of one rule's settings for a run: the settings file's where it gives them, else the defaults.</summary>
    internal sealed class RuleOptions
    {
        private readonly Dictionary<string, object> _values = new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase);

        public RuleOptions(TimingRuleInfo rule, IDictionary<string, object>? given = null)
        {
            foreach (TimingRuleSetting setting in rule.Settings) _values[setting.Name] = setting.DefaultValue;
            if (given is null) return;
            foreach (var pair in given) _values[pair.Key] = pair.Value;
        }

        /// <summary>A number setting.</summary>
        public double Number(string name) => (double)Get(name);

        /// <summary>A text setting.</summary>
        public string Text(string name) => (string)Get(name);

        private object Get(string name) =>
            _values.TryGetValue(name, out object? value) ? value : throw new InvalidOperationException($"The rule has no setting {name}.");
    }
}
