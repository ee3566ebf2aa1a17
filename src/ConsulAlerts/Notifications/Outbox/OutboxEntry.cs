using System.Text.Json.Serialization;
using ConsulAlerts.Compat;

namespace ConsulAlerts.Notifications.Outbox;

/// <summary>
/// One delivery the leader decided, as recorded at <c>&lt;prefix&gt;/outbox/&lt;Id&gt;</c> before it is attempted. It names
/// the notifier instance (kind, configuration name and the profile's overrides), not the effective settings: those
/// are rebuilt from the configuration in force when it is delivered, so no notifier setting is copied out of
/// <c>config/</c>.
/// </summary>
internal sealed record OutboxEntry
{
    /// <summary>The key below the outbox prefix (<see cref="OutboxKeys"/>); time-ordered, so a listing is in decision order.</summary>
    [JsonIgnore]
    public string Id { get; init; } = "";

    /// <summary>The instance name in logs and status (<c>slack</c>, <c>custom/page-oncall</c>).</summary>
    public string Instance { get; init; } = "";

    /// <summary>The <see cref="INotifier.Name"/> that delivers it.</summary>
    public string Kind { get; init; } = "";

    /// <summary>The built-in notifier's KV name, or the custom notifier's name.</summary>
    public string Notifier { get; init; } = "";

    /// <summary>The profile's VarOverrides for this notifier; null when none.</summary>
    public IReadOnlyDictionary<string, string>? Overrides { get; init; }

    /// <summary>The profile whose overrides apply, read again at each attempt; null when none (then <see cref="Overrides"/> hold).</summary>
    public string? Profile { get; init; }

    public IReadOnlyList<Message> Messages { get; init; } = [];

    /// <summary>When it was decided: a delivery is given up once older than its retry policy's MaxAge.</summary>
    [JsonConverter(typeof(GoTimeJsonConverter))]
    public DateTimeOffset Created { get; init; }
}
