namespace ConsulAlerts.TestSupport;

/// <summary>How a <see cref="RealConsulAgent"/> is started.</summary>
public sealed record RealConsulAgentOptions
{
    /// <summary>Node name; unique by default, so agents started side by side never clash.</summary>
    public string NodeName { get; init; } = "test-" + Guid.NewGuid().ToString("N")[..10];

    /// <summary>Datacenter name.</summary>
    public string Datacenter { get; init; } = "dc1";

    /// <summary>
    /// <c>-dev</c>: one in-memory server that elects itself at once and loses everything when it stops. When false, a
    /// server with a data directory that survives restarts, electing a leader once <see cref="BootstrapExpect"/>
    /// servers have joined.
    /// </summary>
    public bool Dev { get; init; } = true;

    /// <summary>Servers to wait for before electing a leader (non-dev only).</summary>
    public int BootstrapExpect { get; init; } = 1;

    /// <summary>LAN Serf addresses (<c>127.0.0.1:port</c>) to join, retried until they answer.</summary>
    public IReadOnlyList<string> RetryJoin { get; init; } = [];

    /// <summary>WAN Serf addresses of servers in other datacenters to join.</summary>
    public IReadOnlyList<string> RetryJoinWan { get; init; } = [];

    /// <summary>Agent configuration (JSON), written to a file passed with <c>-config-file</c>: ACLs, limits, checks.</summary>
    public string? ConfigJson { get; init; }

    /// <summary>More command-line arguments, after the ones the launcher sets.</summary>
    public IReadOnlyList<string> ExtraArguments { get; init; } = [];

    /// <summary>Wait for a leader (and this node in the catalog) before <c>StartAsync</c> returns.</summary>
    public bool WaitForLeader { get; init; } = true;

    /// <summary>Token for the readiness probes when ACLs deny anonymous reads (the bootstrap token).</summary>
    public string? Token { get; init; }

    /// <summary>How long starting (and electing a leader) may take.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);
}
