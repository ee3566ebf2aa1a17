using ConsulAlerts.Scheduling;
using ConsulAlerts.Tests.Testing;

namespace ConsulAlerts.Tests.Scheduling;

public sealed class EntitySchedulerTests
{
    private readonly TrackedTimeProvider _time = new();
    private readonly List<IReadOnlyList<string>> _fired = [];

    [Fact]
    public void Schedule_SameEntityAgain_ReplacesItsDueTimeAndHoldsOneEntry()
    {
        using var scheduler = New();

        for (var i = 1; i <= 10_000; i++)
        {
            scheduler.Schedule("web", _time.GetUtcNow().AddSeconds(30 + i));
        }

        scheduler.Count.ShouldBe(1);
        scheduler.DueOf("web").ShouldBe(_time.GetUtcNow().AddSeconds(10_030));
        _time.PendingTimers.ShouldBe(1);
        _time.Advance(TimeSpan.FromSeconds(10_029));
        _fired.ShouldBeEmpty();
        _time.Advance(TimeSpan.FromSeconds(1));
        _fired.ShouldHaveSingleItem().ShouldBe(["web"]);
        scheduler.Count.ShouldBe(0);
    }

    [Fact]
    public void Cancel_ArmedEntity_RemovesItAndDisarmsTheTimer()
    {
        using var scheduler = New();
        scheduler.Schedule("web", _time.GetUtcNow().AddSeconds(5));

        scheduler.Cancel("web").ShouldBeTrue();
        scheduler.Cancel("web").ShouldBeFalse();

        scheduler.Count.ShouldBe(0);
        _time.PendingTimers.ShouldBe(0);
        _time.Advance(TimeSpan.FromMinutes(1));
        _fired.ShouldBeEmpty();
    }

    [Fact]
    public void Timer_SeveralEntitiesDueTogether_HandedOverInOneCallInDueOrder()
    {
        using var scheduler = New();
        var now = _time.GetUtcNow();
        scheduler.Schedule("c", now.AddSeconds(3));
        scheduler.Schedule("a", now.AddSeconds(1));
        scheduler.Schedule("b", now.AddSeconds(2));
        scheduler.Schedule("later", now.AddSeconds(60));

        _time.Advance(TimeSpan.FromSeconds(1) - TimeSpan.FromTicks(1));
        _fired.ShouldBeEmpty();
        _time.Advance(TimeSpan.FromSeconds(5));

        _fired.SelectMany(f => f).ShouldBe(["a", "b", "c"]);
        scheduler.Count.ShouldBe(1);
        scheduler.DueOf("later").ShouldBe(now.AddSeconds(60));
    }

    [Fact]
    public void Schedule_EarlierThanTheArmedTime_FiresAtTheEarlierTime()
    {
        using var scheduler = New();
        var now = _time.GetUtcNow();
        scheduler.Schedule("slow", now.AddMinutes(10));
        scheduler.Schedule("fast", now.AddSeconds(2));

        _time.Advance(TimeSpan.FromSeconds(2));

        _fired.ShouldHaveSingleItem().ShouldBe(["fast"]);
    }

    [Fact]
    public void Callback_ReArmsTheEntity_KeepsOneEntry()
    {
        EntityScheduler<string>? scheduler = null;
        var calls = 0;
        scheduler = new EntityScheduler<string>(
            due =>
            {
                calls++;
                scheduler!.Schedule(due[0], _time.GetUtcNow().AddSeconds(1));
            },
            _time);
        using (scheduler)
        {
            scheduler.Schedule("beat", _time.GetUtcNow().AddSeconds(1));

            for (var i = 0; i < 5; i++)
            {
                _time.Advance(TimeSpan.FromSeconds(1));
            }

            calls.ShouldBe(5);
            scheduler.Count.ShouldBe(1);
        }
    }

    [Fact]
    public void Clear_ArmedEntities_NothingFires()
    {
        using var scheduler = New();
        scheduler.Schedule("a", _time.GetUtcNow().AddSeconds(1));
        scheduler.Schedule("b", _time.GetUtcNow().AddSeconds(2));

        scheduler.Clear();
        _time.Advance(TimeSpan.FromMinutes(1));

        (scheduler.Count, _fired.Count, _time.PendingTimers).ShouldBe((0, 0, 0));
    }

    private EntityScheduler<string> New() => new(due => _fired.Add(due), _time, StringComparer.Ordinal);
}
