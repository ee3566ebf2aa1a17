using ConsulAlerts.DevAgent;
using ConsulAlerts.DevAgent.Catalog;
using ConsulAlerts.DevAgent.Health;
using ConsulAlerts.DevAgent.Sessions;
using ConsulAlerts.DevAgent.State;

namespace ConsulAlerts.Tests.DevAgent.State;

public sealed class StateStoreTests
{
    [Fact]
    public void KvListIndex_AfterDeletingHighestKey_IncludesTombstone()
    {
        using var store = new StateStore(new DevAgentOptions());
        store.Write(i => store.KvSet(i, "app/a", [1], 0));
        var b = store.Write(i => store.KvSet(i, "app/b", [1], 0));
        store.Write(i => store.KvSet(i, "other", [1], 0));
        var deleted = store.Write(i => store.KvDelete(i, "app/b") ? i : 0);

        var index = store.Read(() => store.KvListIndex("app/", store.KvList("app/")));

        deleted.ShouldBeGreaterThan(b.ModifyIndex);
        index.ShouldBe(deleted);
    }

    [Fact]
    public void KvSet_EmptyValue_StoresNull()
    {
        using var store = new StateStore(new DevAgentOptions());

        var entry = store.Write(i => store.KvSet(i, "k", [], 7));

        entry.Value.ShouldBeNull();
        entry.Flags.ShouldBe(7UL);
    }

    [Fact]
    public void KvLock_ReacquireBySameSession_KeepsLockIndex()
    {
        using var store = new StateStore(new DevAgentOptions());
        var session = store.Write(i => store.CreateSession(i, new SessionEntry { ID = "s1", Node = store.NodeName, NodeChecks = [] }));

        var first = store.Write(i => store.KvLock(i, "lock", [1], 0, session.ID));
        var again = store.Write(i => store.KvLock(i, "lock", [2], 0, session.ID));
        store.Write(i => store.KvUnlock(i, "lock", [3], 0, session.ID));
        var third = store.Write(i => store.KvLock(i, "lock", [4], 0, session.ID));

        first!.LockIndex.ShouldBe(1UL);
        again!.LockIndex.ShouldBe(1UL);
        third!.LockIndex.ShouldBe(2UL);
    }

    [Fact]
    public void EnsureCheck_CriticalCheckOfSession_InvalidatesSession()
    {
        using var store = new StateStore(new DevAgentOptions { TimeProvider = new FakeTimeProvider() });
        var session = store.Write(i => store.CreateSession(i, new SessionEntry { ID = "s1", Node = store.NodeName, NodeChecks = ["serfHealth"], LockDelay = 15_000_000_000 }));
        store.Write(i => store.KvLock(i, "lock", [1], 0, session.ID));

        store.Write(i => store.EnsureCheck(i, store.GetCheck(store.NodeName, "serfHealth")! with { Status = HealthStatus.Critical }));

        store.Read(() => store.GetSession("s1")).ShouldBeNull();
        store.Read(() => store.KvGet("lock"))!.Session.ShouldBeNull();
        store.Read(() => store.IsLockDelayed("lock")).ShouldBeTrue();
    }

    [Fact]
    public void ResetIndexes_AfterWrites_EveryIndexBecomesOneAndGenerationChanges()
    {
        using var store = new StateStore(new DevAgentOptions());
        for (var n = 0; n < 5; n++)
        {
            store.Write(i => store.KvSet(i, $"k{n}", [1], 0));
        }

        var generation = store.Generation;

        store.ResetIndexes();

        store.Generation.ShouldNotBe(generation);
        store.KvTableIndex.ShouldBe(1UL);
        store.ChecksIndex.ShouldBe(1UL);
        store.Read(() => store.KvGet("k4"))!.ModifyIndex.ShouldBe(1UL);
        store.Write(i => store.KvSet(i, "k4", [2], 0)).ModifyIndex.ShouldBe(2UL);
    }

    [Fact]
    public void KvSet_IdenticalContent_KeepsModifyIndexAndTableIndex()
    {
        using var store = new StateStore(new DevAgentOptions());
        var first = store.Write(i => store.KvSet(i, "k", [1], 3));

        var again = store.Write(i => store.KvSet(i, "k", [1], 3));
        var tableIndex = store.KvTableIndex;
        var changedFlags = store.Write(i => store.KvSet(i, "k", [1], 4));

        again.ModifyIndex.ShouldBe(first.ModifyIndex);
        tableIndex.ShouldBe(first.ModifyIndex);
        changedFlags.ModifyIndex.ShouldBeGreaterThan(first.ModifyIndex);
    }

    [Fact]
    public void ServiceIndex_OtherServiceChanges_StaysPut()
    {
        using var store = new StateStore(new DevAgentOptions());
        store.Write(i => store.EnsureService(i, store.NodeName, new ServiceEntry { ID = "web", Service = "web" }));
        var web = store.ServiceIndex("web", withChecks: true);

        store.Write(i => store.EnsureService(i, store.NodeName, new ServiceEntry { ID = "db", Service = "db" }));
        store.Write(i => store.EnsureCheck(i, new HealthCheck { Node = store.NodeName, CheckID = "db-check", ServiceID = "db" }));

        store.ServiceIndex("web", withChecks: true).ShouldBe(web);
        store.ServiceIndex("db", withChecks: true).ShouldBeGreaterThan(web);
    }

    [Fact]
    public void ServiceIndex_LastInstanceRemoved_UsesExtinctionIndex()
    {
        using var store = new StateStore(new DevAgentOptions());
        store.Write(i => store.EnsureService(i, store.NodeName, new ServiceEntry { ID = "web", Service = "web" }));

        var removedAt = store.Write(i => store.DeleteService(i, store.NodeName, "web") ? i : 0);

        store.ServiceIndex("web", withChecks: true).ShouldBe(removedAt);
        store.ServiceIndex("never-existed", withChecks: true).ShouldBe(removedAt);
    }
}
