namespace ConsulAlerts.DevAgent;

/// <summary>An in-memory, Consul-compatible HTTP agent for tests and the dev demo.</summary>
public sealed class DevAgentServer : IAsyncDisposable
{
    private DevAgentServer()
    {
    }

    /// <summary>Base address, e.g. <c>http://127.0.0.1:54321/</c>.</summary>
    public Uri Address => throw new NotImplementedException();

    /// <summary>The port the agent listens on.</summary>
    public int Port => throw new NotImplementedException();

    /// <summary>Fault switches for tests; also reachable over HTTP at <c>/_dev/faults</c>.</summary>
    public DevAgentFaults Faults => throw new NotImplementedException();

    /// <summary>Counts of requests received, by method and path.</summary>
    public DevAgentRequestLog Requests => throw new NotImplementedException();

    /// <summary>Starts an agent on loopback (port 0 picks a free one).</summary>
    public static Task<DevAgentServer> StartAsync(DevAgentOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();

    /// <summary>Stops listening and ends every blocking query.</summary>
    public ValueTask DisposeAsync() => throw new NotImplementedException();
}

/// <summary>Settings of a dev agent.</summary>
public sealed record DevAgentOptions
{
    /// <summary>Port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>The agent's node name.</summary>
    public string NodeName { get; init; } = "dev-agent";

    /// <summary>The agent's datacenter.</summary>
    public string Datacenter { get; init; } = "dc1";
}

/// <summary>Fault switches that make the agent misbehave like a real cluster in trouble.</summary>
public sealed class DevAgentFaults
{
}

/// <summary>Counts of requests the agent received.</summary>
public sealed class DevAgentRequestLog
{
}
