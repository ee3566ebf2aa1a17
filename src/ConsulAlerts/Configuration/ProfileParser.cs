using System.Globalization;
using System.Text.Json;

namespace ConsulAlerts.Configuration;

/// <summary>
/// Reads the notification profiles (<c>notif-profiles/&lt;name&gt;</c>): the Go daemon's JSON with <c>Interval</c>,
/// <c>NotifList</c> and <c>VarOverrides</c>, field names matched case-insensitively as Go's encoding/json does. Run
/// after every other key, since a profile may name custom notifiers defined after it.
/// </summary>
internal sealed class ProfileParser
{
    private readonly ConfigValueReader _reader;
    private readonly NotifierSettingsParser _notifiers;
    private readonly Dictionary<string, ProfileConfig> _profiles = new(StringComparer.Ordinal);

    public ProfileParser(ConfigValueReader reader, NotifierSettingsParser notifiers)
    {
        _reader = reader;
        _notifiers = notifiers;
    }

    /// <summary>The profiles loaded, by name.</summary>
    public IReadOnlyDictionary<string, ProfileConfig> Profiles => _profiles;

    /// <summary>Reads the profile <paramref name="name"/> from the text of its key; a profile that does not parse is not loaded.</summary>
    public void Parse(string key, string name, string text)
    {
        if (!_reader.TryJson(key, text, out var document, $"profile '{name}' is not loaded"))
        {
            return;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                _reader.Error(key, $"value is JSON {ConfigValueReader.Describe(root.ValueKind)}, expected an object {{\"Interval\", \"NotifList\", \"VarOverrides\"}}", $"profile '{name}' is not loaded");
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
                else if (string.Equals(property.Name, "GroupWait", StringComparison.OrdinalIgnoreCase))
                {
                    profile = profile with { GroupWait = ParseGroupWait(key, property.Value) };
                }
                else
                {
                    _reader.Error(key, $"member {position} is not a profile property (known: Interval, NotifList, VarOverrides, GroupWait)");
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

            _reader.Error(key, $"Interval {minutes} must not be negative", "no reminders (0) are used");
            return TimeSpan.Zero;
        }

        _reader.Error(key, $"Interval is JSON {ConfigValueReader.Describe(value.ValueKind)}, not a whole number of minutes", "no reminders (0) are used");
        return TimeSpan.Zero;
    }

    private TimeSpan? ParseGroupWait(string key, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            _reader.Error(key, $"GroupWait is JSON {ConfigValueReader.Describe(value.ValueKind)}, not a Go duration string such as \"2s\"", "checks/group-wait is used");
            return null;
        }

        return _reader.TryGroupWait(key, value.GetString()!, "GroupWait", "checks/group-wait is used", out var wait) ? wait : null;
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
            _reader.Error(key, $"NotifList is JSON {ConfigValueReader.Describe(value.ValueKind)}, expected an object of \"notifier\": true|false");
            return list;
        }

        _reader.TooMany(key, "NotifList", value.EnumerateObject().Count());
        var position = 0;
        foreach (var entry in value.EnumerateObject().Take(ConfigLimits.MaxEntries))
        {
            position++;
            switch (entry.Value.ValueKind)
            {
                case JsonValueKind.True or JsonValueKind.False:
                    list[entry.Name] = entry.Value.GetBoolean();
                    if (!_notifiers.IsNotifier(entry.Name))
                    {
                        _reader.Note(key, $"NotifList entry {position} names neither a built-in nor a custom notifier");
                    }

                    break;
                default:
                    _reader.Error(key, $"NotifList entry {Known(entry.Name, position)} must be true or false");
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
            _reader.Error(key, $"VarOverrides is JSON {ConfigValueReader.Describe(value.ValueKind)}, expected an object of \"notifier\": {{settings}}");
            return overrides;
        }

        _reader.TooMany(key, "VarOverrides", value.EnumerateObject().Count());
        var position = 0;
        foreach (var notifier in value.EnumerateObject().Take(ConfigLimits.MaxEntries))
        {
            position++;
            var name = _notifiers.Canonical(notifier.Name);
            if (name is null)
            {
                _reader.Note(key, $"VarOverrides entry {position} names neither a built-in nor a custom notifier", "ignored");
                continue;
            }

            if (notifier.Value.ValueKind != JsonValueKind.Object)
            {
                _reader.Error(key, $"VarOverrides of '{name}' must be a JSON object of settings");
                continue;
            }

            var settings = overrides.TryGetValue(name, out var existing)
                ? new Dictionary<string, string>(existing, StringComparer.Ordinal)
                : new Dictionary<string, string>(StringComparer.Ordinal);
            _reader.TooMany(key, $"VarOverrides of '{name}'", notifier.Value.EnumerateObject().Count());
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
            _reader.Error(key, $"VarOverrides of '{notifier}': member {position} is not one of its settings (known: {string.Join(", ", schema.Keys)})");
            return null;
        }

        var what = $"VarOverrides '{notifier}'.'{canonical}'";
        if (schema[canonical] is NotifierKeyType.String or NotifierKeyType.Secret or NotifierKeyType.Choice && setting.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
        {
            _reader.Error(key, $"{what} must be a string, not {ConfigValueReader.Describe(setting.Value.ValueKind)}");
            return null;
        }

        return _notifiers.TryValue(key, notifier, canonical, schema[canonical], text, what) ? (canonical, text) : null;
    }

    /// <summary>A JSON member named by what the daemon knows it as (a notifier's name), else by its position.</summary>
    private string Known(string name, int position) => _notifiers.IsNotifier(name) ? $"'{name}'" : position.ToString(CultureInfo.InvariantCulture);
}
