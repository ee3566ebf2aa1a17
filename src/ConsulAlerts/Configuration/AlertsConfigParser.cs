using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ConsulAlerts.Compat;
using ConsulAlerts.Consul;

namespace ConsulAlerts.Configuration;

/// <summary>
/// Turns the KV pairs under <c>&lt;prefix&gt;/config/</c> into an <see cref="AlertsConfig"/>. Pure and total: every value
/// that does not parse keeps its default and becomes a <see cref="ConfigError"/> naming the full key; nothing throws for
/// bad input, and one bad key never disables the rest. Error messages quote a value only when it cannot be a secret.
/// </summary>
internal sealed class AlertsConfigParser
{
    /// <summary>Match timeout of every configured regex, so that a hostile pattern cannot stall routing.</summary>
    public static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(100);

    private const int MaxQuoted = 64;
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly JsonDocumentOptions JsonOptions = new() { MaxDepth = 32 };
    private static readonly string[] MatcherKinds = ["nodes", "services", "checks", "status"];
    private static readonly string[] SelectionKinds = ["services", "checks", "hosts", "status"];

    private readonly string _root;
    private readonly List<ConfigError> _errors = [];
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
    private readonly Dictionary<string, List<(Regex Pattern, string Profile)>> _selectionPatterns = new(StringComparer.Ordinal);
    private readonly List<(string Key, string Profile)> _profileReferences = [];
    private readonly Dictionary<string, HashSet<string>> _blacklistExact = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Regex>> _blacklistPatterns = new(StringComparer.Ordinal);
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
    public static AlertsConfig Parse(IEnumerable<KvPair> pairs, string prefix, ulong revision)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var parser = new AlertsConfigParser(ConfigRoot(prefix));
        foreach (var pair in pairs)
        {
            parser.ParsePair(pair.Key, pair.Value);
        }

