using System.Text;
using System.Text.Json;
using ConsulAlerts.Compat;
using ConsulAlerts.Consul;
using ConsulAlerts.Silences;

namespace ConsulAlerts.Cli;

/// <summary>What <c>silence add</c> and <c>silence update</c> send: matchers, times, author and comment as the API takes them.</summary>
internal static class SilenceRequestText
{
    /// <summary>Matchers in Alertmanager's notation (<c>node=web-1</c>, <c>service=~"api|web"</c>); a bad one is a usage error.</summary>
    public static IReadOnlyList<SilenceMatcher> Matchers(IEnumerable<string> operands) =>
        [.. operands.Select(o => SilenceMatcherNotation.TryParse(o, out var matcher, out var error) ? matcher : throw new CommandLineException(error))];

    /// <summary>
    /// The end the options ask for: <c>--end</c>, else <c>--duration</c> after <paramref name="from"/>, else
    /// <paramref name="fallback"/> after it (null when there is none: keep the end as it is).
    /// </summary>
    public static DateTimeOffset? End(ParsedArguments arguments, DateTimeOffset from, TimeSpan? fallback)
    {
        if (arguments.Get("end") is { } endText)
        {
            return arguments.Has("duration") ? throw new CommandLineException("give --end or --duration, not both") : ParseTime("end", endText);
        }

        if (arguments.Get("duration") is { } durationText)
        {
            return GoDuration.TryParse(durationText, out var duration) && duration > TimeSpan.Zero
                ? from + duration
                : throw new CommandLineException($"invalid --duration '{durationText}': expected a positive duration such as 30m, 2h or 1h30m");
        }

        return fallback is { } d ? from + d : null;
    }

    public static DateTimeOffset ParseTime(string option, string text) =>
        GoTimeJsonConverter.TryParse(text, out var value) && text.Contains('T', StringComparison.OrdinalIgnoreCase)
            ? value
            : throw new CommandLineException($"invalid --{option} '{text}': expected an RFC 3339 time such as 2026-01-02T15:04:05Z");

    /// <summary>The JSON body of <c>POST /v1/silences</c> or <c>PUT /v1/silences/&lt;id&gt;</c>.</summary>
    public static string Body(IReadOnlyList<SilenceMatcher> matchers, DateTimeOffset? start, DateTimeOffset end, string author, string comment)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("matchers");
            foreach (var matcher in matchers)
            {
                writer.WriteStartObject();
                writer.WriteString("name", matcher.Name);
                writer.WriteString("value", matcher.Value);
                writer.WriteBoolean("isRegex", matcher.IsRegex);
                writer.WriteBoolean("isEqual", matcher.IsEqual);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            if (start is { } s)
            {
                writer.WriteString("startsAt", GoTimeJsonConverter.Format(s.ToUniversalTime()));
            }

            writer.WriteString("endsAt", GoTimeJsonConverter.Format(end.ToUniversalTime()));
            writer.WriteString("createdBy", author);
            writer.WriteString("comment", comment);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The matchers of a silence as the API shows it (<c>GET /v1/silences/&lt;id&gt;</c>).</summary>
    public static IReadOnlyList<SilenceMatcher> MatchersOf(JsonElement silence) =>
        silence.TryGetProperty("matchers", out var list) && list.ValueKind == JsonValueKind.Array
            ? [.. list.EnumerateArray().Select(m => new SilenceMatcher
            {
                Name = Text(m, "name"),
                Value = Text(m, "value"),
                IsRegex = m.TryGetProperty("isRegex", out var r) && r.ValueKind == JsonValueKind.True,
                IsEqual = !m.TryGetProperty("isEqual", out var e) || e.ValueKind != JsonValueKind.False,
            })]
            : [];

    /// <summary>A string property of a JSON object; empty when missing or not a string.</summary>
    public static string Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";
}
