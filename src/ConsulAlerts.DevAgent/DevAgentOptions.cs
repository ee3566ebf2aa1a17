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

    /// <summary>A session is invalidated after TTL × this multiplier without renewal (Consul waits up to 2×TTL).</summary>
    public double SessionTtlMultiplier { get; init; } = 2;

    /// <summary>Logging for the HTTP server; none when null.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }
}
