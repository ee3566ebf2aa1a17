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

    /// <summary>Parses Go duration text such as <c>"30s"</c>, <c>"1m30s"</c>, <c>"1.5h"</c>, <c>"0"</c>.</summary>
    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var s = text.AsSpan().Trim();
        var negative = false;
        if (s[0] is '-' or '+')
        {
            negative = s[0] == '-';
            s = s[1..];
        }

        if (s is "0")
        {
            return true;
        }

        if (s.IsEmpty)
        {
            return false;
        }

        double totalTicks = 0;
        while (!s.IsEmpty)
        {
            var numberLength = 0;
            while (numberLength < s.Length && (char.IsAsciiDigit(s[numberLength]) || s[numberLength] == '.'))
            {
                numberLength++;
            }

            if (numberLength == 0 ||
                !double.TryParse(s[..numberLength], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            {
                return false;
            }

            s = s[numberLength..];
            var unitLength = 0;
            while (unitLength < s.Length && !char.IsAsciiDigit(s[unitLength]) && s[unitLength] != '.')
            {
                unitLength++;
            }

            double? ticksPerUnit = s[..unitLength] switch
            {
                "ns" => 0.01,
                "us" or "µs" or "μs" => 10,
                "ms" => TimeSpan.TicksPerMillisecond,
                "s" => TimeSpan.TicksPerSecond,
                "m" => TimeSpan.TicksPerMinute,
                "h" => TimeSpan.TicksPerHour,
                _ => null,
            };
            if (ticksPerUnit is null)
            {
                return false;
            }

            totalTicks += number * ticksPerUnit.Value;
            s = s[unitLength..];
        }

        if (totalTicks > TimeSpan.MaxValue.Ticks)
        {
            return false;
        }

        value = TimeSpan.FromTicks((long)totalTicks);
        if (negative)
        {
            value = -value;
        }

        return true;
    }
}
