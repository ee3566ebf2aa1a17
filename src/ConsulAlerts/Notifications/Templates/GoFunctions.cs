using System.Collections;
using System.Text;

namespace ConsulAlerts.Notifications.Templates;

/// <summary>Go's predefined template functions (and/or are short-circuited by the executor).</summary>
internal static class GoFunctions
{
    private static readonly HashSet<string> Names =
        ["and", "or", "not", "eq", "ne", "lt", "le", "gt", "ge", "len", "index", "slice", "print", "printf", "println", "html", "js", "urlquery"];

    public static bool IsDefined(string name) => Names.Contains(name);

    public static object? Call(string name, IReadOnlyList<object?> args) => name switch
    {
        "not" => !GoValues.IsTrue(Single(name, args)),
        "eq" => Eq(args),
        "ne" => !GoValues.Equal(Exactly(name, args, 2)[0], args[1]),
        "lt" => GoValues.Compare(Exactly(name, args, 2)[0], args[1]) < 0,
        "le" => GoValues.Compare(Exactly(name, args, 2)[0], args[1]) <= 0,
        "gt" => GoValues.Compare(Exactly(name, args, 2)[0], args[1]) > 0,
        "ge" => GoValues.Compare(Exactly(name, args, 2)[0], args[1]) >= 0,
        "len" => Length(Single(name, args)),
        "index" => Index(AtLeast(name, args, 1)),
        "slice" => Slice(AtLeast(name, args, 1)),
        "print" => GoFormat.Sprint(args),
        "println" => GoFormat.Sprintln(args),
        "printf" => GoFormat.Sprintf(AtLeast(name, args, 1)[0] as string ?? throw new TemplateFunctionException("printf format must be a string"), args.Skip(1).ToList()),
        "html" => GoEscape.Html(EvalArgs(args)),
        "js" => GoEscape.Js(EvalArgs(args)),
        "urlquery" => GoEscape.UrlQuery(EvalArgs(args)),
        _ => throw new TemplateFunctionException($"function \"{name}\" not defined"),
    };

    private static bool Eq(IReadOnlyList<object?> args)
    {
        AtLeast("eq", args, 2);
        for (var i = 1; i < args.Count; i++)
        {
            if (GoValues.Equal(args[0], args[i]))
            {
                return true;
            }
        }

        return false;
    }

    private static int Length(object? item)
    {
        switch (item)
        {
            case null or MissingValue:
                throw new TemplateFunctionException("len of nil pointer");
            case string s:
                // Go's len counts bytes.
                return Encoding.UTF8.GetByteCount(s);
        }

        if (MapAdapter.For(item) is { } map)
        {
            return map.Count(item);
        }

        return item switch
        {
            ICollection c => c.Count,
            IEnumerable e => e.Cast<object?>().Count(),
            _ => throw new TemplateFunctionException($"len of type {item.GetType().Name}"),
        };
    }

    private static object? Index(IReadOnlyList<object?> args)
    {
        var item = args[0];
        for (var i = 1; i < args.Count; i++)
        {
            var key = args[i];
            if (item is null or MissingValue)
            {
                throw new TemplateFunctionException("index of untyped nil");
            }

            if (MapAdapter.For(item) is { } map)
            {
                // index yields the element's zero value: nil (not "no value") for untyped maps.
                map.TryGet(item, key, out item);
                item = item is MissingValue ? null : item;
                continue;
            }

            var position = ToIndex(key);
            item = item switch
            {
                string s => position < s.Length ? (int)(byte)s[position] : throw OutOfRange(position),
                IList list => position < list.Count ? list[position] : throw OutOfRange(position),
                IEnumerable e => e.Cast<object?>().Skip(position).Take(1).ToList() is [var found] ? found : throw OutOfRange(position),
                _ => throw new TemplateFunctionException($"can't index item of type {item.GetType().Name}"),
            };
        }

        return item;
    }

    private static object Slice(IReadOnlyList<object?> args)
    {
        var item = args[0];
        var indexes = args.Skip(1).Select(ToIndex).ToArray();
        if (indexes.Length > 3)
        {
            throw new TemplateFunctionException($"too many slice indexes: {indexes.Length}");
        }

        if (item is string s)
        {
            if (indexes.Length == 3)
            {
                throw new TemplateFunctionException("cannot 3-index slice a string");
            }

            var (from, to) = Bounds(indexes, s.Length);
            return s[from..to];
        }

        if (item is IEnumerable e and not null)
        {
            var list = e.Cast<object?>().ToList();
            var (from, to) = Bounds(indexes.Take(2).ToArray(), indexes.Length == 3 ? indexes[2] : list.Count);
            IReadOnlyList<object?> slice = list.GetRange(from, to - from);
            return slice;
        }

        throw new TemplateFunctionException($"can't slice item of type {item?.GetType().Name ?? "nil"}");
    }

    private static (int From, int To) Bounds(int[] indexes, int length)
    {
        var from = indexes.Length > 0 ? indexes[0] : 0;
        var to = indexes.Length > 1 ? indexes[1] : length;
        if (to > length || from > to)
        {
            throw new TemplateFunctionException($"invalid slice index: {from} > {to}");
        }

        return (from, to);
    }

    private static int ToIndex(object? key) =>
        GoValues.TryGetInteger(key, out var i) && i is >= 0 and <= int.MaxValue
            ? (int)i
            : throw new TemplateFunctionException(GoValues.TryGetInteger(key, out var n) ? $"index out of range: {n}" : $"cannot index slice/array with type {key?.GetType().Name ?? "nil"}");

    private static TemplateFunctionException OutOfRange(int i) => new($"index out of range: {i}");

    // text/template's evalArgs: a lone string is used as is, anything else goes through fmt.Sprint.
    private static string EvalArgs(IReadOnlyList<object?> args) =>
        args is [string s] ? s : GoFormat.Sprint(args);

    private static object? Single(string name, IReadOnlyList<object?> args) => Exactly(name, args, 1)[0];

    private static IReadOnlyList<object?> Exactly(string name, IReadOnlyList<object?> args, int count) =>
        args.Count == count ? args : throw new TemplateFunctionException($"wrong number of args for {name}: want {count} got {args.Count}");

    private static IReadOnlyList<object?> AtLeast(string name, IReadOnlyList<object?> args, int count) =>
        args.Count >= count ? args : throw new TemplateFunctionException($"wrong number of args for {name}: want at least {count} got {args.Count}");
}
