using ConsulAlerts.Cli;

namespace ConsulAlerts.Tests.Cli;

public sealed class ProcessEnvironmentVariablesTests
{
    [Fact]
    public void Get_SetVariable_ReturnsProcessValue()
    {
        new ProcessEnvironmentVariables().Get("PATH").ShouldBe(Environment.GetEnvironmentVariable("PATH"));
        Environment.GetEnvironmentVariable("PATH").ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public void Get_UnsetVariable_ReturnsNull()
    {
        new ProcessEnvironmentVariables().Get("CONSUL_ALERTS_TEST_UNSET_" + Guid.NewGuid().ToString("N")).ShouldBeNull();
    }
}
