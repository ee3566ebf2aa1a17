using ConsulAlerts.Configuration;

namespace ConsulAlerts.Tests.Configuration;

public sealed class ConfigErrorTests
{
    [Fact]
    public void ToString_KeyThenMessage() =>
        new ConfigError("consul-alerts/config/checks/enabled", "bad").ToString().ShouldBe("consul-alerts/config/checks/enabled: bad");

    [Fact]
    public void ToString_KeyWithLineBreak_EscapedOnOneLine() =>
        new ConfigError("consul-alerts/config/checks/node/a\nconsul-alerts/config/x: fine/change-threshold", "bad").ToString()
            .ShouldBe("consul-alerts/config/checks/node/a\\nconsul-alerts/config/x: fine/change-threshold: bad");
}
