using Microsoft.Extensions.Logging;

namespace ConsulAlerts.DevAgent;

/// <summary>Settings of a dev agent.</summary>
public sealed record DevAgentOptions
{
    /// <summary>Port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>The agent's node name.</summary>
    public string NodeName { get; init; } = "dev-agent";

    /// <summary>The agent's datacenter.</summary>
    public string Datacenter { get; init; } = "dc1";

    /// <summary>
    /// More datacenters served by the same process, each with its own store: a request with <c>?dc=</c> of one is served
    /// from it, as a real agent forwards it over the WAN. The agent's own stays <see cref="Datacenter"/>.
    /// </summary>
    public IReadOnlyList<string> Datacenters { get; init; } = [];

    /// <summary>
    /// Clock for TTL checks, session TTLs and lock-delays. Blocking-query waits always use real time, so a manually
    /// advanced clock never stalls an HTTP request.
    /// </summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Wait of a blocking query that sends no <c>wait</c> (Consul's <c>default_query_time</c>).</summary>
    public TimeSpan DefaultQueryTime { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Upper bound of <c>wait</c> (Consul's <c>max_query_time</c>).</summary>
    public TimeSpan MaxQueryTime { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// When set, a request whose token (<c>?token=</c>, <c>X-Consul-Token</c> or <c>Authorization: Bearer</c>, in that
    /// order) differs gets 403 <c>ACL not found</c>.
    /// </summary>
    public string? RequiredToken { get; init; }

    /// <summary>
    /// Turns a minimal ACL system on: this token (the bootstrap token) has every right, tokens made with
    /// <c>PUT /v1/acl/token</c> have none, an unknown token gets 403 <c>ACL not found</c>. Null: ACLs off.
    /// </summary>
    public string? AclBootstrapToken { get; init; }

    /// <summary>What a request without a token may do while ACLs are on: <c>allow</c> or <c>deny</c>.</summary>
    public string AclDefaultPolicy { get; init; } = "allow";

    /// <summary>
    /// The Consul version the agent claims in <c>/v1/agent/self</c>. It models 1.10.12, the version the project tests
    /// against; features of later versions (the <c>get-or-empty</c> txn verb, 1.14) are offered when a later one is set.
    /// </summary>
    public string Version { get; init; } = "1.10.12";

    /// <summary>A session is invalidated after TTL × this multiplier without renewal (Consul waits up to 2×TTL).</summary>
    public double SessionTtlMultiplier { get; init; } = 2;

    /// <summary>Logging for the HTTP server; none when null.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }
}
