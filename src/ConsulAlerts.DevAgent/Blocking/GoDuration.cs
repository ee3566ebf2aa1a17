using System.Globalization;
using System.Text;

namespace ConsulAlerts.DevAgent.Blocking;

/// <summary>Parses and formats durations the way Go's <c>time.ParseDuration</c> and <c>Duration.String</c> do.</summary>
internal static class GoDuration
{
    private const long NanosPerMicro = 1_000;
    private const long NanosPerMilli = 1_000_000;
    private const long NanosPerSecond = 1_000_000_000;
    private const long NanosPerMinute = 60 * NanosPerSecond;
    private const long NanosPerHour = 60 * NanosPerMinute;

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

        decimal total = 0;
        while (!s.IsEmpty)
        {
            var i = 0;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                i++;
            }

            var integer = s[..i];
            var rest = s[i..];
            var fraction = ReadOnlySpan<char>.Empty;
            if (!rest.IsEmpty && rest[0] == '.')
            {
                rest = rest[1..];
                var j = 0;
                while (j < rest.Length && char.IsAsciiDigit(rest[j]))
                {
                    j++;
                }

                fraction = rest[..j];
                rest = rest[j..];
            }

            if (integer.IsEmpty && fraction.IsEmpty)
            {
                return false;
            }

            var k = 0;
            while (k < rest.Length && rest[k] != '.' && !char.IsAsciiDigit(rest[k]))
            {
                k++;
            }

            long unit = rest[..k] switch
            {
                "ns" => 1,
                "us" or "\u00b5s" or "\u03bcs" => NanosPerMicro,
                "ms" => NanosPerMilli,
                "s" => NanosPerSecond,
                "m" => NanosPerMinute,
                "h" => NanosPerHour,
                _ => 0,
            };
            if (unit == 0 || integer.Length > 20 || fraction.Length > 20)
            {
                return false;
            }

            var number = decimal.Parse(
                string.Concat(integer.IsEmpty ? "0" : integer, ".", fraction.IsEmpty ? "0" : fraction),
                NumberStyles.AllowDecimalPoint,
                CultureInfo.InvariantCulture);
            if (number > (decimal)long.MaxValue / unit)
            {
                return false;
            }

            total += number * unit;
            if (total > long.MaxValue)
            {
                return false;
            }

            s = rest[k..];
        }

        nanos = (long)decimal.Truncate(total) * (negative ? -1 : 1);
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
            nanos = -nanos;
        }

        if (nanos < NanosPerSecond)
        {
            return nanos switch
            {
                < NanosPerMicro => sb.Append(nanos).Append("ns").ToString(),
                < NanosPerMilli => AppendFraction(sb, nanos, NanosPerMicro).Append("\u00b5s").ToString(),
                _ => AppendFraction(sb, nanos, NanosPerMilli).Append("ms").ToString(),
            };
        }

        var hours = nanos / NanosPerHour;
        nanos %= NanosPerHour;
        var minutes = nanos / NanosPerMinute;
        nanos %= NanosPerMinute;
        if (hours > 0)
        {
            sb.Append(hours).Append('h');
        }

        if (hours > 0 || minutes > 0)
        {
            sb.Append(minutes).Append('m');
        }

        return AppendFraction(sb, nanos, NanosPerSecond).Append('s').ToString();
    }

    private static StringBuilder AppendFraction(StringBuilder sb, long value, long unit)
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
