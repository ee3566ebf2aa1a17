
namespace ConsulAlerts.Tests.EndToEnd;

/// <summary>A real Consul agent (dev mode, or the first server of a pair) as a <see cref="ConsulUnderTest"/>.</summary>
internal sealed class RealConsulUnderTest(RealConsulAgent agent) : ConsulUnderTest
{
    private RealConsulAgent? _peer;

    public override ConsulKind Kind => ConsulKind.RealAgent;

    public override Uri Address => agent.Address;

    public override string NodeName => agent.NodeName;

    public override string Output => agent.Output;

    public RealConsulAgent Agent => agent;

    public override Task RestartAsync() => agent.RestartAsync();

    public override async Task KillAndRestartAsync()
    {
        await agent.KillAsync();
        await agent.StartAgainAsync();
    }

    public override bool CanPause => true;

    public override Task PauseAsync() => agent.PauseAsync();

    public override Task ResumeAsync() => agent.ResumeAsync();

    /// <summary>Starts the second server, which joins the first; the two elect a leader.</summary>
    public override async Task ElectLeaderAsync()
    {
        _peer ??= await RealConsulAgent.StartAsync(new RealConsulAgentOptions
        {
            Dev = false,
            BootstrapExpect = agent.Options.BootstrapExpect,
            RetryJoin = [agent.SerfLanAddress],
            WaitForLeader = false,
        });
        await agent.WaitForLeaderAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        if (_peer is not null)
        {
            await _peer.DisposeAsync();
        }

        await agent.DisposeAsync();
    }
}
