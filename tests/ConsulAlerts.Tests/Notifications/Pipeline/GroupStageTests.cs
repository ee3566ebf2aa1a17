using System.Threading.Channels;
using ConsulAlerts.Configuration;
using ConsulAlerts.Notifications;
using ConsulAlerts.Notifications.Pipeline;
using ConsulAlerts.Tests.Notifications.Testing;
using ConsulAlerts.Tests.Testing;

namespace ConsulAlerts.Tests.Notifications.Pipeline;

public sealed class GroupStageTests
{
    private static readonly AlertsConfig Config = new()
    {
        Checks = new ChecksConfig { GroupWait = TimeSpan.FromSeconds(2) },
        Profiles = new Dictionary<string, ProfileConfig>(StringComparer.Ordinal)
        {
            ["slow"] = new("slow") { GroupWait = TimeSpan.FromSeconds(30) },
            ["now"] = new("now") { GroupWait = TimeSpan.Zero },
            ["plain"] = new("plain"),
        },
    };

    [Theory]
    [InlineData(null, 2000)]
    [InlineData("plain", 2000)]
    [InlineData("slow", 30000)]
    [InlineData("now", 0)]
    [InlineData("gone", 2000)]
    public void WaitFor_MessageProfile_ItsGroupWaitElseTheDefault(string? profile, int expectedMilliseconds) =>
        GroupStage.WaitFor(Delivery(profile), Config).ShouldBe(TimeSpan.FromMilliseconds(expectedMilliseconds));

    [Fact]
    public void WaitFor_MessagesOfSeveralProfiles_TheShortest()
    {
        var delivery = Delivery("slow") with { Messages = [Messages.Critical() with { Profile = "slow" }, Messages.Critical() with { Profile = "now" }] };

        GroupStage.WaitFor(delivery, Config).ShouldBe(TimeSpan.Zero);
    }

    [Fact]
    public void WaitFor_RecordedWithoutMessageProfiles_TheDeliveryProfile() =>
        GroupStage.WaitFor(Delivery(null) with { Profile = "slow" }, Config).ShouldBe(TimeSpan.FromSeconds(30));

    [Fact]
    public async Task GatherAsync_NextDeliveryOfAnotherTerm_ClosesTheGroupAtOnce()
    {
        var time = new TrackedTimeProvider();
        var queue = Channel.CreateUnbounded<QueuedDelivery>();
        using var otherTerm = new CancellationTokenSource();
        var first = Delivery(null);
        queue.Writer.TryWrite(new QueuedDelivery(Delivery(null) with { Cancellation = otherTerm.Token }, time.GetUtcNow()));
        var stage = new GroupStage(time, _ => TimeSpan.FromSeconds(2), _ => { });

        var members = await stage.GatherAsync(new QueuedDelivery(first, time.GetUtcNow()), queue.Reader, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        members.ShouldBe([first]);
        queue.Reader.Count.ShouldBe(1);
    }

    [Fact]
    public async Task GatherAsync_WaitOverWithLaterDeliveriesQueued_LeavesThemForTheNextGroup()
    {
        var time = new TrackedTimeProvider();
        var queue = Channel.CreateUnbounded<QueuedDelivery>();
        var first = Delivery(null);
        var joins = Delivery("plain");
        var late = Delivery("slow");
        queue.Writer.TryWrite(new QueuedDelivery(joins, time.GetUtcNow().AddSeconds(2)));
        queue.Writer.TryWrite(new QueuedDelivery(late, time.GetUtcNow().AddSeconds(2).AddTicks(1)));
        time.Advance(TimeSpan.FromSeconds(3));
        var reported = new List<int>();
        var stage = new GroupStage(time, _ => TimeSpan.FromSeconds(2), reported.Add);

        var members = await stage.GatherAsync(new QueuedDelivery(first, time.GetUtcNow().AddSeconds(-3)), queue.Reader, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        members.ShouldBe([first, joins]);
        queue.Reader.TryRead(out var next).ShouldBeTrue();
        next.Delivery.ShouldBeSameAs(late);
        reported.ShouldBe([2, 0]);
    }

    private static NotificationDelivery Delivery(string? profile) =>
        new("slack", "slack", new NotifierConfig("slack"), [Messages.Critical() with { Profile = profile }]);
}
