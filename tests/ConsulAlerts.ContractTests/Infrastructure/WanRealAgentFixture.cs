using System.Diagnostics;
using System.Text.Json.Nodes;
using ConsulAlerts.TestSupport;

namespace ConsulAlerts.ContractTests.Infrastructure;

/// <summary>
/// Three real dev-mode agents, one per datacenter, the first joined to the others over the WAN (about 3 s to start);
/// the unreachable datacenter is its agent killed. Skipped without a Consul binary.
/// </summary>
public sealed class WanRealAgentFixture : WanAgentFixture
{
    private readonly List<RealConsulAgent> agents = [];
    private RealConsulAgent? doomed;

    public override async Task MakeDoomedUnreachableAsync()
    {
        if (doomed is not null)
        {
            await doomed.KillAsync();
        }
    }

    protected override async Task<(Uri? Address, string? Token, string? SkipReason)> StartAgentAsync()
    {
        if (ConsulBinary.Path is null)
        {
            return (null, null, ConsulBinary.MissingReason);
        }

        var starts = new[] { Remote, Doomed }.Select(dc => RealConsulAgent.StartAsync(new RealConsulAgentOptions { Datacenter = dc })).ToList();
        agents.AddRange(await Task.WhenAll(starts));
        doomed = agents[1];
        var local = await RealConsulAgent.StartAsync(new RealConsulAgentOptions
        {
            Datacenter = Local,
            RetryJoinWan = [.. agents.Select(a => a.SerfWanAddress)],
        });
        agents.Insert(0, local);
        await WaitForDatacentersAsync(local.Address);
        return (local.Address, null, null);
    }

    protected override async Task StopAgentAsync()
    {
        foreach (var agent in agents)
        {
            await agent.DisposeAsync();
        }

        agents.Clear();
    }

    /// <summary>Waits until the local servers list all three datacenters (the WAN join is retried every second).</summary>
    private static async Task WaitForDatacentersAsync(Uri address)
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(5) };
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var names = JsonNode.Parse(await http.GetStringAsync(new Uri("v1/catalog/datacenters", UriKind.Relative)))!.AsArray();
            if (names.Count == 3)
            {
                return;
            }

            if (watch.Elapsed > TimeSpan.FromSeconds(30))
            {
                throw new TimeoutException($"the WAN join gave {names.ToJsonString()} after 30 s");
            }

            await Task.Delay(100);
        }
    }
}
