using System.Text.Json;
using System.Text.Json.Serialization;
using ConsulAlerts.Configuration;

namespace ConsulAlerts.Notifications;

/// <summary>
/// A profile's VarOverrides as JSON: <c>{"&lt;notifier&gt;": {"&lt;key&gt;": value}}</c>. Values are kept as KV-style
/// text in memory; they are written back as JSON of their key's type (bool, number, array, object) when the key is
/// known to have one and the text parses as JSON, otherwise as strings — the shape profiles are written in. Reading
/// accepts Go's marshalled <c>Notifiers</c> struct too: its <c>null</c> entries are skipped.
/// </summary>
internal sealed class VarOverridesJsonConverter : JsonConverter<IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>>
{
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Empty { get; } =
        new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);

    public override bool HandleNull => true;

    public override IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Read(
        ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        var root = document.RootElement;
        if (root.ValueKind == JsonValueKind.Null)
        {
            return Empty;
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("VarOverrides must be an object.");
        }

        var result = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        foreach (var notifier in root.EnumerateObject())
        {
            if (notifier.Value.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            var keys = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var key in notifier.Value.EnumerateObject())
            {
                switch (key.Value.ValueKind)
                {
                    case JsonValueKind.Null:
                        break;
                    case JsonValueKind.String:
                        keys[key.Name] = key.Value.GetString()!;
                        break;
                    default:
                        keys[key.Name] = key.Value.GetRawText();
                        break;
                }
            }

            result[notifier.Name] = keys;
        }

        return result;
    }

    public override void Write(
        Utf8JsonWriter writer, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>? value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        foreach (var (notifier, keys) in (value ?? Empty).OrderBy(n => n.Key, StringComparer.Ordinal))
        {
            writer.WritePropertyName(notifier);
            writer.WriteStartObject();
            foreach (var (key, text) in keys.OrderBy(k => k.Key, StringComparer.Ordinal))
            {
                writer.WritePropertyName(key);
                if (IsTypedJson(notifier, key) && IsJson(text))
                {
                    writer.WriteRawValue(text, skipInputValidation: true);
                }
                else
                {
                    writer.WriteStringValue(text);
                }
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private static bool IsTypedJson(string notifier, string key) =>
        NotifierKeys.All.TryGetValue(notifier, out var keys)
        && keys.TryGetValue(key, out var type)
        && type is NotifierKeyType.Bool or NotifierKeyType.Int or NotifierKeyType.StringArray or NotifierKeyType.JsonObject;

    private static bool IsJson(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind != JsonValueKind.String;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
