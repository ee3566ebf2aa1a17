using System.Numerics;
using CsCheck;

namespace ConsulAlerts.Tests.Testing;

/// <summary>
/// Generated Go duration text (<c>[-+]?(digits[.digits]unit)+</c>, or <c>0</c>) with the exact value it stands for, as
/// Go's <c>time.ParseDuration</c> reads it: each part is whole nanoseconds (its fraction truncated), and the sum must
/// fit an int64 (down to -2^63 with a minus sign).
/// </summary>
internal static class GoDurationText
{
    public static readonly BigInteger MaxNanos = long.MaxValue;

    private static readonly (string Unit, long Nanos)[] Units =
        [("ns", 1), ("us", 1_000), ("\u00b5s", 1_000), ("\u03bcs", 1_000), ("ms", 1_000_000), ("s", 1_000_000_000), ("m", 60_000_000_000), ("h", 3_600_000_000_000)];

    // Mostly short numbers, sometimes very long ones (leading zeros, values past int64, fractions past 19 digits).
    private static readonly Gen<string> Digits = Gen.Frequency(
        (4, Gen.Char['0', '9'].Array[0, 3]),
        (1, Gen.Char['0', '9'].Array[0, 25]))
        .Select(chars => new string(chars));

    private static readonly Gen<(string Text, BigInteger Nanos)> Part =
        Gen.Select(Digits, Gen.Bool, Digits, Gen.Int[0, Units.Length - 1])
            .Where((whole, dot, fraction, _) => whole.Length > 0 || (dot && fraction.Length > 0))
            .Select((whole, dot, fraction, unit) =>
            {
                var (name, nanos) = Units[unit];
                fraction = dot ? fraction : "";
                var value = (whole.Length == 0 ? BigInteger.Zero : BigInteger.Parse(whole)) * nanos;
                if (fraction.Length > 0)
                {
                    value += BigInteger.Parse(fraction) * nanos / BigInteger.Pow(10, fraction.Length);
                }

                return (whole + (dot ? "." : "") + fraction + name, value);
            });

    /// <summary>Syntactically valid text and its exact value in nanoseconds (possibly out of int64 range).</summary>
    public static readonly Gen<(string Text, BigInteger Nanos)> Valid = Gen.Frequency(
        (1, Gen.OneOf(("0", BigInteger.Zero), ("-0", BigInteger.Zero), ("+0", BigInteger.Zero))),
        (12, Gen.Select(Gen.OneOf("", "+", "-"), Part.Array[1, 4]).Select((sign, parts) =>
        {
            var total = parts.Aggregate(BigInteger.Zero, (sum, part) => sum + part.Nanos);
            return (sign + string.Concat(parts.Select(p => p.Text)), sign == "-" ? -total : total);
        })));

    /// <summary>Text made of duration characters and a few others, mostly invalid.</summary>
    public static readonly Gen<string> Noise = Gen.Char["0123456789.+-nsuµμmhx e\t"].Array[0, 12].Select(chars => new string(chars));

    /// <summary>Whether Go accepts the value: it fits an int64 nanosecond count.</summary>
    public static bool InRange(BigInteger nanos) => nanos <= MaxNanos && nanos >= -MaxNanos - 1;
}
