using System.Globalization;

namespace ConsulAlerts.Consul;

/// <summary>Go <c>time.Duration</c> text, as Consul sends and parses it (<c>"15s"</c>, <c>"1m30s"</c>, <c>"1500ms"</c>).</summary>
internal static class GoDuration
{
    /// <summary>Formats as whole milliseconds, the form the Go client sends; a positive value is at least <c>1ms</c>.</summary>
    public static string ToMilliseconds(TimeSpan value)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, TimeSpan.Zero);
        var ms = (long)Math.Ceiling(value.TotalMilliseconds);
        return string.Create(CultureInfo.InvariantCulture, $"{Math.Max(ms, 1)}ms");
    }

    /// <summary>Formats whole hours, minutes and seconds, leaving out trailing zero units (<c>120h</c>, <c>1h30m</c>, <c>45s</c>; <c>0s</c> for zero).</summary>
    public static string ToText(TimeSpan value)
    {
        if (value == TimeSpan.Zero)
        {
            return "0s";
        }

        var sign = value < TimeSpan.Zero ? "-" : "";
        var total = (long)Math.Abs(Math.Round(value.TotalSeconds));
        var (hours, minutes, seconds) = (total / 3600, total / 60 % 60, total % 60);
        var text = new System.Text.StringBuilder(sign);
        if (hours > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{hours}h");
        }

        if (minutes > 0 || (hours > 0 && seconds > 0))
        {
            text.Append(CultureInfo.InvariantCulture, $"{minutes}m");
        }

        if (seconds > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{seconds}s");
        }

        return text.ToString();
    }

    /// <summary>
    /// Parses Go duration text such as <c>"30s"</c>, <c>"1m30s"</c>, <c>"1.5h"</c>, <c>"0"</c> (surrounding white space
    /// ignored) exactly as Go's <c>time.ParseDuration</c> does, within its int64 nanosecond range; the nanoseconds are
    /// truncated to whole 100 ns ticks. The dev agent's parser is the one copy of Go's rules.
    /// </summary>
    public static bool TryParse(string? text, out TimeSpan value) => DevAgent.Blocking.GoDuration.TryParse(text?.Trim(), out value);
}
