using ConsulAlerts.DevAgent.Events;

namespace ConsulAlerts.Tests.DevAgent.Events;

public sealed class EventBufferTests
{
    [Fact]
    public void Fire_MoreThanCapacity_KeepsNewest256OldestFirstWithIncreasingLTime()
    {
        var buffer = new EventBuffer();
        for (var i = 0; i < 300; i++)
        {
            buffer.Fire(new UserEvent { ID = Guid.NewGuid().ToString(), Name = $"e{i}" }).LTime.ShouldBe(0UL);
        }

        var (events, _, _) = buffer.List(null);

        events.Count.ShouldBe(256);
        events[0].Name.ShouldBe("e44");
        events[^1].Name.ShouldBe("e299");
        events.Zip(events.Skip(1)).ShouldAllBe(pair => pair.First.LTime < pair.Second.LTime);
    }

    [Fact]
    public void List_NameFilter_IndexFromLastMatchingEvent()
    {
        var buffer = new EventBuffer();
        buffer.Fire(new UserEvent { ID = "b54fe110-7af5-cafc-d1fb-afc8ba432b1c", Name = "deploy" });
        buffer.Fire(new UserEvent { ID = "00000000-0000-0000-0000-000000000001", Name = "other" });

        var (events, index, _) = buffer.List("deploy");

        events.Select(e => e.Name).ShouldBe(["deploy"]);
        index.ShouldBe(7256511592453824992UL);
        buffer.List("missing").Index.ShouldBe(1UL);
    }
}
