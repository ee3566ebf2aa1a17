using System.Text;
using System.Text.Json;
using ConsulAlerts.Configuration;

namespace ConsulAlerts.Cli;

/// <summary>
/// Reads and writes the format of <c>consul kv export</c> / <c>consul kv import</c>: a JSON array of
/// <c>{"key": ..., "flags": ..., "value": base64}</c>. Reading reports every malformed element and keeps the rest.
/// </summary>
internal static class KvExportFormat
{
    /// <summary>Names a problem with the file as a whole, where no key applies.</summary>
    public const string FileProblemKey = "(file)";

    private static readonly JsonDocumentOptions ReadOptions = new() { MaxDepth = 8, CommentHandling = JsonCommentHandling.Skip };

    public static IReadOnlyList<KvExportEntry> Read(string json, List<ConfigError> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, ReadOptions);
        }
        catch (JsonException ex)
        {
            problems.Add(new ConfigError(FileProblemKey, $"not valid JSON: {ex.Message}"));
            return [];
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                problems.Add(new ConfigError(FileProblemKey, $"expected a JSON array of {{\"key\", \"flags\", \"value\"}} objects (consul kv export), found {document.RootElement.ValueKind}"));
                return [];
            }

            var entries = new List<KvExportEntry>();
            int index = 0;
            foreach (var element in document.RootElement.EnumerateArray())
            {
                if (ReadEntry(element, index, problems) is { } entry)
                {
                    entries.Add(entry);
                }

                index++;
            }

            return entries;
        }
    }

    public static string Write(IEnumerable<KvExportEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, IndentCharacter = '\t', IndentSize = 1 }))
        {
            json.WriteStartArray();
            foreach (var entry in entries)
            {
                json.WriteStartObject();
                json.WriteString("key", entry.Key);
                json.WriteNumber("flags", entry.Flags);
                json.WriteString("value", Convert.ToBase64String(entry.Value));
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static KvExportEntry? ReadEntry(JsonElement element, int index, List<ConfigError> problems)
    {
        string where = $"(element {index})";
        if (element.ValueKind != JsonValueKind.Object)
        {
            problems.Add(new ConfigError(where, $"expected an object with \"key\", \"flags\" and \"value\", found {element.ValueKind}"));
            return null;
        }

        if (!element.TryGetProperty("key", out var keyElement) || keyElement.ValueKind != JsonValueKind.String
            || keyElement.GetString() is not { Length: > 0 } key)
        {
            problems.Add(new ConfigError(where, "has no \"key\" string"));
            return null;
        }

        ulong flags = 0;
        if (element.TryGetProperty("flags", out var flagsElement) && flagsElement.ValueKind != JsonValueKind.Null
            && (flagsElement.ValueKind != JsonValueKind.Number || !flagsElement.TryGetUInt64(out flags)))
        {
            problems.Add(new ConfigError(key, "\"flags\" must be a whole number from 0 to 2^64-1"));
            return null;
        }

        byte[] value = [];
        if (element.TryGetProperty("value", out var valueElement) && valueElement.ValueKind != JsonValueKind.Null)
        {
            if (valueElement.ValueKind != JsonValueKind.String)
            {
                problems.Add(new ConfigError(key, "\"value\" must be a base64 string"));
                return null;
            }

            try
            {
                value = Convert.FromBase64String(valueElement.GetString()!);
            }
            catch (FormatException)
            {
                problems.Add(new ConfigError(key, "\"value\" is not valid base64 (consul kv export encodes every value)"));
                return null;
            }
        }

        foreach (var property in element.EnumerateObject())
        {
            if (property.Name is not ("key" or "flags" or "value"))
            {
                problems.Add(new ConfigError(key, $"unknown property '{property.Name}' (expected key, flags, value)"));
            }
        }

        return new KvExportEntry(key, flags, value);
    }
}
