using ConsulAlerts.DevAgent;

namespace ConsulAlerts.ContractTests.Infrastructure;

/// <summary>The dev agent with ACLs on: default policy deny, <see cref="AclAgents.BootstrapToken"/> as the bootstrap token.</summary>
public sealed class AclDevAgentFixture : ConsulAgentFixture
{
    private DevAgentServer? devAgent;

    protected override async Task<(Uri? Address, string? Token, string? SkipReason)> StartAgentAsync()
    {
        devAgent = await DevAgentServer.StartAsync(new DevAgentOptions { AclBootstrapToken = AclAgents.BootstrapToken, AclDefaultPolicy = "deny" });
        return (devAgent.Address, AclAgents.BootstrapToken, null);
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
