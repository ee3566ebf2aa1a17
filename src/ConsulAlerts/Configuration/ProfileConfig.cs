namespace ConsulAlerts.Configuration;

/// <summary>
/// A notification profile, <c>notif-profiles/&lt;name&gt;</c> =
/// <c>{"Interval": minutes, "NotifList": {"&lt;notifier&gt;": bool}, "VarOverrides": {"&lt;notifier&gt;": {...}}, "GroupWait": "2s"}</c>.
/// </summary>
internal sealed record ProfileConfig(string Name)
{
    /// <summary>Reminder interval; zero means no reminders.</summary>
    public TimeSpan Interval { get; init; }

    /// <summary>Notifier names (built-in or custom) with whether they are on for this profile.</summary>
    public IReadOnlyDictionary<string, bool> NotifList { get; init; } = new Dictionary<string, bool>(StringComparer.Ordinal);

    /// <summary>
    /// Per notifier, keys that override that notifier's configuration for alerts of this profile. Values are kept as
    /// KV-style text: a JSON string becomes its content, anything else (array, number, bool) its JSON text.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> VarOverrides { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);

    /// <summary>
    /// <c>GroupWait</c> (a Go duration, not in the Go daemon): how long a notifier instance gathers this profile's
    /// deliveries before sending them as one; null uses <see cref="ChecksConfig.GroupWait"/>.
    /// </summary>
    public TimeSpan? GroupWait { get; init; }

    /// <summary>The names of the notifiers this profile turns on.</summary>
    public IEnumerable<string> EnabledNotifiers => NotifList.Where(n => n.Value).Select(n => n.Key);
}
