using ConsulAlerts.DevAgent;

namespace ConsulAlerts.ContractTests.Infrastructure;

/// <summary>One dev agent serving three datacenters; the unreachable one is a fault switch.</summary>
public sealed class WanDevAgentFixture : WanAgentFixture
{
    private DevAgentServer? devAgent;

    public override Task MakeDoomedUnreachableAsync()
    {
        devAgent!.Faults.UnreachableDatacenters = [Doomed];
        return Task.CompletedTask;
    }

    protected override async Task<(Uri? Address, string? Token, string? SkipReason)> StartAgentAsync()
    {
        devAgent = await DevAgentServer.StartAsync(new DevAgentOptions { Datacenter = Local, Datacenters = [Remote, Doomed] });
        return (devAgent.Address, null, null);
    }

    protected override async Task StopAgentAsync()
    {
        if (devAgent is not null)
        {
            await devAgent.DisposeAsync();
            devAgent = null;
        }
    }
}
