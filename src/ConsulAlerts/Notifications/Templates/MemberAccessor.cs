namespace ConsulAlerts.Notifications.Templates;

/// <summary>
/// How a template reads <c>.Name</c> on one type: a getter written for that type (see <see cref="TemplateMembers"/>),
/// and whether it stands for a Go method (which changes Go's error wording when arguments are given).
/// </summary>
internal sealed class MemberAccessor(bool isMethod, Func<object, object?> getter)
{
    public bool IsMethod { get; } = isMethod;

    public Func<object, object?> Getter { get; } = getter;
}
