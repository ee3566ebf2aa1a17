using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ConsulAlerts.Compat;
using ConsulAlerts.Consul;

namespace ConsulAlerts.Configuration;

/// <summary>
/// Turns the KV pairs under <c>&lt;prefix&gt;/config/</c> into an <see cref="AlertsConfig"/>. Pure and total: a value
/// that does not parse (or a part of which does not) keeps the key's last good value from the previous snapshot, or its
/// default when it never had one, and becomes a <see cref="ConfigError"/> naming the full key that says which; nothing
/// throws for bad input, and one bad key never disables the rest. Error messages never quote a value, nor any part of one (a
/// password pasted into the wrong key stays secret): they name the key, positions and names the daemon itself knows.
/// </summary>
internal sealed class AlertsConfigParser
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly JsonDocumentOptions JsonOptions = new() { MaxDepth = 32 };
    private static readonly string[] MatcherKinds = ["nodes", "services", "checks", "status"];
    private static readonly string[] SelectionKinds = ["services", "checks", "hosts", "status"];
    private static readonly IReadOnlyDictionary<string, byte[]> NoValues = new Dictionary<string, byte[]>(StringComparer.Ordinal);
    private const string KeptLastGood = "the last good value of this key is kept";

    private readonly string _root;
    private readonly List<ConfigProblem> _problems = [];
    private readonly Dictionary<string, int> _folderCounts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TimeSpan> _single = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TimeSpan> _byCheck = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TimeSpan> _byService = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TimeSpan> _byNode = new(StringComparer.Ordinal);
    private readonly Dictionary<string, bool> _notifierEnabled = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, string>> _notifierValues = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CustomNotifierConfig> _custom = new(StringComparer.Ordinal);
    private readonly List<(string Key, string Name, string Text)> _profileTexts = [];
    private readonly Dictionary<string, ProfileConfig> _profiles = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, string>> _selectionExact = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<(ConfiguredPattern Pattern, string Profile)>> _selectionPatterns = new(StringComparer.Ordinal);
    private readonly List<(string Key, string Profile, string Subject)> _profileReferences = [];
    private readonly Dictionary<string, HashSet<string>> _blacklistExact = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<ConfiguredPattern>> _blacklistPatterns = new(StringComparer.Ordinal);
    private readonly PatternTimeouts _patternTimeouts = new();
    private readonly HashSet<string> _blacklistSingle = new(StringComparer.Ordinal);
    private bool _checksEnabled = true;
    private TimeSpan _changeThreshold = ChecksConfig.DefaultChangeThreshold;
    private bool _eventsEnabled = true;
    private IReadOnlyList<string> _handlers = [];

    private AlertsConfigParser(string root)
    {
        _root = root;
        foreach (var kind in MatcherKinds)
        {
            _blacklistExact[kind] = new HashSet<string>(StringComparer.Ordinal);
            _blacklistPatterns[kind] = [];
        }

        foreach (var kind in SelectionKinds)
        {
            _selectionExact[kind] = new Dictionary<string, string>(StringComparer.Ordinal);
            _selectionPatterns[kind] = [];
        }
    }

    /// <summary>The KV prefix that holds the configuration, e.g. <c>consul-alerts/config/</c>.</summary>
    public static string ConfigRoot(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var trimmed = prefix.Trim('/');
        return trimmed.Length == 0 ? "config/" : trimmed + "/config/";
    }

    /// <summary>Parses the pairs of one recursive read of <see cref="ConfigRoot"/>.</summary>
    /// <param name="pairs">The KV pairs, keys with the full prefix; values may be null or empty.</param>
    /// <param name="prefix">The daemon's KV prefix, e.g. <c>consul-alerts</c>.</param>
    /// <param name="revision">The KV index of the read, kept as <see cref="AlertsConfig.Revision"/>.</param>
    /// <param name="previous">The snapshot in force, whose good values stand in for values that no longer parse; null for none.</param>
    public static AlertsConfig Parse(IEnumerable<KvPair> pairs, string prefix, ulong revision, AlertsConfig? previous = null)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var root = ConfigRoot(prefix);
        var read = pairs.Where(p => p.Key.StartsWith(root, StringComparison.Ordinal)).ToList();
        var (parser, config) = Run(root, read, revision);

        // A key whose value is at fault gets its last good value back, and the snapshot is parsed again with it; a
        // problem of the key or of what it refers to is only reported.
        var bad = parser._problems.Where(p => p.OfTheValue).Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        var lastGood = previous?.GoodValues ?? NoValues;
        var standIns = bad.Where(lastGood.ContainsKey).ToHashSet(StringComparer.Ordinal);
        var problems = parser._problems;
        if (standIns.Count > 0)
        {
            (var second, config) = Run(root, [.. read.Select(p => standIns.Contains(p.Key) ? p with { Value = lastGood[p.Key] } : p)], revision);
            problems = [.. second._problems, .. parser._problems.Where(p => p.OfTheValue && standIns.Contains(p.Key)).Select(p => p with { Consequence = KeptLastGood })];
        }

        var good = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var pair in read)
        {
            if (standIns.Contains(pair.Key))
            {
                good[pair.Key] = lastGood[pair.Key];
            }
            else if (!bad.Contains(pair.Key))
            {
                good[pair.Key] = pair.Value ?? [];
            }
        }

        return config with { Errors = ConfigProblemReport.Errors(root, problems), GoodValues = good };
    }

    private static (AlertsConfigParser Parser, AlertsConfig Config) Run(string root, IReadOnlyList<KvPair> pairs, ulong revision)
    {
        var parser = new AlertsConfigParser(root);
        foreach (var pair in pairs)
        {
            parser.ParsePair(pair.Key, pair.Value);
        }

        return (parser, parser.Build(revision));
    }

    private void ParsePair(string key, byte[]? value)
    {
        // Keys outside the config root are not ours; directory markers (folders made in the UI) carry nothing.
        if (!key.StartsWith(_root, StringComparison.Ordinal) || key.EndsWith('/'))
        {
            return;
        }

        var segments = key[_root.Length..].Split('/');
        if (segments.Any(s => s.Length == 0))
        {
            Unknown(key);
            return;
        }

        switch (segments[0])
        {
            case "checks":
                ParseChecks(key, segments, value);
                break;
            case "events":
                ParseEvents(key, segments, value);
                break;
            case "notifiers":
                ParseNotifiers(key, segments, value);
                break;
            case "notif-profiles":
                if (Admit("notif-profiles/", ConfigLimits.MaxProfiles) && TryText(key, value, out var profile))
                {
                    // Profiles are read last: their notifier names may refer to custom notifiers defined after them.
                    _profileTexts.Add((key, Join(segments, 1, segments.Length), profile));
                }

                break;
            case "notif-selection":
                ParseSelection(key, segments, value);
                break;
            default:
                Unknown(key);
                break;
        }
    }

    private void ParseChecks(string key, string[] s, byte[]? value)
    {
        const string Threshold = "change-threshold";
        switch (s)
        {
            case [_, "enabled"]:
                if (TryText(key, value, out var enabled) && TryBool(key, enabled, _checksEnabled, out var on))
                {
                    _checksEnabled = on;
                }

                break;
            case [_, Threshold]:
                if (TryText(key, value, out var global) && TrySeconds(key, global, _changeThreshold, out var threshold))
                {
                    _changeThreshold = threshold;
                }

                break;
            case [_, "single", var node, var service, _, .., Threshold]:
                AddOverride(_single, key, ThresholdOverrides.SingleKey(node, service, Join(s, 4, s.Length - 1)), value);
                break;
            case [_, "check", _, .., Threshold]:
                AddOverride(_byCheck, key, Join(s, 2, s.Length - 1), value);
                break;
            case [_, "service", _, .., Threshold]:
                AddOverride(_byService, key, Join(s, 2, s.Length - 1), value);
                break;
            case [_, "node", _, .., Threshold]:
                AddOverride(_byNode, key, Join(s, 2, s.Length - 1), value);
                break;
            case [_, "blacklist", ..]:
                ParseBlacklist(key, s, value);
                break;
            default:
                Unknown(key);
                break;
        }
    }

    private void AddOverride(Dictionary<string, TimeSpan> target, string key, string id, byte[]? value)
    {
        // The folder: checks/<kind>/.
        var folder = key[_root.Length..(key.IndexOf('/', _root.Length + "checks/".Length) + 1)];
        if (Admit(folder) && TryText(key, value, out var text) && TrySeconds(key, text, null, out var threshold))
        {
            target[id] = threshold;
        }
    }

    private void ParseBlacklist(string key, string[] s, byte[]? value)
    {
        switch (s)
        {
            case [_, _, "single", var node, var service, _, ..]:
                if (Admit("checks/blacklist/single/"))
                {
                    _blacklistSingle.Add(ThresholdOverrides.SingleKey(node, service, Join(s, 5, s.Length)));
                }

                break;
            case [_, _, var kind] when MatcherKinds.Contains(kind):
                if (TryText(key, value, out var text) && TryStringArray(key, text, "regular expressions", out var patterns))
                {
                    for (var i = 0; i < patterns.Count; i++)
                    {
                        if (TryRegex(key, patterns[i], $"pattern {i + 1}", out var regex))
                        {
                            _blacklistPatterns[kind].Add(regex);
                        }
                    }
                }

                break;
            case [_, _, var kind, _, ..] when MatcherKinds.Contains(kind):
                // Presence mutes: the value is irrelevant, as in the Go daemon.
                if (Admit($"checks/blacklist/{kind}/"))
                {
                    _blacklistExact[kind].Add(Join(s, 3, s.Length));
                }

                break;
            default:
                Unknown(key);
                break;
        }
    }

    private void ParseEvents(string key, string[] s, byte[]? value)
    {
        switch (s)
        {
            case [_, "enabled"]:
                if (TryText(key, value, out var enabled) && TryBool(key, enabled, _eventsEnabled, out var on))
                {
                    _eventsEnabled = on;
                }

                break;
            case [_, "handlers"]:
                if (TryText(key, value, out var text) && TryStringArray(key, text, "executable paths", out var handlers))
                {
                    _handlers = handlers;
                }

                break;
            default:
                Unknown(key);
                break;
        }
    }

    private void ParseNotifiers(string key, string[] s, byte[]? value)
    {
        switch (s)
        {
            case [_, "custom", var name]:
                if (NotifierKeys.All.ContainsKey(name))
                {
                    Note(key, $"a custom notifier cannot take the name of the built-in notifier '{name}'", "ignored");
                }
                else if (TryText(key, value, out var path))
                {
                    if (path.Length == 0)
                    {
                        Error(key, "value is empty; expected the path of an executable", "the custom notifier is not loaded");
                    }
                    else if (Admit("notifiers/custom/"))
                    {
                        _custom[name] = new CustomNotifierConfig(name, path);
                    }
                }

                break;
            case [_, "custom", ..]:
                Unknown(key);
                break;
            case [_, var name, ..] when !NotifierKeys.All.ContainsKey(name):
                Note(key, $"unknown notifier '{name}' (known: {string.Join(", ", NotifierKeys.All.Keys)}, or custom/<name>)", "ignored");
                break;
            case [_, var name, "enabled"]:
                // Not quoted, like every notifier setting: a webhook URL put under the wrong key is still a secret.
                if (TryText(key, value, out var enabled) && TryBool(key, enabled, null, out var on))
                {
                    _notifierEnabled[name] = on;
                }

                break;
            case [_, var name, var setting]:
                ParseNotifierKey(key, name, setting, value);
                break;
            case [_, var name, ..]:
                Note(key, $"unknown key of notifier '{name}' (known: enabled, {string.Join(", ", NotifierKeys.All[name].Keys)})", "ignored");
                break;
            default:
                Unknown(key);
                break;
        }
    }

    private void ParseNotifierKey(string key, string name, string setting, byte[]? value)
    {
        var schema = NotifierKeys.All[name];
        if (!schema.TryGetValue(setting, out var type))
        {
            Note(key, $"unknown key of notifier '{name}' (known: enabled, {string.Join(", ", schema.Keys)})", "ignored");
            return;
        }

        if (!TryText(key, value, out var text))
        {
            return;
        }

        // An empty string setting means "not set": the notifier applies its default.
        if (text.Length == 0 && type is NotifierKeyType.String or NotifierKeyType.Secret or NotifierKeyType.Choice)
        {
            return;
        }

        if (TryNotifierValue(key, name, setting, type, text, "value"))
        {
            if (!_notifierValues.TryGetValue(name, out var values))
            {
                values = new Dictionary<string, string>(StringComparer.Ordinal);
                _notifierValues[name] = values;
            }

            values[setting] = text;
        }
    }

    /// <summary>
    /// Validates a notifier setting's text against its type. Reports never quote the value: a password pasted into the
    /// wrong key is still a password.
    /// </summary>
    private bool TryNotifierValue(string key, string notifier, string setting, NotifierKeyType type, string text, string what)
    {
        switch (type)
        {
            case NotifierKeyType.Choice:
                var words = NotifierKeys.Choices(notifier, setting);
                if (words.Contains(text, StringComparer.OrdinalIgnoreCase))
                {
                    return true;
                }

                Error(key, $"{what} is not one of {string.Join(", ", words)}", $"the notifier's default ({words[0]}) is used");
                return false;
            case NotifierKeyType.Bool:
                return TryBool(key, text, null, out _, what);
            case NotifierKeyType.Int:
                if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) && number is >= 0 and <= int.MaxValue)
                {
                    return true;
                }

                Error(key, $"{what} is not a non-negative whole number", "the notifier's default is used");
                return false;
            case NotifierKeyType.StringArray:
                // The text is kept as it is, so one bad element rejects the whole value rather than reaching the notifier.
                return TryStringArray(key, text, "strings", out _, skipBadElements: false, subject: what);
            case NotifierKeyType.JsonObject:
                if (TryJson(key, text, out var document, "the notifier's default is used", what))
                {
                    using (document)
                    {
                        if (document.RootElement.ValueKind == JsonValueKind.Object)
                        {
                            return true;
                        }

                        Error(key, $"{what} is JSON {Describe(document.RootElement.ValueKind)}, expected a JSON object", "the notifier's default is used");
                    }
                }

                return false;
            default:
                return true;
        }
    }

    private void ParseSelection(string key, string[] s, byte[]? value)
    {
        switch (s)
        {
            case [_, var kind] when SelectionKinds.Contains(kind):
                if (TryText(key, value, out var text) && TryJson(key, text, out var document))
                {
                    using (document)
                    {
                        ParseSelectionMap(key, kind, document.RootElement);
                    }
                }

                break;
            case [_, var kind, _, ..] when SelectionKinds.Contains(kind):
                if (TryText(key, value, out var profile))
                {
                    if (profile.Length == 0)
                    {
                        Error(key, "value is empty; expected a profile name", "the selection is ignored");
                    }
                    else if (Admit($"notif-selection/{kind}/"))
                    {
                        _selectionExact[kind][Join(s, 2, s.Length)] = profile;
                        _profileReferences.Add((key, profile, "selects a profile"));
                    }
                }

                break;
            default:
                Unknown(key);
                break;
        }
    }

    private void ParseSelectionMap(string key, string kind, JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            Error(key, $"value is JSON {Describe(root.ValueKind)}, expected an object of \"regex\": \"profile\"");
            return;
        }

        // Document order is the matching order: the first pattern that matches wins.
        TooMany(key, "value", root.EnumerateObject().Count());
        var position = 0;
        foreach (var rule in root.EnumerateObject().Take(ConfigLimits.MaxEntries))
        {
            position++;
            var profile = rule.Value.ValueKind == JsonValueKind.String ? rule.Value.GetString()!.Trim() : "";
            if (profile.Length == 0)
            {
                Error(key, $"the profile of pattern {position} must be a non-empty string", "the pattern is ignored");
                continue;
            }

            if (TryRegex(key, rule.Name, $"pattern {position}", out var regex))
            {
                _selectionPatterns[kind].Add((regex, profile));
                _profileReferences.Add((key, profile, $"pattern {position} selects a profile"));
            }
        }
    }

    private void ParseProfile(string key, string name, string text)
    {
        if (!TryJson(key, text, out var document, $"profile '{name}' is not loaded"))
        {
            return;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                Error(key, $"value is JSON {Describe(root.ValueKind)}, expected an object {{\"Interval\", \"NotifList\", \"VarOverrides\"}}", $"profile '{name}' is not loaded");
                return;
            }

            var profile = new ProfileConfig(name);
            var position = 0;
            foreach (var property in root.EnumerateObject())
            {
                position++;
                // Go's encoding/json matches field names case-insensitively; profiles written for it must keep working.
                if (string.Equals(property.Name, "Interval", StringComparison.OrdinalIgnoreCase))
                {
                    profile = profile with { Interval = ParseInterval(key, property.Value) };
                }
                else if (string.Equals(property.Name, "NotifList", StringComparison.OrdinalIgnoreCase))
                {
                    profile = profile with { NotifList = ParseNotifList(key, property.Value) };
                }
                else if (string.Equals(property.Name, "VarOverrides", StringComparison.OrdinalIgnoreCase))
                {
                    profile = profile with { VarOverrides = ParseVarOverrides(key, property.Value) };
                }
                else
                {
                    Error(key, $"member {position} is not a profile property (known: Interval, NotifList, VarOverrides)");
                }
            }

            _profiles[name] = profile;
        }
    }

    private TimeSpan ParseInterval(string key, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return TimeSpan.Zero;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var minutes))
        {
            if (minutes >= 0)
            {
                return TimeSpan.FromMinutes(minutes);
            }

            Error(key, $"Interval {minutes} must not be negative", "no reminders (0) are used");
            return TimeSpan.Zero;
        }

        Error(key, $"Interval is JSON {Describe(value.ValueKind)}, not a whole number of minutes", "no reminders (0) are used");
        return TimeSpan.Zero;
    }

    private Dictionary<string, bool> ParseNotifList(string key, JsonElement value)
    {
        var list = new Dictionary<string, bool>(StringComparer.Ordinal);
        if (value.ValueKind == JsonValueKind.Null)
        {
            return list;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            Error(key, $"NotifList is JSON {Describe(value.ValueKind)}, expected an object of \"notifier\": true|false");
            return list;
        }

        TooMany(key, "NotifList", value.EnumerateObject().Count());
        var position = 0;
        foreach (var entry in value.EnumerateObject().Take(ConfigLimits.MaxEntries))
        {
            position++;
            switch (entry.Value.ValueKind)
            {
                case JsonValueKind.True or JsonValueKind.False:
                    list[entry.Name] = entry.Value.GetBoolean();
                    if (!IsNotifier(entry.Name))
                    {
                        Note(key, $"NotifList entry {position} names neither a built-in nor a custom notifier");
                    }

                    break;
                default:
                    Error(key, $"NotifList entry {Known(entry.Name, position)} must be true or false");
                    break;
            }
        }

        return list;
    }

    private Dictionary<string, IReadOnlyDictionary<string, string>> ParseVarOverrides(string key, JsonElement value)
    {
        var overrides = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        if (value.ValueKind == JsonValueKind.Null)
        {
            return overrides;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            Error(key, $"VarOverrides is JSON {Describe(value.ValueKind)}, expected an object of \"notifier\": {{settings}}");
            return overrides;
        }

        TooMany(key, "VarOverrides", value.EnumerateObject().Count());
        var position = 0;
        foreach (var notifier in value.EnumerateObject().Take(ConfigLimits.MaxEntries))
        {
            position++;
            var name = CanonicalNotifier(notifier.Name);
            if (name is null)
            {
                Note(key, $"VarOverrides entry {position} names neither a built-in nor a custom notifier", "ignored");
                continue;
            }

            if (notifier.Value.ValueKind != JsonValueKind.Object)
            {
                Error(key, $"VarOverrides of '{name}' must be a JSON object of settings");
                continue;
            }

            var settings = overrides.TryGetValue(name, out var existing)
                ? new Dictionary<string, string>(existing, StringComparer.Ordinal)
                : new Dictionary<string, string>(StringComparer.Ordinal);
            TooMany(key, $"VarOverrides of '{name}'", notifier.Value.EnumerateObject().Count());
            var settingPosition = 0;
            foreach (var setting in notifier.Value.EnumerateObject().Take(ConfigLimits.MaxEntries))
            {
                settingPosition++;
                if (ParseOverride(key, name, setting, settingPosition) is var (settingKey, text))
                {
                    settings[settingKey] = text;
                }
            }

            overrides[name] = settings;
        }

        return overrides;
    }

    private (string Key, string Text)? ParseOverride(string key, string notifier, JsonProperty setting, int position)
    {
        if (setting.Value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        // KV-style text: what the same setting would look like as a KV value.
        var text = setting.Value.ValueKind == JsonValueKind.String ? setting.Value.GetString()!.Trim() : setting.Value.GetRawText();
        if (!NotifierKeys.All.TryGetValue(notifier, out var schema))
        {
            // A custom notifier: its script receives the overrides as they are.
            return (setting.Name, text);
        }

        // The Go daemon's override names are its struct's JSON names (service_key, Receivers); map them to the KV keys.
        var normalized = setting.Name.Replace('_', '-');
        var canonical = schema.Keys.FirstOrDefault(k => string.Equals(k, normalized, StringComparison.OrdinalIgnoreCase));
        if (canonical is null)
        {
            Error(key, $"VarOverrides of '{notifier}': member {position} is not one of its settings (known: {string.Join(", ", schema.Keys)})");
            return null;
        }

        var what = $"VarOverrides '{notifier}'.'{canonical}'";
        if (schema[canonical] is NotifierKeyType.String or NotifierKeyType.Secret or NotifierKeyType.Choice && setting.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
        {
            Error(key, $"{what} must be a string, not {Describe(setting.Value.ValueKind)}");
            return null;
        }

        return TryNotifierValue(key, notifier, canonical, schema[canonical], text, what) ? (canonical, text) : null;
    }

    private AlertsConfig Build(ulong revision)
    {
        foreach (var (folder, count) in _folderCounts)
        {
            var limit = folder == "notif-profiles/" ? ConfigLimits.MaxProfiles : ConfigLimits.MaxKeysPerFolder;
            if (count > limit)
            {
                Note(_root + folder, $"{count} keys, more than {limit}", $"the {count - limit} after the {limit}th (in key order) are ignored");
            }
        }

        foreach (var (key, name, text) in _profileTexts)
        {
            ParseProfile(key, name, text);
        }

        foreach (var (key, profile, subject) in _profileReferences)
        {
            if (!_profiles.ContainsKey(profile))
            {
                Note(key, $"{subject} that is not defined under notif-profiles/");
            }
        }

        var notifiers = new Dictionary<string, NotifierConfig>(StringComparer.Ordinal);
        foreach (var (name, defaults) in NotifierConfig.Defaults)
        {
            notifiers[name] = defaults with
            {
                Enabled = _notifierEnabled.TryGetValue(name, out var on) ? on : defaults.Enabled,
                Values = _notifierValues.TryGetValue(name, out var values) ? values : defaults.Values,
            };
        }

        return new AlertsConfig
        {
            Revision = revision,
            Checks = new ChecksConfig
            {
                Enabled = _checksEnabled,
                ChangeThreshold = _changeThreshold,
                Overrides = new ThresholdOverrides { Single = _single, Check = _byCheck, Service = _byService, Node = _byNode },
            },
            Events = new EventsConfig { Enabled = _eventsEnabled, Handlers = _handlers },
            Notifiers = notifiers,
            CustomNotifiers = _custom,
            Profiles = _profiles,
            Selection = new SelectionConfig
            {
                Services = Rules("services"),
                Checks = Rules("checks"),
                Hosts = Rules("hosts"),
                Status = Rules("status"),
            },
            Blacklist = new BlacklistConfig
            {
                Nodes = Matcher("nodes"),
                Services = Matcher("services"),
                Checks = Matcher("checks"),
                Status = Matcher("status"),
                Single = _blacklistSingle,
            },
            PatternTimeouts = _patternTimeouts,
        };
    }

    private SelectionRules Rules(string kind) =>
        _selectionExact[kind].Count == 0 && _selectionPatterns[kind].Count == 0
            ? SelectionRules.None
            : new SelectionRules { Exact = _selectionExact[kind], Patterns = _selectionPatterns[kind] };

    private NameMatcher Matcher(string kind) =>
        _blacklistExact[kind].Count == 0 && _blacklistPatterns[kind].Count == 0
            ? NameMatcher.None
            : new NameMatcher { Exact = _blacklistExact[kind], Patterns = _blacklistPatterns[kind] };

    private bool IsNotifier(string name) => NotifierKeys.All.ContainsKey(name) || _custom.ContainsKey(name);

    private string? CanonicalNotifier(string name)
    {
        if (IsNotifier(name))
        {
            return name;
        }

        return NotifierKeys.All.Keys.FirstOrDefault(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));
    }

    private bool TryText(string key, byte[]? value, out string text)
    {
        try
        {
            // A byte order mark is what some editors leave in files loaded with `consul kv put key @file`.
            text = value is null ? "" : StrictUtf8.GetString(value).Trim().TrimStart('\uFEFF').Trim();
            return true;
        }
        catch (DecoderFallbackException)
        {
            Error(key, "value is not valid UTF-8 text");
            text = "";
            return false;
        }
    }

    private bool TryBool(string key, string text, bool? fallback, out bool value, string what = "value")
    {
        // Go's strconv.ParseBool, which the Go daemon used for every boolean key.
        bool ok = GoBool.TryParse(text, out bool? parsed);
        value = parsed ?? false;
        if (!ok)
        {
            var instead = fallback is { } f ? $"the default {(f ? "true" : "false")} is used" : "the default is used";
            Error(key, $"{what} is not a boolean (true/false, t/f, 1/0)", instead);
        }

        return parsed is not null;
    }

    private bool TrySeconds(string key, string text, TimeSpan? fallback, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        var instead = fallback is { } f ? $"the default {f.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s is used" : "the override is ignored";
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds))
        {
            Error(key, "value is not a whole number of seconds", instead);
            return false;
        }

        if (seconds < 0)
        {
            Error(key, $"value {seconds} must not be negative", instead);
            return false;
        }

        if (seconds > int.MaxValue)
        {
            Error(key, $"value {seconds} is too large (at most {int.MaxValue} seconds)", instead);
            return false;
        }

        value = TimeSpan.FromSeconds(seconds);
        return true;
    }

    /// <summary>A JSON array of strings, each trimmed; empty or non-string elements are reported and skipped.</summary>
    private bool TryStringArray(string key, string text, string what, out List<string> items, bool skipBadElements = true, string subject = "value")
    {
        items = [];
        if (!TryJson(key, text, out var document, subject: subject))
        {
            return false;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Array)
            {
                Error(key, $"{subject} is JSON {Describe(root.ValueKind)}, expected an array of {what}");
                return false;
            }

            if (root.GetArrayLength() > ConfigLimits.MaxEntries && !skipBadElements)
            {
                Error(key, $"{subject} has {root.GetArrayLength()} elements, more than {ConfigLimits.MaxEntries}", "the whole value is ignored");
                return false;
            }

            TooMany(key, subject, root.GetArrayLength());
            var position = 0;
            foreach (var element in root.EnumerateArray().Take(ConfigLimits.MaxEntries))
            {
                var item = element.ValueKind == JsonValueKind.String ? element.GetString()!.Trim() : "";
                if (item.Length == 0)
                {
                    var problem = element.ValueKind == JsonValueKind.String
                        ? $"{subject} element {position} is an empty string"
                        : $"{subject} element {position} must be a string, not {Describe(element.ValueKind)}";
                    if (!skipBadElements)
                    {
                        Error(key, problem, "the whole value is ignored");
                        return false;
                    }

                    Error(key, problem, "it is skipped");
                }
                else
                {
                    items.Add(item);
                }

                position++;
            }

            return true;
        }
    }

    private bool TryJson(string key, string text, out JsonDocument document, string consequence = "ignored", string subject = "value")
    {
        document = null!;
        if (text.Length == 0)
        {
            Error(key, $"{subject} is empty; expected JSON", consequence);
            return false;
        }

        try
        {
            document = JsonDocument.Parse(text, JsonOptions);
        }
        catch (JsonException ex)
        {
            // The exception message quotes the offending character: only the position is reported, values may be secret.
            Error(key, $"{subject} is not valid JSON (line {(ex.LineNumber ?? 0) + 1}, byte {(ex.BytePositionInLine ?? 0) + 1})", consequence);
            return false;
        }

        if (!IsText(document.RootElement))
        {
            document.Dispose();
            document = null!;
            Error(key, $"{subject} holds a \\u escape of a lone surrogate (\\uD800-\\uDFFF), which is no text; {consequence}");
            return false;
        }

        return true;
    }

    /// <summary>
    /// Whether every name and string in <paramref name="element"/> is text. JSON's grammar lets <c>"\ud800"</c> stand
    /// alone, but reading it as a string throws, so such a value is refused as a whole before anything reads it.
    /// </summary>
    private static bool IsText(JsonElement element)
    {
        try
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var property in element.EnumerateObject())
                    {
                        _ = property.Name;
                        if (!IsText(property.Value))
                        {
                            return false;
                        }
                    }

                    return true;
                case JsonValueKind.Array:
                    return element.EnumerateArray().All(IsText);
                case JsonValueKind.String:
                    _ = element.GetString();
                    return true;
                default:
                    return true;
            }
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private bool TryRegex(string key, string pattern, string which, out ConfiguredPattern regex)
    {
        regex = null!;
        if (pattern.Length > ConfigLimits.MaxPatternLength)
        {
            Error(key, $"{which} is longer than {ConfigLimits.MaxPatternLength} characters");
            return false;
        }

        try
        {
            regex = ConfiguredPattern.Compile(key, pattern, _patternTimeouts);
            if (!regex.Linear)
            {
                Note(key, $"{which} needs the backtracking regex engine (lookaround, backreference, atomic group or a very large repetition; "
                    + $"Go's RE2 accepted none of them): it is matched with a {ConfiguredPattern.BacktrackingTimeout.TotalMilliseconds:0} ms limit per name, "
                    + "and a name it cannot decide in time counts as matching");
            }

            return true;
        }
        catch (RegexParseException ex)
        {
            // The exception's message quotes the pattern: only the kind of error and its offset are reported.
            Error(key, $"{which} is not a valid regular expression ({Words(ex.Error.ToString())} at offset {ex.Offset})");
        }
        catch (ArgumentException)
        {
            Error(key, $"{which} is not a valid regular expression");
        }

        return false;
    }

    /// <summary>Counts a key of <paramref name="folder"/>; false once the folder holds more than its limit.</summary>
    private bool Admit(string folder, int limit = ConfigLimits.MaxKeysPerFolder)
    {
        var count = _folderCounts.GetValueOrDefault(folder) + 1;
        _folderCounts[folder] = count;
        return count <= limit;
    }

    /// <summary>
    /// Reports a JSON list or map of <paramref name="count"/> entries that is longer than <see cref="ConfigLimits.MaxEntries"/>;
    /// true when it is.
    /// </summary>
    private bool TooMany(string key, string what, int count)
    {
        if (count <= ConfigLimits.MaxEntries)
        {
            return false;
        }

        Error(key, $"{what} has {count} entries, more than {ConfigLimits.MaxEntries}", $"those after the {ConfigLimits.MaxEntries}th are ignored");
        return true;
    }

    private void Unknown(string key) => Note(key, "unknown configuration key", "ignored");

    /// <summary>A value (or a part of it) that cannot be used: the key's last good value takes its place when there is one.</summary>
    private void Error(string key, string problem, string? consequence = "ignored") => _problems.Add(new ConfigProblem(key, problem, consequence, OfTheValue: true));

    /// <summary>A problem that is not the value's own (unknown key, a reference to something not defined): reported only.</summary>
    private void Note(string key, string problem, string? consequence = null) => _problems.Add(new ConfigProblem(key, problem, consequence, OfTheValue: false));

    private static string Join(string[] segments, int start, int end) => string.Join('/', segments[start..end]);

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    /// <summary>A JSON member named by what the daemon knows it as (a notifier's name), else by its position.</summary>
    private string Known(string name, int position) => IsNotifier(name) ? $"'{name}'" : position.ToString(CultureInfo.InvariantCulture);

    /// <summary><c>InsufficientClosingParentheses</c> as <c>insufficient closing parentheses</c>.</summary>
    private static string Words(string pascal)
    {
        var builder = new StringBuilder(pascal.Length + 8);
        foreach (var c in pascal)
        {
            if (char.IsUpper(c) && builder.Length > 0)
            {
                builder.Append(' ');
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }
}
