using ConsulAlerts.Configuration;
using ConsulAlerts.Notifications;
using ConsulAlerts.Notifications.Pipeline;
using ConsulAlerts.Tests.Notifications.Testing;

namespace ConsulAlerts.Tests.Notifications.Pipeline;

public sealed class DeliveryGroupTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Of_OneDelivery_IsThatDelivery()
    {
        var only = Delivery("a", T0, "ops");

        var group = DeliveryGroup.Of([only]);

        group.Delivery.ShouldBeSameAs(only);
        group.Members.ShouldBe([only]);
    }

    [Fact]
    public void Of_SeveralOfOneProfile_AllMessagesInOrderAsOldAsTheOldest()
    {
        var first = Delivery("a", T0.AddSeconds(1), "ops") with { OutboxId = "b1/0" };
        var second = Delivery("b", T0, "ops") with { OutboxId = "b2/0" };

        var group = DeliveryGroup.Of([first, second]);

        group.Delivery.Messages.Select(m => m.CheckId).ShouldBe(["a", "b"]);
        group.Delivery.Created.ShouldBe(T0);
        group.Delivery.Profile.ShouldBe("ops");
        group.Delivery.Instance.ShouldBe("slack");
        group.Members.Select(m => m.OutboxId).ShouldBe(["b1/0", "b2/0"]);
    }

    [Fact]
    public void Of_MembersOfDifferentProfiles_UsesTheRecordedOverridesNotOneProfile()
    {
        var group = DeliveryGroup.Of([Delivery("a", T0, "ops"), Delivery("b", T0, "db")]);

        group.Delivery.Profile.ShouldBeNull();
        group.Delivery.Overrides.ShouldNotBeNull()["channel"].ShouldBe("#ops");
    }

    [Fact]
    public void Of_NoDelivery_Throws() => Should.Throw<ArgumentOutOfRangeException>(() => DeliveryGroup.Of([]));

    private static NotificationDelivery Delivery(string checkId, DateTimeOffset created, string profile) =>
        new("slack", "slack", new NotifierConfig("slack"), [Messages.Critical(checkId: checkId) with { Profile = profile }])
        {
            Created = created,
            Profile = profile,
            Overrides = new Dictionary<string, string> { ["channel"] = "#ops" },
        };
}
