namespace ConsulAlerts.Configuration;

/// <summary>
/// <c>checks/consul-health/*</c>: the checks on Consul itself, reported as checks of the node <c>_consul</c> and decided
/// by the same engine as service checks (thresholds, profiles, silences, blacklists, reminders, templates).
/// </summary>
internal sealed record ClusterHealthConfig
{
    /// <summary>The node name the cluster-health checks carry.</summary>
    public const string Node = "_consul";

    public const string LeaderCheck = "consul-leader";

    public const string ServersCheck = "consul-servers";

    public const string PeersCheck = "consul-peers";

    public const string AgentCheck = "consul-agent";

    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(10);

    public static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan MaxInterval = TimeSpan.FromMinutes(5);

    public static readonly TimeSpan DefaultUnreachableAfter = TimeSpan.FromSeconds(60);

    public static readonly TimeSpan MaxUnreachableAfter = TimeSpan.FromHours(1);

    public static readonly TimeSpan DefaultPeersHold = TimeSpan.FromMinutes(10);

    /// <summary>The name each check carries (its <c>Name</c>, <c>Check</c> in messages).</summary>
    public static string NameOf(string checkId) => checkId switch
    {
        LeaderCheck => "Consul cluster leader",
        ServersCheck => "Consul servers",
        PeersCheck => "Consul Raft peers",
        AgentCheck => "Consul agent of consul-alerts",
        _ => checkId,
    };

    /// <summary>The check IDs, in the order they are shown.</summary>
    public static IReadOnlyList<string> CheckIds { get; } = [LeaderCheck, ServersCheck, PeersCheck, AgentCheck];

    /// <summary><c>checks/consul-health/enabled</c>, default true: Consul itself is watched.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>The checks switched off one by one (<c>checks/consul-health/&lt;id&gt;/enabled = false</c>).</summary>
    public IReadOnlySet<string> Disabled { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary><c>checks/consul-health/interval</c> (Go duration, 1 s to 5 min, default 10 s): how often Consul is asked.</summary>
    public TimeSpan Interval { get; init; } = DefaultInterval;

    /// <summary>
    /// <c>checks/consul-health/unreachable-after</c> (Go duration, 1 s to 1 h, default 60 s): how long this daemon's
    /// agent must be unreachable before the last leader sends <c>consul-agent</c> critical on its own.
    /// </summary>
    public TimeSpan UnreachableAfter { get; init; } = DefaultUnreachableAfter;

    /// <summary>
    /// <c>checks/consul-health/peers-hold</c> (Go duration, 1 s to 1 h, default 10 min): how long <c>consul-peers</c>
    /// stays warning after a server joined or left the Raft configuration. Longer than the check's threshold, or the
    /// change is never notified.
    /// </summary>
    public TimeSpan PeersHold { get; init; } = DefaultPeersHold;

    /// <summary>Whether the check <paramref name="checkId"/> is evaluated.</summary>
    public bool IsOn(string checkId) => Enabled && !Disabled.Contains(checkId);
}
