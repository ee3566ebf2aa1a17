using ConsulAlerts.Notifications.Notifiers.PagerDuty;
using static ConsulAlerts.Tests.Notifications.Testing.HttpNotifierTesting;

namespace ConsulAlerts.Tests.Notifications.Notifiers.PagerDuty;

public sealed class PagerDutyNotifierConfigTests
{
    [Fact]
    public void From_NothingSet_IsAllUnset() =>
        PagerDutyNotifierConfig.From(Config("pagerduty")).ShouldBe(new PagerDutyNotifierConfig(null, null, null, null, null, null));

    [Fact]
    public void From_EveryKey_ReadsThem() =>
        PagerDutyNotifierConfig.From(Config("pagerduty", ("service-key", "k"), ("client-name", "c"), ("client-url", "https://u"), ("max-retry", "2"), ("retry-base-interval", "30"), ("base-url", "https://b")))
            .ShouldBe(new PagerDutyNotifierConfig("k", "c", "https://u", 2, 30, "https://b"));

    [Fact]
    public void ToString_NeverShowsTheServiceKey() =>
        PagerDutyNotifierConfig.From(Config("pagerduty", ("service-key", "SECRET"))).ToString().ShouldNotContain("SECRET");
}
