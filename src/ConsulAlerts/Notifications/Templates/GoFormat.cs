using System.Collections;
using System.Globalization;
using System.Text;

namespace ConsulAlerts.Notifications.Templates;

/// <summary>Go's fmt formatting of CLR values (<c>%v</c>, Sprint, Sprintf) and strconv quoting.</summary>
internal static class GoFormat
{
    /// <summary>
    /// <c>fmt.Sprint</c> of one value. Times use Go's <c>time.Time.String()</c> layout
    /// <c>2006-01-02 15:04:05.999999999 -0700 MST</c>, with <c>UTC</c> for a zero offset and the
    /// numeric offset repeated otherwise (what Go prints for a zone without a name).
    /// </summary>
    public static string Value(object? value)
    {
        var sb = new StringBuilder();
        AppendValue(sb, value);
        return sb.ToString();
    }

    /// <summary><c>fmt.Sprint</c>: spaces between operands when neither is a string.</summary>
    public static string Sprint(IReadOnlyList<object?> args)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < args.Count; i++)
        {
            if (i > 0 && args[i] is not string && args[i - 1] is not string)
            {
                sb.Append(' ');
            }

            AppendValue(sb, args[i]);
        }

        return sb.ToString();
    }

    /// <summary><c>fmt.Sprintln</c>: always spaces, then a newline.</summary>
    public static string Sprintln(IReadOnlyList<object?> args)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < args.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(' ');
            }

            AppendValue(sb, args[i]);
        }

        return sb.Append('\n').ToString();
    }

    /// <summary><c>fmt.Sprintf</c> for the verbs templates use: %v %s %d %q %t %f %e %g %x %X %o %b %c %%.</summary>
    public static string Sprintf(string format, IReadOnlyList<object?> args)
    {
        var sb = new StringBuilder();
        var argIndex = 0;
        var i = 0;
        while (i < format.Length)
        {
            var c = format[i++];
            if (c != '%')
            {
                sb.Append(c);
                continue;
            }

            bool minus = false, plus = false, zero = false, sharp = false, space = false;
            for (; i < format.Length; i++)
            {
                switch (format[i])
                {
                    case '-': minus = true; continue;
                    case '+': plus = true; continue;
                    case '0': zero = true; continue;
                    case '#': sharp = true; continue;
                    case ' ': space = true; continue;
                }

                break;
            }

            var width = ReadNumber(format, ref i);
            int? precision = null;
            if (i < format.Length && format[i] == '.')
            {
                i++;
                precision = ReadNumber(format, ref i) ?? 0;
            }

            if (i >= format.Length)
            {
                sb.Append("%!(NOVERB)");
                break;
            }

            var verb = format[i++];
            if (verb == '%')
            {
                sb.Append('%');
                continue;
            }

            if (argIndex >= args.Count)
            {
                sb.Append("%!").Append(verb).Append("(MISSING)");
                continue;
            }

            var arg = args[argIndex++];
            var text = FormatVerb(verb, arg, plus, sharp, space, precision, out var numeric);
            if (text is null)
            {
                sb.Append("%!").Append(verb).Append('(').Append(TypeName(arg));
                if (arg is not null)
                {
                    sb.Append('=').Append(Value(arg));
                }

                sb.Append(')');
                continue;
            }

            Pad(sb, text, width, minus, zero && numeric && !minus);
        }

        if (argIndex < args.Count)
        {
            sb.Append("%!(EXTRA ");
            for (var k = argIndex; k < args.Count; k++)
            {
                if (k > argIndex)
                {
                    sb.Append(", ");
                }

                sb.Append(TypeName(args[k])).Append('=').Append(Value(args[k]));
            }

            sb.Append(')');
        }

        return sb.ToString();
    }

    /// <summary>Go's <c>strconv.Quote</c>.</summary>
    public static string Quote(string s)
    {
        var sb = new StringBuilder(s.Length + 2).Append('"');
        foreach (var rune in s.EnumerateRunes())
        {
            switch (rune.Value)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\a': sb.Append("\\a"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\v': sb.Append("\\v"); break;
                default:
                    if (rune.Value < 0x20 || rune.Value == 0x7f)
                    {
                        sb.Append(CultureInfo.InvariantCulture, $"\\x{rune.Value:x2}");
                    }
                    else if (Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.OtherNotAssigned or UnicodeCategory.Surrogate)
                    {
                        sb.Append(rune.Value > 0xffff ? "\\U" : "\\u").Append(rune.Value.ToString(rune.Value > 0xffff ? "x8" : "x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(rune.ToString());
                    }

                    break;
            }
        }

        return sb.Append('"').ToString();
    }

    /// <summary>Go's <c>%v</c> of a float64: shortest digits, exponent form below 1e-4 or from 1e6.</summary>
    public static string Float(double d, char verb = 'g', int? precision = null)
    {
        if (double.IsNaN(d))
        {
            return "NaN";
        }

        if (double.IsInfinity(d))
        {
            return d > 0 ? "+Inf" : "-Inf";
        }

        switch (verb)
        {
            case 'f' or 'F':
                return d.ToString("F" + (precision ?? 6).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
            case 'e' or 'E':
                return Exponent(d.ToString((verb == 'e' ? "e" : "E") + (precision ?? 6).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));
        }

        if (precision is { } p)
        {
            return Exponent(d.ToString("G" + Math.Max(p, 1).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture).Replace("E", "e", StringComparison.Ordinal));
        }

        // Shortest round-trip digits, then strconv's 'g' rule for the shortest form: %e when exp < -4 || exp >= 6.
        var shortest = Math.Abs(d).ToString("R", CultureInfo.InvariantCulture);
        var digits = ShortestDigits(shortest, out var exp);
        var sign = d < 0 || (d == 0 && double.IsNegative(d)) ? "-" : "";
        if (exp < -4 || exp >= 6)
        {
            var mantissa = digits.Length > 1 ? digits[0] + "." + digits[1..] : digits;
            return $"{sign}{mantissa}e{(exp < 0 ? '-' : '+')}{Math.Abs(exp):00}";
        }

        string body;
        if (exp < 0)
        {
            body = "0." + new string('0', -exp - 1) + digits;
        }
        else if (digits.Length <= exp + 1)
        {
            body = digits + new string('0', exp + 1 - digits.Length);
        }
        else
        {
            body = digits[..(exp + 1)] + "." + digits[(exp + 1)..];
        }

        return sign + body;
    }

    private static string ShortestDigits(string roundTrip, out int exp)
    {
        var e = roundTrip.IndexOfAny(['E', 'e']);
        var mantissa = e < 0 ? roundTrip : roundTrip[..e];
        var extra = e < 0 ? 0 : int.Parse(roundTrip[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        var intPart = dot < 0 ? mantissa : mantissa[..dot];
        var all = intPart + (dot < 0 ? "" : mantissa[(dot + 1)..]);
        var pointPos = intPart.Length + extra;
        var lead = 0;
        while (lead < all.Length - 1 && all[lead] == '0')
        {
            lead++;
        }

        var digits = all[lead..].TrimEnd('0');
        if (digits.Length == 0)
        {
            exp = 0;
            return "0";
        }

        exp = pointPos - lead - 1;
        return digits;
    }

    // .NET writes "1.5e+003"; Go writes at least two exponent digits: "1.5e+03".
    private static string Exponent(string s)
    {
        var e = s.IndexOfAny(['e', 'E']);
        if (e < 0 || e + 2 >= s.Length)
        {
            return s;
        }

        var digits = s[(e + 2)..].TrimStart('0');
        return s[..(e + 2)] + digits.PadLeft(2, '0');
    }

    private static string? FormatVerb(char verb, object? arg, bool plus, bool sharp, bool space, int? precision, out bool numeric)
    {
        numeric = false;
        var isInt = GoValues.TryGetInteger(arg, out var integer) || arg is ulong;
        switch (verb)
        {
            case 'v':
                if (GoValues.TryGetFloat(arg, out var fv))
                {
                    numeric = true;
                    return Signed(Float(fv, 'g', precision), plus, space);
                }

                numeric = isInt;
                return isInt ? Signed(Value(arg), plus, space) : Value(arg);
            case 's':
                if (arg is null || isInt || arg is bool || GoValues.TryGetFloat(arg, out _))
                {
                    return null;
                }

                var s = Value(arg);
                return precision is { } p && p < s.Length ? s[..p] : s;
            case 'q':
                if (arg is string qs)
                {
                    return sharp && !qs.Contains('`', StringComparison.Ordinal) ? "`" + qs + "`" : Quote(qs);
                }

                return isInt ? "'" + Quote(RuneText(integer))[1..^1].Replace("'", "\\'", StringComparison.Ordinal) + "'" : null;
            case 't':
                return arg is bool b ? (b ? "true" : "false") : null;
            case 'd':
                numeric = true;
                return isInt ? Signed(Value(arg), plus, space) : null;
            case 'c':
                return isInt ? RuneText(integer) : null;
            case 'x' or 'X' or 'o' or 'b':
                numeric = true;
                if (isInt)
                {
                    var radix = verb switch { 'o' => 8, 'b' => 2, _ => 16 };
                    var magnitude = arg is ulong ul ? ul : (ulong)Math.Abs(integer);
                    var digits = ToRadix(magnitude, radix);
                    digits = verb == 'X' ? digits.ToUpperInvariant() : digits;
                    var prefix = sharp ? verb switch { 'x' => "0x", 'X' => "0X", 'o' => "0", _ => "" } : "";
                    return Signed((integer < 0 ? "-" : "") + prefix + digits, plus, space);
                }

                if (arg is string hex && verb is 'x' or 'X')
                {
                    var h = Convert.ToHexString(Encoding.UTF8.GetBytes(hex));
                    return verb == 'x' ? h.ToLowerInvariant() : h;
                }

                return null;
            case 'f' or 'F' or 'e' or 'E' or 'g' or 'G':
                numeric = true;
                return GoValues.TryGetFloat(arg, out var f) ? Signed(Float(f, char.ToLowerInvariant(verb) == 'g' ? 'g' : verb, precision), plus, space) : null;
            default:
                return null;
        }
    }

    private static string ToRadix(ulong value, int radix)
    {
        if (value == 0)
        {
            return "0";
        }

        var sb = new StringBuilder();
        while (value > 0)
        {
            sb.Insert(0, "0123456789abcdef"[(int)(value % (ulong)radix)]);
            value /= (ulong)radix;
        }

        return sb.ToString();
    }

    private static string Signed(string s, bool plus, bool space) =>
        s.StartsWith('-') || s.StartsWith('+') || s is "NaN" ? s : plus ? "+" + s : space ? " " + s : s;

    private static void Pad(StringBuilder sb, string text, int? width, bool left, bool zeros)
    {
        var pad = (width ?? 0) - text.Length;
        if (pad <= 0)
        {
            sb.Append(text);
        }
        else if (left)
        {
            sb.Append(text).Append(' ', pad);
        }
        else if (zeros)
        {
            var signed = text.Length > 0 && text[0] is '-' or '+' or ' ';
            if (signed)
            {
                sb.Append(text[0]);
            }

            sb.Append('0', pad).Append(signed ? text[1..] : text);
        }
        else
        {
            sb.Append(' ', pad).Append(text);
        }
    }

    // Go's rune(c) for %c and %q: a value that is no Unicode scalar (negative, a surrogate, past U+10FFFF) prints U+FFFD.
    private static string RuneText(long integer) =>
        integer is >= 0 and <= 0x10FFFF && Rune.IsValid((int)integer) ? char.ConvertFromUtf32((int)integer) : "\uFFFD";

    // Go's parsenum: a width or precision past a million is taken as garbage and swallows the rest of the format
    // (so it ends in %!(NOVERB)); without that bound "%2000000000d" would pad to gigabytes or overflow int.
    private static int? ReadNumber(string format, ref int i)
    {
        const int TooLarge = 1_000_000;
        int? number = null;
        while (i < format.Length && char.IsAsciiDigit(format[i]))
        {
            if (number > TooLarge)
            {
                i = format.Length;
                return null;
            }

            number = ((number ?? 0) * 10) + (format[i] - '0');
            i++;
        }

        return number;
    }

    /// <summary>The Go type name fmt shows in <c>%!d(string=x)</c>.</summary>
    private static string TypeName(object? v) => v switch
    {
        null => "<nil>",
        string => "string",
        bool => "bool",
        int => "int",
        long => "int64",
        uint => "uint",
        ulong => "uint64",
        double => "float64",
        float => "float32",
        _ => v.GetType().Name,
    };

    private static void AppendValue(StringBuilder sb, object? value)
    {
        switch (value)
        {
            case null:
                sb.Append("<nil>");
                return;
            case string s:
                sb.Append(s);
                return;
            case bool b:
                sb.Append(b ? "true" : "false");
                return;
            case double d:
                sb.Append(Float(d));
                return;
            case float f:
                sb.Append(Float(f));
                return;
            case DateTimeOffset dto:
                AppendTime(sb, dto);
                return;
            case DateTime dt:
                AppendTime(sb, dt.Kind == DateTimeKind.Local ? new DateTimeOffset(dt) : new DateTimeOffset(DateTime.SpecifyKind(dt, DateTimeKind.Utc)));
                return;
            case IFormattable formattable when value.GetType().IsPrimitive || value is decimal:
                sb.Append(formattable.ToString(null, CultureInfo.InvariantCulture));
                return;
        }

        if (MapAdapter.For(value) is { } map)
        {
            // Go prints maps as map[k1:v1 k2:v2], sorted by key.
            sb.Append("map[");
            var first = true;
            foreach (var (k, v) in map.SortedEntries(value))
            {
                if (!first)
                {
                    sb.Append(' ');
                }

                first = false;
                AppendValue(sb, k);
                sb.Append(':');
                AppendValue(sb, v);
            }

            sb.Append(']');
            return;
        }

        if (value is IEnumerable items)
        {
            sb.Append('[');
            var first = true;
            foreach (var item in items)
            {
                if (!first)
                {
                    sb.Append(' ');
                }

                first = false;
                AppendValue(sb, item);
            }

            sb.Append(']');
            return;
        }

        sb.Append(value is IFormattable other ? other.ToString(null, CultureInfo.InvariantCulture) : value.ToString());
    }

    private static void AppendTime(StringBuilder sb, DateTimeOffset t)
    {
        sb.Append(t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
        var fraction = t.Ticks % TimeSpan.TicksPerSecond;
        if (fraction != 0)
        {
            sb.Append('.').Append(fraction.ToString("0000000", CultureInfo.InvariantCulture).TrimEnd('0'));
        }

        var offset = t.Offset;
        var zone = (offset < TimeSpan.Zero ? "-" : "+") + offset.Duration().ToString("hhmm", CultureInfo.InvariantCulture);
        sb.Append(' ').Append(zone).Append(' ').Append(offset == TimeSpan.Zero ? "UTC" : zone);
    }
}
