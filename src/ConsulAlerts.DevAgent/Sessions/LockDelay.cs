using System.Text.Json;
using ConsulAlerts.DevAgent.Blocking;

namespace ConsulAlerts.DevAgent.Sessions;

/// <summary>Session <c>LockDelay</c> parsing (Consul's FixupLockDelay and MaxLockDelay).</summary>
internal static class LockDelay
{
    /// <summary>Default when the request has none.</summary>
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(15);

    /// <summary>Upper bound.</summary>
    public static readonly TimeSpan Max = TimeSpan.FromSeconds(60);

    /// <summary>Values below this many nanoseconds are read as seconds.</summary>
    private const long SecondsThreshold = 1000;

    /// <summary>
    /// Parses a duration string or a nanosecond count; values under 1000 are seconds; the result is capped at 60 s.
    /// Returns nanoseconds, or null when the value cannot be read.
    /// </summary>
    public static long? ParseNanoseconds(JsonElement? value)
    {
        long nanos;
        switch (value?.ValueKind)
        {
            case null or JsonValueKind.Null or JsonValueKind.Undefined:
                return (long)Default.TotalNanoseconds;
            case JsonValueKind.String:
                if (!GoDuration.TryParseNanoseconds(value.Value.GetString(), out nanos))
                {
                    return null;
                }

                break;
            case JsonValueKind.Number:
                if (!value.Value.TryGetDouble(out var number) || number > long.MaxValue || number < long.MinValue)
                {
                    return null;
                }

                nanos = (long)number;
                break;
            default:
                return null;
        }

        if (nanos < SecondsThreshold)
        {
            nanos *= 1_000_000_000;
        }

        return Math.Min(nanos, (long)Max.TotalNanoseconds);
    }
}
