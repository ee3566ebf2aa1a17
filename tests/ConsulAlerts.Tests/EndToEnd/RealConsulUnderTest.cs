using ConsulAlerts.TestSupport;

namespace ConsulAlerts.Tests.EndToEnd;

/// <summary>A real Consul agent (dev mode) as a <see cref="ConsulUnderTest"/>.</summary>
internal sealed class RealConsulUnderTest(RealConsulAgent agent) : ConsulUnderTest
{
    public override ConsulKind Kind => ConsulKind.RealAgent;

    public override Uri Address => agent.Address;

    public override string NodeName => agent.NodeName;

    public override string Output => agent.Output;

    public RealConsulAgent Agent => agent;

    public override Task RestartAsync() => agent.RestartAsync();

    public override ValueTask DisposeAsync() => agent.DisposeAsync();
}
