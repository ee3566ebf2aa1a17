using ConsulAlerts.TestSupport;

namespace ConsulAlerts.ContractTests.Infrastructure;

/// <summary>
/// A real agent started with ACLs on (default policy deny, <see cref="AclAgents.BootstrapToken"/> from a config file);
/// skipped without a Consul binary.
/// </summary>
public sealed class AclRealAgentFixture : ConsulAgentFixture
{
    private RealConsulAgent? agent;

    protected override async Task<(Uri? Address, string? Token, string? SkipReason)> StartAgentAsync()
    {
        if (ConsulBinary.Path is null)
        {
            return (null, null, ConsulBinary.MissingReason);
        }

        agent = await RealConsulAgent.StartAsync(new RealConsulAgentOptions { ConfigJson = AclAgents.RealAgentConfig, Token = AclAgents.BootstrapToken });
        return (agent.Address, AclAgents.BootstrapToken, null);
    }

    protected override async Task StopAgentAsync()
    {
        if (agent is not null)
        {
            await agent.DisposeAsync();
            agent = null;
        }
    }
}
