using System.Collections;

namespace ConsulAlerts.Notifications.Templates;

/// <summary>Go's view of CLR values: truth, basic kinds and comparison.</summary>
internal static class GoValues
{
    private enum Kind
    {
        Invalid,
        Bool,
        Int,
        Uint,
        Float,
        String,
        Other,
    }

    /// <summary>Go's truth: false, 0, nil, "" and empty collections are false; any other value is true.</summary>
    public static bool IsTrue(object? value) => value switch
    {
        null or MissingValue => false,
        bool b => b,
        string s => s.Length > 0,
        _ when TryGetInteger(value, out var i) => i != 0,
        ulong u => u != 0,
        _ when TryGetFloat(value, out var f) => f != 0,
        _ when MapAdapter.For(value) is { } map => map.Count(value) > 0,
        ICollection c => c.Count > 0,
        IEnumerable e => e.GetEnumerator().MoveNext(),
        _ => true,
    };

    public static bool TryGetInteger(object? value, out long result)
    {
        switch (value)
        {
            case int i: result = i; return true;
            case long l: result = l; return true;
            case short s: result = s; return true;
            case sbyte sb: result = sb; return true;
            case byte b: result = b; return true;
            case ushort us: result = us; return true;
            case uint ui: result = ui; return true;
            case ulong ul when ul <= long.MaxValue: result = (long)ul; return true;
            default: result = 0; return false;
        }
    }

    public static bool TryGetFloat(object? value, out double result)
    {
        switch (value)
        {
            case double d: result = d; return true;
            case float f: result = f; return true;
            case decimal m: result = (double)m; return true;
            default: result = 0; return false;
        }
    }

    /// <summary>Go's <c>eq</c> for two values; throws on incompatible basic kinds like Go does.</summary>
    public static bool Equal(object? a, object? b)
    {
        var (ka, kb) = (KindOf(a), KindOf(b));
        if (ka == Kind.Invalid || kb == Kind.Invalid)
        {
            // Since Go 1.18 a nil or missing operand compares unequal to anything but another nil.
            return ka == kb;
        }

        if (IsNumeric(ka) && IsNumeric(kb))
        {
            if (ka == Kind.Float || kb == Kind.Float)
            {
                return ka == kb ? Float(a) == Float(b) : throw Incompatible();
            }

            return CompareIntegers(a, b) == 0;
        }

        if (ka != kb)
        {
            throw Incompatible();
        }

        return ka switch
        {
            Kind.Bool => (bool)a! == (bool)b!,
            Kind.String => (string)a! == (string)b!,
            _ => Equals(a, b),
        };
    }

    /// <summary>Go's <c>lt</c> family: basic, ordered kinds only.</summary>
    public static int Compare(object? a, object? b)
    {
        var (ka, kb) = (KindOf(a), KindOf(b));
        if (ka is Kind.Invalid or Kind.Bool or Kind.Other || kb is Kind.Invalid or Kind.Bool or Kind.Other)
        {
            throw new TemplateFunctionException("invalid type for comparison");
        }

        if (IsNumeric(ka) && IsNumeric(kb))
        {
            if (ka == Kind.Float || kb == Kind.Float)
            {
                return ka == kb ? Float(a).CompareTo(Float(b)) : throw Incompatible();
            }

            return CompareIntegers(a, b);
        }

        return ka == kb ? string.CompareOrdinal((string)a!, (string)b!) : throw Incompatible();
    }

    private static TemplateFunctionException Incompatible() => new("incompatible types for comparison");

    private static bool IsNumeric(Kind k) => k is Kind.Int or Kind.Uint or Kind.Float;

    private static double Float(object? v) => TryGetFloat(v, out var f) ? f : 0;

    private static int CompareIntegers(object? a, object? b)
    {
        // ulong beyond long.MaxValue is the one case long cannot hold.
        if (a is ulong ua && ua > long.MaxValue)
        {
            return b is ulong ub2 ? ua.CompareTo(ub2) : 1;
        }

        if (b is ulong ub && ub > long.MaxValue)
        {
            return -1;
        }

        TryGetInteger(a, out var x);
        TryGetInteger(b, out var y);
        return x.CompareTo(y);
    }

    private static Kind KindOf(object? v) => v switch
    {
        null or MissingValue => Kind.Invalid,
        bool => Kind.Bool,
        string => Kind.String,
        byte or ushort or uint or ulong => Kind.Uint,
        sbyte or short or int or long => Kind.Int,
        float or double or decimal => Kind.Float,
        _ => Kind.Other,
    };
}
