namespace ConsulAlerts.Configuration;

/// <summary>
/// One immutable snapshot of everything under <c>&lt;prefix&gt;/config/</c> in Consul KV, parsed and validated once.
/// Swapped atomically on each change; a value that did not parse keeps the key's last good value (its default when it
/// never had one) and is listed in <see cref="Errors"/>.
/// </summary>
internal sealed record AlertsConfig
{
    /// <summary>The configuration used before KV has been read, and when the config prefix is empty.</summary>
    public static AlertsConfig Default { get; } = new();

    /// <summary>The KV index the snapshot was read at (0 before the first read).</summary>
    public ulong Revision { get; init; }

    public ChecksConfig Checks { get; init; } = new();

    public EventsConfig Events { get; init; } = new();

    public SilencesConfig Silences { get; init; } = new();

    /// <summary>Built-in notifiers by name (<c>log</c>, <c>email</c>, ...); every known notifier is present.</summary>
    public IReadOnlyDictionary<string, NotifierConfig> Notifiers { get; init; } = NotifierConfig.Defaults;

    /// <summary>Custom notifiers (<c>notifiers/custom/&lt;name&gt;</c>) by name.</summary>
    public IReadOnlyDictionary<string, CustomNotifierConfig> CustomNotifiers { get; init; } =
        new Dictionary<string, CustomNotifierConfig>(StringComparer.Ordinal);

    /// <summary>Notification profiles (<c>notif-profiles/&lt;name&gt;</c>) by name.</summary>
    public IReadOnlyDictionary<string, ProfileConfig> Profiles { get; init; } =
        new Dictionary<string, ProfileConfig>(StringComparer.Ordinal);

    public SelectionConfig Selection { get; init; } = new();

    public BlacklistConfig Blacklist { get; init; } = new();

    /// <summary>Inhibition rules in force (<c>inhibit/&lt;name&gt;</c>), the built-in <c>node-down</c> first unless replaced.</summary>
    public IReadOnlyList<Muting.InhibitRule> InhibitRules { get; init; } = [Muting.InhibitRule.NodeDown];

    /// <summary>Every value that did not parse, with its key; empty when all is well.</summary>
    public IReadOnlyList<ConfigError> Errors { get; init; } = [];

    /// <summary>
    /// The raw value of every key that parsed without a problem, or that kept its last good value: what stands in when
    /// the key's value stops parsing. Values are never shown (several are secrets).
    /// </summary>
    public IReadOnlyDictionary<string, byte[]> GoodValues { get; init; } = new Dictionary<string, byte[]>(StringComparer.Ordinal);

    /// <summary>Keys whose patterns ran out of time while this snapshot was in force (they count as matching).</summary>
    public PatternTimeouts PatternTimeouts { get; init; } = new();
}
