namespace ConsulAlerts.Tests.EndToEnd;

/// <summary>
/// Three real Consul servers on loopback, each with its own data directory, joined into one Raft cluster. The first is
/// handed to a <see cref="ClusterHarness"/> (which disposes it); the trio disposes the other two.
/// </summary>
internal sealed class ConsulServerTrio : IAsyncDisposable
{
    private ConsulServerTrio(IReadOnlyList<RealConsulAgent> servers) => Servers = servers;

    public IReadOnlyList<RealConsulAgent> Servers { get; }

    public static async Task<ConsulServerTrio> StartAsync()
    {
        var first = await RealConsulAgent.StartAsync(new RealConsulAgentOptions { Dev = false, BootstrapExpect = 3, WaitForLeader = false });
        var others = new List<RealConsulAgent>();
        try
        {
            foreach (var _ in Enumerable.Range(0, 2))
            {
                others.Add(await RealConsulAgent.StartAsync(new RealConsulAgentOptions
                {
                    Dev = false,
                    BootstrapExpect = 3,
                    RetryJoin = [first.SerfLanAddress],
                    WaitForLeader = false,
                }));
            }

            await first.WaitForLeaderAsync();
            return new ConsulServerTrio([first, .. others]);
        }
        catch
        {
            foreach (var agent in others)
            {
                await agent.DisposeAsync();
            }

            await first.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var server in Servers.Skip(1))
        {
            await server.DisposeAsync();
        }
    }
}
