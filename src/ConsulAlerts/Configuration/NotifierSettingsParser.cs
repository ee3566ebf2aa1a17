using System.Globalization;
using System.Text.Json;

namespace ConsulAlerts.Configuration;

/// <summary>
/// Reads the keys under <c>notifiers/</c>: each built-in notifier's <c>enabled</c> and settings, checked against the
/// notifier's key schema (<see cref="NotifierKeys"/>), and the custom notifiers. Settings are validated here but kept as
/// the text of their key, which is what the notifiers read.
/// </summary>
internal sealed class NotifierSettingsParser
{
    private readonly ConfigValueReader _reader;
    private readonly Dictionary<string, bool> _enabled = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, string>> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CustomNotifierConfig> _custom = new(StringComparer.Ordinal);

    public NotifierSettingsParser(ConfigValueReader reader) => _reader = reader;

    /// <summary>The custom notifiers read, by name.</summary>
    public IReadOnlyDictionary<string, CustomNotifierConfig> Custom => _custom;

    /// <summary>Reads one key under <c>notifiers/</c>; <paramref name="s"/> are its segments after the config root.</summary>
    public void Parse(string key, string[] s, byte[]? value)
    {
        switch (s)
        {
            case [_, "custom", var name]:
                if (NotifierKeys.All.ContainsKey(name))
                {
                    _reader.Note(key, $"a custom notifier cannot take the name of the built-in notifier '{name}'", "ignored");
                }
                else if (_reader.TryText(key, value, out var path))
                {
                    if (path.Length == 0)
                    {
                        _reader.Error(key, "value is empty; expected the path of an executable", "the custom notifier is not loaded");
                    }
                    else if (_reader.Admit("notifiers/custom/"))
                    {
                        _custom[name] = new CustomNotifierConfig(name, path);
                    }
                }

                break;
            case [_, "custom", ..]:
                _reader.Unknown(key);
                break;
            case [_, var name, ..] when !NotifierKeys.All.ContainsKey(name):
                _reader.Note(key, $"unknown notifier '{name}' (known: {string.Join(", ", NotifierKeys.All.Keys)}, or custom/<name>)", "ignored");
                break;
            case [_, var name, "enabled"]:
                // Not quoted, like every notifier setting: a webhook URL put under the wrong key is still a secret.
                if (_reader.TryText(key, value, out var enabled) && _reader.TryBool(key, enabled, null, out var on))
                {
                    _enabled[name] = on;
                }

                break;
            case [_, var name, var setting]:
                ParseSetting(key, name, setting, value);
                break;
            case [_, var name, ..]:
                _reader.Note(key, $"unknown key of notifier '{name}' (known: enabled, {string.Join(", ", NotifierKeys.All[name].Keys)})", "ignored");
                break;
            default:
                _reader.Unknown(key);
                break;
        }
    }

    private void ParseSetting(string key, string name, string setting, byte[]? value)
    {
        var schema = NotifierKeys.All[name];
        if (!schema.TryGetValue(setting, out var type))
        {
            _reader.Note(key, $"unknown key of notifier '{name}' (known: enabled, {string.Join(", ", schema.Keys)})", "ignored");
            return;
        }

        if (!_reader.TryText(key, value, out var text))
        {
            return;
        }

        // An empty string setting means "not set": the notifier applies its default.
        if (text.Length == 0 && type is NotifierKeyType.String or NotifierKeyType.Secret or NotifierKeyType.Choice)
        {
            return;
        }

        if (TryValue(key, name, setting, type, text, "value"))
        {
            if (!_values.TryGetValue(name, out var values))
            {
                values = new Dictionary<string, string>(StringComparer.Ordinal);
                _values[name] = values;
            }

            values[setting] = text;
        }
    }

    /// <summary>
    /// Validates a notifier setting's text against its type. Reports never quote the value: a password pasted into the
    /// wrong key is still a password.
    /// </summary>
    public bool TryValue(string key, string notifier, string setting, NotifierKeyType type, string text, string what)
    {
        switch (type)
        {
            case NotifierKeyType.Choice:
                var words = NotifierKeys.Choices(notifier, setting);
                if (words.Contains(text, StringComparer.OrdinalIgnoreCase))
                {
                    return true;
                }

                _reader.Error(key, $"{what} is not one of {string.Join(", ", words)}", $"the notifier's default ({words[0]}) is used");
                return false;
            case NotifierKeyType.Bool:
                return _reader.TryBool(key, text, null, out _, what);
            case NotifierKeyType.Int:
                if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) && number is >= 0 and <= int.MaxValue)
                {
                    return true;
                }

                _reader.Error(key, $"{what} is not a non-negative whole number", "the notifier's default is used");
                return false;
            case NotifierKeyType.StringArray:
                // The text is kept as it is, so one bad element rejects the whole value rather than reaching the notifier.
                return _reader.TryStringArray(key, text, "strings", out _, skipBadElements: false, subject: what);
            case NotifierKeyType.JsonObject:
                if (_reader.TryJson(key, text, out var document, "the notifier's default is used", what))
                {
                    using (document)
                    {
                        if (document.RootElement.ValueKind == JsonValueKind.Object)
                        {
                            return true;
                        }

                        _reader.Error(key, $"{what} is JSON {ConfigValueReader.Describe(document.RootElement.ValueKind)}, expected a JSON object", "the notifier's default is used");
                    }
                }

                return false;
            default:
                return true;
        }
    }

    /// <summary>Whether <paramref name="name"/> is a built-in notifier or a custom one read so far.</summary>
    public bool IsNotifier(string name) => NotifierKeys.All.ContainsKey(name) || _custom.ContainsKey(name);

    /// <summary>The notifier <paramref name="name"/> stands for, matching built-in names case-insensitively as Go did; null for none.</summary>
    public string? Canonical(string name)
    {
        if (IsNotifier(name))
        {
            return name;
        }

        return NotifierKeys.All.Keys.FirstOrDefault(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Every built-in notifier: its defaults with what the keys set.</summary>
    public Dictionary<string, NotifierConfig> Build()
    {
        var notifiers = new Dictionary<string, NotifierConfig>(StringComparer.Ordinal);
        foreach (var (name, defaults) in NotifierConfig.Defaults)
        {
            notifiers[name] = defaults with
            {
                Enabled = _enabled.TryGetValue(name, out var on) ? on : defaults.Enabled,
                Values = _values.TryGetValue(name, out var values) ? values : defaults.Values,
            };
        }

        return notifiers;
    }
}
