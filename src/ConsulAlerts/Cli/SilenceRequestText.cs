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

    /// <summary>A time as the API takes it (RFC 3339, UTC); null stays null.</summary>
    public static string? Format(DateTimeOffset? time) => time is { } t ? GoTimeJsonConverter.Format(t.ToUniversalTime()) : null;

    /// <summary>The JSON body of <c>POST /v1/silences</c> or <c>PUT /v1/silences/&lt;id&gt;</c>.</summary>
    public static string Body(SilenceRequest request) => JsonSerializer.Serialize(request, SilenceJsonContext.Default.SilenceRequest);

    /// <summary>A silence as the API shows it, read as a request (its other fields ignored); null when it is not one.</summary>
    public static SilenceRequest? RequestOf(string json)
    {
        try
        {
            return JsonSerializer.Deserialize(json, SilenceJsonContext.Default.SilenceRequest);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
