using System.Globalization;
using System.Text;

namespace ConsulAlerts.DevAgent.Blocking;

/// <summary>Parses and formats durations the way Go's <c>time.ParseDuration</c> and <c>Duration.String</c> do.</summary>
internal static class GoDuration
{
    private const ulong NanosPerMicro = 1_000;
    private const ulong NanosPerMilli = 1_000_000;
    private const ulong NanosPerSecond = 1_000_000_000;
    private const ulong NanosPerMinute = 60 * NanosPerSecond;
    private const ulong NanosPerHour = 60 * NanosPerMinute;
    private const int MaxFractionDigits = 25;

    // 2^63: the largest magnitude a negative duration may have; a positive one stays below it.
    private static readonly UInt128 Limit = (UInt128)long.MaxValue + 1;

    /// <summary>Parses a Go duration such as <c>"1h2m3.5s"</c>; a bare number other than "0" is invalid, as in Go.</summary>
    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (!TryParseNanoseconds(text, out var nanos))
        {
            return false;
        }

        value = TimeSpan.FromTicks(nanos / 100);
        return true;
    }

    /// <summary>Go's error for a text that <see cref="TryParse"/> refuses, e.g. <c>time: missing unit in duration "15"</c>.</summary>
    public static string ErrorFor(string? text)
    {
        var quoted = $"\"{text}\"";
        var s = (text ?? "").TrimStart('-', '+');
        if (s.Length == 0)
        {
            return $"time: invalid duration {quoted}";
        }

        // Walk number-unit pairs as Go does: the first bad unit is named; a missing number or unit has its own wording.
        var i = 0;
        while (i < s.Length)
        {
            var numberStart = i;
            while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] == '.'))
            {
                i++;
            }

            if (i == numberStart)
            {
                return $"time: invalid duration {quoted}";
            }

            var unitStart = i;
            while (i < s.Length && !char.IsAsciiDigit(s[i]) && s[i] != '.')
            {
                i++;
            }

            if (i == unitStart)
            {
                return $"time: missing unit in duration {quoted}";
            }

            var unit = s[unitStart..i];
            if (unit is not ("ns" or "us" or "µs" or "μs" or "ms" or "s" or "m" or "h"))
            {
                return $"time: unknown unit \"{unit}\" in duration {quoted}";
            }
        }

        return $"time: invalid duration {quoted}";
    }

    /// <summary>
    /// Parses a Go duration into nanoseconds, exactly: each part is whole nanoseconds (its fraction truncated, as Go
    /// does), and the sum must fit an int64, down to -2^63 with a minus sign. Fraction digits past the 25th are ignored;
    /// they change a part by less than 10^-12 ns (Go's own float arithmetic already stops at about 19 digits).
    /// </summary>
    public static bool TryParseNanoseconds(string? text, out long nanos)
    {
        nanos = 0;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var s = text.AsSpan();
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

        // Integers, not decimal or double: 2^63 ns needs 19 digits, and a part's fraction times its unit up to 38.
        UInt128 total = 0;
        while (!s.IsEmpty)
        {
            UInt128 whole = 0;
            var i = 0;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                whole = (whole * 10) + (uint)(s[i] - '0');
                if (whole > Limit)
                {
                    return false;
                }

                i++;
            }

            var hasWhole = i > 0;
            s = s[i..];
            UInt128 fraction = 0;
            UInt128 scale = 1;
            var hasFraction = false;
            if (!s.IsEmpty && s[0] == '.')
            {
                s = s[1..];
                var j = 0;
                while (j < s.Length && char.IsAsciiDigit(s[j]))
                {
                    if (j < MaxFractionDigits)
                    {
                        fraction = (fraction * 10) + (uint)(s[j] - '0');
                        scale *= 10;
                    }

                    j++;
                }

                hasFraction = j > 0;
                s = s[j..];
            }

            if (!hasWhole && !hasFraction)
            {
                return false;
            }

            var k = 0;
            while (k < s.Length && s[k] != '.' && !char.IsAsciiDigit(s[k]))
            {
                k++;
            }

            ulong unit = s[..k] switch
            {
                "ns" => 1,
                "us" or "\u00b5s" or "\u03bcs" => NanosPerMicro,
                "ms" => NanosPerMilli,
                "s" => NanosPerSecond,
                "m" => NanosPerMinute,
                "h" => NanosPerHour,
                _ => 0,
            };
            if (unit == 0)
            {
                return false;
            }

            total += (whole * unit) + (fraction * unit / scale);
            if (total > Limit)
            {
                return false;
            }

            s = s[k..];
        }

        if (total == Limit && !negative)
        {
            return false;
        }

        nanos = unchecked((long)(ulong)total);
        nanos = negative ? unchecked(-nanos) : nanos;
        return true;
    }

    /// <summary>Formats like Go's <c>Duration.String</c>: <c>"0s"</c>, <c>"1m0s"</c>, <c>"1.5s"</c>, <c>"500ms"</c>.</summary>
    public static string Format(TimeSpan value) => FormatNanoseconds(value.Ticks * 100);

    public static string FormatNanoseconds(long nanos)
    {
        if (nanos == 0)
        {
            return "0s";
        }

        var sb = new StringBuilder();
        if (nanos < 0)
        {
            sb.Append('-');
        }

        // The magnitude as unsigned: -long.MinValue has no long.
        var magnitude = nanos < 0 ? (ulong)(-(nanos + 1)) + 1 : (ulong)nanos;
        if (magnitude < NanosPerSecond)
        {
            return magnitude switch
            {
                < NanosPerMicro => sb.Append(magnitude).Append("ns").ToString(),
                < NanosPerMilli => AppendFraction(sb, magnitude, NanosPerMicro).Append("\u00b5s").ToString(),
                _ => AppendFraction(sb, magnitude, NanosPerMilli).Append("ms").ToString(),
            };
        }

        var hours = magnitude / NanosPerHour;
        magnitude %= NanosPerHour;
        var minutes = magnitude / NanosPerMinute;
        magnitude %= NanosPerMinute;
        if (hours > 0)
        {
            sb.Append(hours).Append('h');
        }

        if (hours > 0 || minutes > 0)
        {
            sb.Append(minutes).Append('m');
        }

        return AppendFraction(sb, magnitude, NanosPerSecond).Append('s').ToString();
    }

    private static StringBuilder AppendFraction(StringBuilder sb, ulong value, ulong unit)
    {
        sb.Append(value / unit);
        var remainder = value % unit;
        if (remainder != 0)
        {
            var digits = unit.ToString(CultureInfo.InvariantCulture).Length - 1;
            var text = remainder.ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0').TrimEnd('0');
            sb.Append('.').Append(text);
        }

        return sb;
    }
}
