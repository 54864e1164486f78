using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Mp4Timing.Rules
{
    /// <summary>
    /// A settings hashtable (or the hashtable of a .psd1 file) read and checked, as PSScriptAnalyzer reads its settings:
    /// <c>@{ IncludeRules = @(...); ExcludeRules = @(...); Severity = @(...); Rules = @{ Name = @{ Setting = value } } }</c>.
    /// Every rule takes Enable (a Boolean: run it or not) besides its own settings. An unknown key, rule or setting, or a
    /// value of the wrong kind, is an <see cref="ArgumentException"/> that names it: nothing is silently ignored.
    /// </summary>
    internal sealed class TimingSettings
    {
        internal const string EnableSetting = "Enable";

        private static readonly string[] Keys = { "IncludeRules", "ExcludeRules", "Severity", "Rules" };

        public IReadOnlyList<string>? IncludeRules { get; private set; }

        public IReadOnlyList<string> ExcludeRules { get; private set; } = Array.Empty<string>();

        public IReadOnlyList<FindingSeverity>? Severity { get; private set; }

        /// <summary>Rule name → setting values given (Enable included), by rule.</summary>
        public IReadOnlyDictionary<string, IDictionary<string, object>> Rules { get; private set; } = new Dictionary<string, IDictionary<string, object>>();

        public static TimingSettings Empty { get; } = new TimingSettings();

        /// <summary>Reads <paramref name="settings"/>; <paramref name="source"/> names it in errors (a file, or "the settings").</summary>
        public static TimingSettings Read(IDictionary settings, string source)
        {
            if (settings is null) throw new ArgumentNullException(nameof(settings));
            var result = new TimingSettings();
            foreach (DictionaryEntry entry in settings)
            {
                string key = entry.Key?.ToString() ?? "";
                string? known = Keys.FirstOrDefault(k => string.Equals(k, key, StringComparison.OrdinalIgnoreCase));
                switch (known)
                {
                    case "IncludeRules":
                        result.IncludeRules = RuleNames(entry.Value, source, known);
                        break;
                    case "ExcludeRules":
                        result.ExcludeRules = RuleNames(entry.Value, source, known);
                        break;
                    case "Severity":
                        result.Severity = Strings(entry.Value, source, known).Select(s => ParseSeverity(s, source)).ToArray();
                        break;
                    case "Rules":
                        result.Rules = ReadRules(entry.Value, source);
                        break;
                    default:
                        throw new ArgumentException($"{source}: '{key}' is not a settings key. The keys are {string.Join(", ", Keys)}.");
                }
            }
            return result;
        }

        /// <summary>A severity name (any case).</summary>
        public static FindingSeverity ParseSeverity(string text, string source)
        {
            foreach (FindingSeverity severity in Enum.GetValues(typeof(FindingSeverity)))
            {
                if (string.Equals(severity.ToString(), text, StringComparison.OrdinalIgnoreCase)) return severity;
            }
            throw new ArgumentException($"{source}: '{text}' is not a severity. The severities are {string.Join(", ", Enum.GetNames(typeof(FindingSeverity)))}.");
        }

        /// <summary>
        /// Rule names or patterns (* and ?): a name without wildcards must be a rule's, a pattern must match one, so that a
        /// misspelt name is an error rather than a rule silently left out (or in).
        /// </summary>
        public static IReadOnlyList<string> RuleNames(object? value, string source, string key)
        {
            string[] names = Strings(value, source, key).ToArray();
            foreach (string name in names)
            {
                if (!TimingRules.All.Any(r => Matches(r.Info.Name, name)))
                {
                    throw new ArgumentException($"{source}: {key} names '{name}', which is not a timing rule{(HasWildcards(name) ? " pattern that matches any rule" : "")}. " +
                        $"The rules are {string.Join(", ", TimingRules.All.Select(r => r.Info.Name))}.");
                }
            }
            return names;
        }

        /// <summary>A case-insensitive match of a rule name with a name or a pattern of * and ?.</summary>
        public static bool Matches(string name, string pattern) => Match(name.ToUpperInvariant(), 0, pattern.ToUpperInvariant(), 0);

        private static bool HasWildcards(string pattern) => pattern.IndexOfAny(new[] { '*', '?' }) >= 0;

        private static bool Match(string text, int t, string pattern, int p)
        {
            while (p < pattern.Length)
            {
                char c = pattern[p];
                if (c == '*')
                {
                    for (int k = t; k <= text.Length; k++)
                    {
                        if (Match(text, k, pattern, p + 1)) return true;
                    }
                    return false;
                }
                if (t >= text.Length || (c != '?' && c != text[t])) return false;
                t++;
                p++;
            }
            return t == text.Length;
        }

        private static Dictionary<string, IDictionary<string, object>> ReadRules(object? value, string source)
        {
            if (value is not IDictionary rules) throw new ArgumentException($"{source}: Rules must be a hashtable of rule names, each with a hashtable of settings.");
            var result = new Dictionary<string, IDictionary<string, object>>(StringComparer.OrdinalIgnoreCase);
            foreach (DictionaryEntry entry in rules)
            {
                string name = entry.Key?.ToString() ?? "";
                TimingRule rule = TimingRules.All.FirstOrDefault(r => string.Equals(r.Info.Name, name, StringComparison.OrdinalIgnoreCase))
                    ?? throw new ArgumentException($"{source}: Rules names '{name}', which is not a timing rule. The rules are {string.Join(", ", TimingRules.All.Select(r => r.Info.Name))}.");
                if (entry.Value is not IDictionary given) throw new ArgumentException($"{source}: Rules.{rule.Info.Name} must be a hashtable of settings, e.g. @{{ {Example(rule.Info)} }}.");
                result[rule.Info.Name] = ReadRule(rule.Info, given, source);
            }
            return result;
        }

        private static string Example(TimingRuleInfo rule) => rule.Settings.Count > 0 ? rule.Settings[0].ToString() : $"{EnableSetting} = $false";

        private static IDictionary<string, object> ReadRule(TimingRuleInfo rule, IDictionary given, string source)
        {
            var values = new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase);
            foreach (DictionaryEntry entry in given)
            {
                string name = entry.Key?.ToString() ?? "";
                string where = $"{source}: Rules.{rule.Name}.{name}";
                if (string.Equals(name, EnableSetting, StringComparison.OrdinalIgnoreCase))
                {
                    values[EnableSetting] = entry.Value is bool enable ? enable : throw new ArgumentException($"{where} must be $true or $false, not '{entry.Value}'.");
                    continue;
                }
                TimingRuleSetting setting = rule.Settings.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase))
                    ?? throw new ArgumentException($"{where}: {rule.Name} has no setting '{name}'. Its settings are " +
                        $"{string.Join(", ", new[] { EnableSetting }.Concat(rule.Settings.Select(s => s.Name)))}.");
                values[setting.Name] = Convert(setting, entry.Value, $"{source}: Rules.{rule.Name}.{setting.Name}");
            }
            return values;
        }

        private static object Convert(TimingRuleSetting setting, object? value, string where)
        {
            switch (setting.DefaultValue)
            {
                case bool:
                    return value is bool flag ? flag : throw new ArgumentException($"{where} must be $true or $false, not '{value}'.");
                case string:
                    if (value is not string given || given.Length == 0) throw new ArgumentException($"{where} must be a text, not '{value}'.");
                    if (setting.CheckText?.Invoke(given) is string wrong) throw new ArgumentException($"{where}: {wrong}");
                    return given;
                default:
                    double number;
                    switch (value)
                    {
                        case byte or sbyte or short or ushort or int or uint or long or ulong or float or double or decimal:
                            number = System.Convert.ToDouble(value, CultureInfo.InvariantCulture);
                            break;
                        case string text when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double parsed):
                            number = parsed;
                            break;
                        default:
                            throw new ArgumentException($"{where} must be a number, not '{value}'.");
                    }
                    if (double.IsNaN(number) || double.IsInfinity(number) || number < setting.Minimum || number > TimingRuleSetting.Maximum)
                    {
                        throw new ArgumentException($"{where} must be a number from {Words.N(setting.Minimum)} to {Words.N((long)TimingRuleSetting.Maximum)}, not {number.ToString("G", CultureInfo.InvariantCulture)}.");
                    }
                    return number;
            }
        }

        private static IEnumerable<string> Strings(object? value, string source, string key)
        {
            IEnumerable<object?> items = value switch
            {
                string s => new object?[] { s },
                IEnumerable many => many.Cast<object?>(),
                null => throw new ArgumentException($"{source}: {key} is empty."),
                _ => new[] { value },
            };
            foreach (object? item in items)
            {
                if (item is string text && text.Length > 0) yield return text;
                else throw new ArgumentException($"{source}: {key} must hold names, not '{item}'.");
            }
        }
    }
}
