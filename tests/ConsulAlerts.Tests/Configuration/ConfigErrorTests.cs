using ConsulAlerts.Configuration;

namespace ConsulAlerts.Tests.Configuration;

public sealed class ConfigErrorTests
{
    [Fact]
    public void ToString_KeyThenMessage() =>
        new ConfigError("consul-alerts/config/checks/enabled", "bad").ToString().ShouldBe("consul-alerts/config/checks/enabled: bad");
}
