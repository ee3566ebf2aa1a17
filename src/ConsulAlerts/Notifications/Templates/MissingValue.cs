namespace ConsulAlerts.Notifications.Templates;

/// <summary>Go's invalid reflect.Value: what a missing map key or an absent receiver yields.</summary>
internal sealed class MissingValue
{
    public static readonly MissingValue Instance = new();

    private MissingValue()
    {
    }

    public override string ToString() => "<no value>";
}
