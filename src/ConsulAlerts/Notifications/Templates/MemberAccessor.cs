using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;

namespace ConsulAlerts.Notifications.Templates;

/// <summary>
/// A compiled getter for <c>.Name</c> on a CLR type: a parameterless method (Go methods come first)
/// or a property or field, matched by exact, case-sensitive name. Cached per (type, name).
/// </summary>
internal sealed class MemberAccessor
{
    private static readonly ConcurrentDictionary<(Type, string), MemberAccessor?> Cache = new();

    private MemberAccessor(bool isMethod, Func<object, object?> getter)
    {
        IsMethod = isMethod;
        Getter = getter;
    }

    public bool IsMethod { get; }

    public Func<object, object?> Getter { get; }

    public static MemberAccessor? For(Type type, string name) => Cache.GetOrAdd((type, name), static key => Create(key.Item1, key.Item2));

    private static MemberAccessor? Create(Type type, string name)
    {
        const BindingFlags flags = BindingFlags.Public | BindingFlags.Instance;
        var method = type.GetMethod(name, flags, Type.EmptyTypes);
        if (method is not null && (method.IsSpecialName || method.ReturnType == typeof(void) || method.DeclaringType == typeof(object)))
        {
            method = null;
        }

        var property = method is null ? type.GetProperty(name, flags) : null;
        if (property is not null && (property.GetIndexParameters().Length > 0 || property.GetMethod is null))
        {
            property = null;
        }

        var field = method is null && property is null ? type.GetField(name, flags) : null;
        if (method is null && property is null && field is null)
        {
            return null;
        }

        var receiver = Expression.Parameter(typeof(object), "receiver");
        var typed = Expression.Convert(receiver, type);
        Expression body = method is not null ? Expression.Call(typed, method)
            : property is not null ? Expression.Property(typed, property)
            : Expression.Field(typed, field!);
        var getter = Expression.Lambda<Func<object, object?>>(Expression.Convert(body, typeof(object)), receiver).Compile();
        if (EmptyOf(body.Type) is { } empty)
        {
            // A null map or list member is Go's nil map or slice: printed map[] or [], empty to range, len 0, false.
            var read = getter;
            getter = value => read(value) ?? empty;
        }

        return new MemberAccessor(method is not null, getter);
    }

    /// <summary>An empty instance standing in for null when <paramref name="type"/> is a map or list type; else null.</summary>
    private static object? EmptyOf(Type type)
    {
        if (type.IsArray)
        {
            return Array.CreateInstance(type.GetElementType()!, 0);
        }

        if (!type.IsGenericType)
        {
            return null;
        }

        var definition = type.GetGenericTypeDefinition();
        var arguments = type.GetGenericArguments();
        if (definition == typeof(IReadOnlyDictionary<,>) || definition == typeof(IDictionary<,>) || definition == typeof(Dictionary<,>))
        {
            return Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(arguments));
        }

        if (definition == typeof(IReadOnlyList<>) || definition == typeof(IList<>) || definition == typeof(List<>)
            || definition == typeof(IReadOnlyCollection<>) || definition == typeof(IEnumerable<>))
        {
            return Array.CreateInstance(arguments[0], 0);
        }

        return null;
    }
}
