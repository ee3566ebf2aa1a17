using ConsulAlerts.DevAgent;

namespace ConsulAlerts.Tests.EndToEnd;

/// <summary>The in-process dev agent as a <see cref="ConsulUnderTest"/>.</summary>
internal sealed class DevConsulUnderTest : ConsulUnderTest
{
    private DevAgentServer _server;

    private DevConsulUnderTest(DevAgentServer server) => _server = server;

    public override ConsulKind Kind => ConsulKind.DevAgent;

    public override Uri Address => _server.Address;

    public override string NodeName => _server.Options.NodeName;

    public override DevAgentServer DevAgent => _server;

    public static async Task<DevConsulUnderTest> StartAsync(double sessionTtlMultiplier) =>
        await StartAsync(new DevAgentOptions { SessionTtlMultiplier = sessionTtlMultiplier });

    public static async Task<DevConsulUnderTest> StartAsync(DevAgentOptions options) => new(await DevAgentServer.StartAsync(options));

    /// <summary>A new, empty agent on the same port, as a restarted Consul in dev mode comes back.</summary>
    public override async Task RestartAsync()
    {
        var options = _server.Options with { Port = _server.Port };
        await _server.DisposeAsync();
        _server = await DevAgentServer.StartAsync(options);
    }

    public override Task ElectLeaderAsync()
    {
        _server.Faults.NoLeader = false;
        return Task.CompletedTask;
    }

    public override ValueTask DisposeAsync() => _server.DisposeAsync();
}
