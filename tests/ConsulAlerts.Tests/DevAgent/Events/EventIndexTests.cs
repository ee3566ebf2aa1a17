using ConsulAlerts.DevAgent.Events;

namespace ConsulAlerts.Tests.DevAgent.Events;

public sealed class EventIndexTests
{
    [Fact]
    public void FromId_ConsulTestVector_ReturnsXorOfHalves() =>
        EventIndex.FromId("b54fe110-7af5-cafc-d1fb-afc8ba432b1c").ShouldBe(7256511592453824992UL);

    [Fact]
    public void ForList_Empty_ReturnsOne() => EventIndex.ForList([]).ShouldBe(1UL);

    [Fact]
    public void ForList_SeveralEvents_UsesLastEventId()
    {
        var events = new[]
        {
            new UserEvent { ID = "00000000-0000-0000-0000-000000000001", Name = "a" },
            new UserEvent { ID = "b54fe110-7af5-cafc-d1fb-afc8ba432b1c", Name = "b" },
        };

        EventIndex.ForList(events).ShouldBe(7256511592453824992UL);
    }
}
