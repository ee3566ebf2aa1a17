namespace ConsulAlerts.ContractTests;

public sealed class SmokeTests
{
    [Fact]
    public void Build_Always_Compiles() => typeof(ConsulAlerts.DevAgent.DevAgentServer).ShouldNotBeNull();
}
