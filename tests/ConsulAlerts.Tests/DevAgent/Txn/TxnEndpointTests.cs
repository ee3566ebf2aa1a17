using ConsulAlerts.DevAgent;
using ConsulAlerts.DevAgent.State;
using ConsulAlerts.DevAgent.Txn;

namespace ConsulAlerts.Tests.DevAgent.Txn;

public sealed class TxnEndpointTests
{
    [Fact]
    public void Execute_LaterOperationFails_RollsBackEarlierWrites()
    {
        using var store = new StateStore(new DevAgentOptions());
        store.Write(i => store.KvSet(i, "keep", [1], 0));
        var tableIndex = store.KvTableIndex;
        List<TxnOp> ops =
        [
            Op("set", "new"),
            Op("delete", "keep"),
            Op("cas", "keep", index: 999),
        ];

        var response = store.Write(i => TxnEndpoint.Execute(store, i, ops));

        response.Results.ShouldBeNull();
        response.Errors!.Single().OpIndex.ShouldBe(2);
        response.Errors!.Single().What.ShouldBe("failed to set key \"keep\", index is stale");
        store.Read(() => store.KvGet("new")).ShouldBeNull();
        store.Read(() => store.KvGet("keep")).ShouldNotBeNull();
        store.KvTableIndex.ShouldBe(tableIndex);
    }

    [Fact]
    public void Execute_AllSucceed_ReturnsValuesOnlyForGetAndNoEntryForDeletes()
    {
        using var store = new StateStore(new DevAgentOptions());
        List<TxnOp> ops =
        [
            Op("set", "a", value: [1, 2]),
            Op("get", "a"),
            Op("check-index", "a", index: 0),
        ];

        var failed = store.Write(i => TxnEndpoint.Execute(store, i, ops));
        failed.Errors!.Single().What.ShouldStartWith("failed to check index, key \"a\" has a modify index of");

        var response = store.Write(i => TxnEndpoint.Execute(store, i, [Op("set", "a", value: [1, 2]), Op("get", "a"), Op("delete", "b")]));

        response.Errors.ShouldBeNull();
        response.Results!.Count.ShouldBe(2);
        response.Results[0].KV.Value.ShouldBeNull();
        response.Results[1].KV.Value.ShouldBe(new byte[] { 1, 2 });
    }

    [Fact]
    public void Execute_ErrorsInSeveralOperations_ReportsEach()
    {
        using var store = new StateStore(new DevAgentOptions());

        var response = store.Write(i => TxnEndpoint.Execute(store, i, [Op("get", "missing"), Op("bogus", "x")]));

        response.Errors!.Select(e => e.OpIndex).ShouldBe([0, 1]);
        response.Errors![1].What.ShouldBe("unknown KV verb \"bogus\"");
    }

    private static TxnOp Op(string verb, string key, ulong index = 0, byte[]? value = null) =>
        new() { KV = new TxnKvOp { Verb = verb, Key = key, Index = index, Value = value } };
}
