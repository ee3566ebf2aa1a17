using ConsulAlerts.Notifications;
using ConsulAlerts.Notifications.Outbox;
using ConsulAlerts.Tests.Notifications.Testing;

namespace ConsulAlerts.Tests.Notifications.Outbox;

public sealed class OutboxKeysTests
{
    [Fact]
    public void BatchOf_SameMessagesInAnotherOrder_SameId()
    {
        Message a = Messages.Critical(checkId: "a"), b = Messages.Critical(checkId: "b");

        OutboxKeys.BatchOf([a, b]).ShouldBe(OutboxKeys.BatchOf([b, a]));
    }

    [Fact]
    public void BatchOf_SameMessageAgain_SameId()
    {
        OutboxKeys.BatchOf([Messages.Critical()]).ShouldBe(OutboxKeys.BatchOf([Messages.Critical()]));
    }

    [Theory]
    [InlineData("node")]
    [InlineData("check")]
    [InlineData("status")]
    [InlineData("confirmed at")]
    [InlineData("sent at")]
    public void BatchOf_AnotherDecision_AnotherId(string what)
    {
        var message = Messages.Critical();
        var changed = what switch
        {
            "node" => message with { Node = "node2" },
            "check" => message with { CheckId = "service:web-2" },
            "status" => message with { Status = "warning" },
            "confirmed at" => message with { Timestamp = message.Timestamp.AddTicks(1) },
            _ => message with { RmdCheck = message.RmdCheck.AddTicks(1) },
        };

        OutboxKeys.BatchOf([changed]).ShouldNotBe(OutboxKeys.BatchOf([message]), what);
    }

    [Fact]
    public void BatchOf_OutputOnly_SameId()
    {
        // The output may be re-read between attempts to record; it does not make the decision another one.
        OutboxKeys.BatchOf([Messages.Critical(output: "one")]).ShouldBe(OutboxKeys.BatchOf([Messages.Critical(output: "two")]));
    }

    [Fact]
    public void BatchOf_LaterDecision_SortsAfter()
    {
        var earlier = Messages.Critical(checkId: "zzz");
        var later = Messages.Critical(checkId: "aaa") with { RmdCheck = earlier.RmdCheck.AddSeconds(1) };

        string.CompareOrdinal(OutboxKeys.BatchOf([earlier]), OutboxKeys.BatchOf([later])).ShouldBeLessThan(0);
    }

    [Fact]
    public void BatchOf_AnyDecision_DecisionTicksThenSixteenHexDigits()
    {
        var message = Messages.Critical();

        OutboxKeys.BatchOf([message]).ShouldMatch($"^{message.RmdCheck.UtcTicks:D19}-[0-9a-f]{{16}}$");
    }

    [Theory]
    [InlineData("0000000000000000001-00ff/00003", "0000000000000000001-00ff")]
    [InlineData("0000000000000000001-00ff/commit", "0000000000000000001-00ff")]
    [InlineData("01HXYZLEGACYID", null)]
    public void BatchOfEntry_Id_BatchOrNullForTheEarlierLayout(string id, string? batch)
    {
        OutboxKeys.BatchOfEntry(id).ShouldBe(batch);
    }

    [Fact]
    public void EntryCommitAndTree_OneBatch_AllBelowIt()
    {
        OutboxKeys.Entry("b", 7).ShouldBe("b/00007");
        OutboxKeys.Commit("b").ShouldBe("b/commit");
        OutboxKeys.Tree("b").ShouldBe("b/");
        OutboxKeys.BatchOfEntry(OutboxKeys.Commit("b")).ShouldBe("b");
    }
}
