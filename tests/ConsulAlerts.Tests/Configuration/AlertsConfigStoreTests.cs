using ConsulAlerts.Configuration;

namespace ConsulAlerts.Tests.Configuration;

public sealed class AlertsConfigStoreTests
{
    [Fact]
    public void Publish_NewSnapshot_SwappedLoadedAndAnnounced()
    {
        var store = new AlertsConfigStore();
        var seen = new List<AlertsConfig>();
        store.Changed += seen.Add;
        store.Current.ShouldBeSameAs(AlertsConfig.Default);
        store.Loaded.ShouldBeFalse();

        var config = AlertsConfig.Default with { Revision = 7 };
        store.Publish(config);

        store.Current.ShouldBeSameAs(config);
        store.Loaded.ShouldBeTrue();
        seen.ShouldBe([config]);
    }
}
