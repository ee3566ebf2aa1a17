using System.Collections.ObjectModel;

namespace ConsulAlerts.Notifications.Templates;

/// <summary>Writes the <see cref="TemplateMembers"/> of <typeparamref name="T"/>, one getter per member.</summary>
internal sealed class TemplateMembersBuilder<T>
    where T : class
{
    private readonly Dictionary<string, MemberAccessor> _members = new(StringComparer.Ordinal);

    /// <summary>A field or property (Go struct field).</summary>
    public TemplateMembersBuilder<T> Field(string name, Func<T, object?> read) => Add(name, false, read);

    /// <summary>A parameterless method (Go method); Go lets templates call these as <c>.Name</c>.</summary>
    public TemplateMembersBuilder<T> Method(string name, Func<T, object?> call) => Add(name, true, call);

    /// <summary>A map member; null reads as Go's nil map: printed <c>map[]</c>, empty to range, len 0, false.</summary>
    public TemplateMembersBuilder<T> Map<TKey, TValue>(string name, Func<T, IReadOnlyDictionary<TKey, TValue>?> read)
        where TKey : notnull
    {
        var empty = ReadOnlyDictionary<TKey, TValue>.Empty;
        return Add(name, false, value => read(value) ?? empty);
    }

    /// <summary>A list member; null reads as Go's nil slice: printed <c>[]</c>, empty to range, len 0, false.</summary>
    public TemplateMembersBuilder<T> List<TItem>(string name, Func<T, IReadOnlyList<TItem>?> read) =>
        Add(name, false, value => read(value) ?? Array.Empty<TItem>());

    public TemplateMembers Build() => new(new Dictionary<string, MemberAccessor>(_members, StringComparer.Ordinal));

    private TemplateMembersBuilder<T> Add(string name, bool isMethod, Func<T, object?> read)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(read);
        _members.Add(name, new MemberAccessor(isMethod, value => read((T)value)));
        return this;
    }
}
