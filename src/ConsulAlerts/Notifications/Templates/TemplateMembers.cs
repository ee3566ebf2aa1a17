namespace ConsulAlerts.Notifications.Templates;

/// <summary>
/// The fields and parameterless methods of one type that templates reach by name (<c>.Node</c>, <c>.IsCritical</c>),
/// each with a getter written for that type. Templates need no reflection this way, which a native (AOT) build does
/// not offer over arbitrary types. Names are exact and case-sensitive, as in Go. Build one with <see cref="For{T}"/>.
/// </summary>
internal sealed class TemplateMembers
{
    private readonly Dictionary<string, MemberAccessor> _members;

    internal TemplateMembers(Dictionary<string, MemberAccessor> members) => _members = members;

    /// <summary>The member names, for documentation and tests.</summary>
    public IReadOnlyCollection<string> Names => _members.Keys;

    /// <summary>Starts the table of <typeparamref name="T"/>.</summary>
    public static TemplateMembersBuilder<T> For<T>()
        where T : class => new();

    /// <summary>The member called <paramref name="name"/> (exact case), or null when the type has none.</summary>
    public MemberAccessor? Find(string name) => _members.GetValueOrDefault(name);
}
