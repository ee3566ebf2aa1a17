using ConsulAlerts.Configuration;

namespace ConsulAlerts.Tests.Configuration;

public sealed class PatternTimeoutsTests
{
    [Fact]
    public void Record_SameKeyTwice_AnnouncedOnce()
    {
        var timeouts = new PatternTimeouts();
        var announced = new List<string>();
        timeouts.FirstTimeout += announced.Add;

        timeouts.Record("a");
        timeouts.Record("a");
        timeouts.Record("b");

        announced.ShouldBe(["a", "b"]);
        timeouts.Keys.Order(StringComparer.Ordinal).ShouldBe(["a", "b"]);
    }
}