        return parser.Build(revision);
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
                if (TryText(key, value, out var profile))
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
        if (TryText(key, value, out var text) && TrySeconds(key, text, null, out var threshold))
        {
            target[id] = threshold;
        }
    }

    private void ParseBlacklist(string key, string[] s, byte[]? value)
    {
        switch (s)
        {
            case [_, _, "single", var node, var service, _, ..]:
                _blacklistSingle.Add(ThresholdOverrides.SingleKey(node, service, Join(s, 5, s.Length)));
                break;
            case [_, _, var kind] when MatcherKinds.Contains(kind):
                if (TryText(key, value, out var text) && TryStringArray(key, text, "regular expressions", out var patterns))
                {
                    foreach (var pattern in patterns)
                    {
                        if (TryRegex(key, pattern, out var regex))
                        {
                            _blacklistPatterns[kind].Add(regex);
                        }
                    }
                }

                break;
            case [_, _, var kind, _, ..] when MatcherKinds.Contains(kind):
                // Presence mutes: the value is irrelevant, as in the Go daemon.
                _blacklistExact[kind].Add(Join(s, 3, s.Length));
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
                    Error(key, $"a custom notifier cannot take the name of the built-in notifier '{name}'; ignored");
                }
                else if (TryText(key, value, out var path))
                {
                    if (path.Length == 0)
                    {
                        Error(key, "value is empty; expected the path of an executable. The custom notifier is not loaded");
                    }
                    else
                    {
                        _custom[name] = new CustomNotifierConfig(name, path);
                    }
                }

                break;
            case [_, "custom", ..]:
                Unknown(key);
                break;
            case [_, var name, ..] when !NotifierKeys.All.ContainsKey(name):
                Error(key, $"unknown notifier '{name}' (known: {string.Join(", ", NotifierKeys.All.Keys)}, or custom/<name>); ignored");
                break;
            case [_, var name, "enabled"]:
                // Not quoted, like every notifier setting: a webhook URL put under the wrong key is still a secret.
                if (TryText(key, value, out var enabled) && TryBool(key, enabled, null, out var on, quote: false))
                {
                    _notifierEnabled[name] = on;
                }

                break;
            case [_, var name, var setting]:
                ParseNotifierKey(key, name, setting, value);
                break;
            case [_, var name, ..]:
                Error(key, $"unknown key of notifier '{name}' (known: enabled, {string.Join(", ", NotifierKeys.All[name].Keys)}); ignored");
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
            Error(key, $"unknown key of notifier '{name}' (known: enabled, {string.Join(", ", schema.Keys)}); ignored");
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

                Error(key, $"{what} is not one of {string.Join(", ", words)}; the notifier's default ({words[0]}) is used");
                return false;
            case NotifierKeyType.Bool:
                return TryBool(key, text, null, out _, what, quote: false);
            case NotifierKeyType.Int:
                if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) && number is >= 0 and <= int.MaxValue)
                {
                    return true;
                }

                Error(key, $"{what} is not a non-negative whole number; the notifier's default is used");
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

                        Error(key, $"{what} is JSON {Describe(document.RootElement.ValueKind)}, expected a JSON object; the notifier's default is used");
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
                        Error(key, "value is empty; expected a profile name. The selection is ignored");
                    }
                    else
                    {
                        _selectionExact[kind][Join(s, 2, s.Length)] = profile;
                        _profileReferences.Add((key, profile));
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
            Error(key, $"value is JSON {Describe(root.ValueKind)}, expected an object of \"regex\": \"profile\"; ignored");
            return;
        }

        // Document order is the matching order: the first pattern that matches wins.
        foreach (var rule in root.EnumerateObject())
        {
            var profile = rule.Value.ValueKind == JsonValueKind.String ? rule.Value.GetString()!.Trim() : "";
            if (profile.Length == 0)
            {
                Error(key, $"the profile of pattern {Quote(rule.Name)} must be a non-empty string; the pattern is ignored");
                continue;
            }

            if (TryRegex(key, rule.Name, out var regex))
            {
                _selectionPatterns[kind].Add((regex, profile));
                _profileReferences.Add((key, profile));
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
                Error(key, $"value is JSON {Describe(root.ValueKind)}, expected an object {{\"Interval\", \"NotifList\", \"VarOverrides\"}}; profile '{name}' is not loaded");
                return;
            }

            var profile = new ProfileConfig(name);
            foreach (var property in root.EnumerateObject())
            {
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
                    Error(key, $"unknown profile property {Quote(property.Name)} (known: Interval, NotifList, VarOverrides); ignored");
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

            Error(key, $"Interval {minutes} must not be negative; no reminders (0) are used");
            return TimeSpan.Zero;
        }

        Error(key, $"Interval {Quote(value.GetRawText())} is not a whole number of minutes; no reminders (0) are used");
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
            Error(key, $"NotifList is JSON {Describe(value.ValueKind)}, expected an object of \"notifier\": true|false; ignored");
            return list;
        }

        foreach (var entry in value.EnumerateObject())
        {
            switch (entry.Value.ValueKind)
            {
                case JsonValueKind.True or JsonValueKind.False:
                    list[entry.Name] = entry.Value.GetBoolean();
                    if (!IsNotifier(entry.Name))
                    {
                        Error(key, $"NotifList names {Quote(entry.Name)}, which is neither a built-in nor a custom notifier");
                    }

                    break;
                default:
                    Error(key, $"NotifList entry {Quote(entry.Name)} must be true or false; ignored");
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
            Error(key, $"VarOverrides is JSON {Describe(value.ValueKind)}, expected an object of \"notifier\": {{settings}}; ignored");
            return overrides;
        }

        foreach (var notifier in value.EnumerateObject())
        {
            var name = CanonicalNotifier(notifier.Name);
            if (name is null)
            {
                Error(key, $"VarOverrides names {Quote(notifier.Name)}, which is neither a built-in nor a custom notifier; ignored");
                continue;
            }

            if (notifier.Value.ValueKind != JsonValueKind.Object)
            {
                Error(key, $"VarOverrides of '{name}' must be a JSON object of settings; ignored");
                continue;
            }

            var settings = overrides.TryGetValue(name, out var existing)
                ? new Dictionary<string, string>(existing, StringComparer.Ordinal)
                : new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var setting in notifier.Value.EnumerateObject())
            {
                if (ParseOverride(key, name, setting) is var (settingKey, text))
                {
                    settings[settingKey] = text;
                }
            }

            overrides[name] = settings;
        }

        return overrides;
    }

    private (string Key, string Text)? ParseOverride(string key, string notifier, JsonProperty setting)
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
            Error(key, $"VarOverrides of '{notifier}' has unknown setting {Quote(setting.Name)} (known: {string.Join(", ", schema.Keys)}); ignored");
            return null;
        }

        var what = $"VarOverrides '{notifier}'.'{canonical}'";
        if (schema[canonical] is NotifierKeyType.String or NotifierKeyType.Secret or NotifierKeyType.Choice && setting.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
        {
            Error(key, $"{what} must be a string, not {Describe(setting.Value.ValueKind)}; ignored");
            return null;
        }

        return TryNotifierValue(key, notifier, canonical, schema[canonical], text, what) ? (canonical, text) : null;
    }

    private AlertsConfig Build(ulong revision)
    {
        foreach (var (key, name, text) in _profileTexts)
        {
            ParseProfile(key, name, text);
        }

        foreach (var (key, profile) in _profileReferences)
        {
            if (!_profiles.ContainsKey(profile))
            {
                Error(key, $"selects profile '{profile}', which is not defined under notif-profiles/");
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
            Errors = _errors,
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
            Error(key, "value is not valid UTF-8 text; ignored");
            text = "";
            return false;
        }
    }

    private bool TryBool(string key, string text, bool? fallback, out bool value, string what = "value", bool quote = true)
    {
        // Go's strconv.ParseBool, which the Go daemon used for every boolean key.
        bool ok = GoBool.TryParse(text, out bool? parsed);
        value = parsed ?? false;
        if (!ok)
        {
            var instead = fallback is { } f ? $"the default {(f ? "true" : "false")} is used" : "the default is used";
            Error(key, $"{what}{(quote ? " " + Quote(text) : "")} is not a boolean (true/false, t/f, 1/0); {instead}");
        }

        return parsed is not null;
    }

    private bool TrySeconds(string key, string text, TimeSpan? fallback, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        var instead = fallback is { } f ? $"the default {f.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s is used" : "the override is ignored";
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds))
        {
            Error(key, $"value {Quote(text)} is not a whole number of seconds; {instead}");
            return false;
        }

        if (seconds < 0)
        {
            Error(key, $"value {seconds} must not be negative; {instead}");
            return false;
        }

        if (seconds > int.MaxValue)
        {
            Error(key, $"value {seconds} is too large (at most {int.MaxValue} seconds); {instead}");
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
                Error(key, $"{subject} is JSON {Describe(root.ValueKind)}, expected an array of {what}; ignored");
                return false;
            }

            var position = 0;
            foreach (var element in root.EnumerateArray())
            {
                var item = element.ValueKind == JsonValueKind.String ? element.GetString()!.Trim() : "";
                if (item.Length == 0)
                {
                    var problem = element.ValueKind == JsonValueKind.String
                        ? $"{subject} element {position} is an empty string"
                        : $"{subject} element {position} must be a string, not {Describe(element.ValueKind)}";
                    if (!skipBadElements)
                    {
                        Error(key, problem + "; the whole value is ignored");
                        return false;
                    }

                    Error(key, problem + "; it is skipped");
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
            Error(key, $"{subject} is empty; expected JSON; {consequence}");
            return false;
        }

        try
        {
            document = JsonDocument.Parse(text, JsonOptions);
        }
        catch (JsonException ex)
        {
            // The exception message quotes the offending character: only the position is reported, values may be secret.
            Error(key, $"{subject} is not valid JSON (line {(ex.LineNumber ?? 0) + 1}, byte {(ex.BytePositionInLine ?? 0) + 1}); {consequence}");
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

    private bool TryRegex(string key, string pattern, out Regex regex)
    {
        try
        {
            regex = new Regex(pattern, RegexOptions.CultureInvariant, RegexTimeout);
            return true;
        }
        catch (ArgumentException ex)
        {
            Error(key, $"invalid regular expression {Quote(pattern)}: {ex.Message}; ignored");
            regex = null!;
            return false;
        }
    }

    private void Unknown(string key) => Error(key, "unknown configuration key; ignored");

    private void Error(string key, string message) => _errors.Add(new ConfigError(key, message));

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

    /// <summary>Quotes a non-secret value for an error message: shortened, control characters escaped (no log forging).</summary>
    private static string Quote(string text)
    {
        var builder = new StringBuilder("'");
        foreach (var c in text.Length > MaxQuoted ? text[..MaxQuoted] : text)
        {
            builder.Append(char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString());
        }

        return builder.Append(text.Length > MaxQuoted ? "…'" : "'").ToString();
    }
}
