using ConsulAlerts.DevAgent;

namespace ConsulAlerts.ContractTests.Infrastructure;

/// <summary>The project's in-process dev agent.</summary>
public sealed class DevAgentFixture : ConsulAgentFixture
{
    private DevAgentServer? devAgent;

    protected override async Task<(Uri? Address, string? Token, string? SkipReason)> StartAgentAsync()
    {
        devAgent = await DevAgentServer.StartAsync(new DevAgentOptions());
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
