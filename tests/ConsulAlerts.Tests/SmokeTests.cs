namespace ConsulAlerts.Tests;

public sealed class SmokeTests
{
    [Fact]
    public void Build_Always_Compiles() => typeof(ConsulAlerts.Consul.ConsulClientOptions).ShouldNotBeNull();
}
