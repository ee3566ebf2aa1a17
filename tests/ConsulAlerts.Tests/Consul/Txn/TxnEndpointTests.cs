using System.Net;
using System.Text.Json;
using ConsulAlerts.Consul;
using ConsulAlerts.Consul.Errors;
using ConsulAlerts.Consul.Http;
using ConsulAlerts.Consul.Queries;
using ConsulAlerts.Consul.Txn;

namespace ConsulAlerts.Tests.Consul.Txn;

public sealed class TxnEndpointTests : IDisposable
{
    private readonly StubHttpHandler _stub = new();

    public void Dispose() => _stub.Dispose();

    [Fact]
    public async Task ExecuteAsync_Operations_SentAsJsonArrayWithBase64Values()
    {
        _stub.RespondWith(() => StubHttpHandler.Json("""{"Results":[{"KV":{"Key":"cfg/a","ModifyIndex":5,"Value":null}}],"Errors":null}""", index: 5));
        using var client = StubHttpHandler.Client(_stub);

        var result = await client.Txn.ExecuteAsync(
        [
            TxnOperation.KvCas("cfg/a", "bar"u8.ToArray(), index: 123),
            TxnOperation.KvLock("locks/x", default, "sess"),
            TxnOperation.KvDelete("gone"),
        ]);

        result.Committed.ShouldBeTrue();
        result.Results.Single().Kv.ShouldNotBeNull().ModifyIndex.ShouldBe(5ul);
        result.Errors.ShouldBeEmpty();
        _stub.Last.Method.ShouldBe(HttpMethod.Put);
        _stub.Last.PathAndQuery.ShouldBe("/v1/txn");
        _stub.Last.ContentType.ShouldBe("application/json");
        using var body = JsonDocument.Parse(_stub.Last.BodyText);
        var ops = body.RootElement.EnumerateArray().Select(e => e.GetProperty("KV")).ToList();
        ops[0].GetProperty("Verb").GetString().ShouldBe("cas");
        ops[0].GetProperty("Value").GetString().ShouldBe("YmFy");
        ops[0].GetProperty("Index").GetUInt64().ShouldBe(123ul);
        ops[1].GetProperty("Session").GetString().ShouldBe("sess");
        ops[2].GetProperty("Verb").GetString().ShouldBe("delete");
        ops[2].TryGetProperty("Session", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task ExecuteAsync_Conflict409_ParsedIntoErrors()
    {
        _stub.RespondWith(() => StubHttpHandler.Json(
            """{"Results":null,"Errors":[{"OpIndex":2,"What":"failed to lock key \"locks/x\": lock is already held"}]}""",
            status: HttpStatusCode.Conflict));
        using var client = StubHttpHandler.Client(_stub);

        var result = await client.Txn.ExecuteAsync([TxnOperation.KvSet("a", default), TxnOperation.KvGet("b"), TxnOperation.KvLock("locks/x", default, "s")]);

        result.Committed.ShouldBeFalse();
        result.Results.ShouldBeEmpty();
        var error = result.Errors.ShouldHaveSingleItem();
        error.OpIndex.ShouldBe(2);
        error.What.ShouldContain("lock is already held");
    }

    [Fact]
    public async Task ExecuteAsync_MoreThan64Operations_IsRefusedLocally()
    {
        using var client = StubHttpHandler.Client(_stub);
        var ops = Enumerable.Range(0, 65).Select(i => TxnOperation.KvDelete($"k{i}")).ToList();

        var ex = await Should.ThrowAsync<ArgumentException>(() => client.Txn.ExecuteAsync(ops));

        ex.Message.ShouldContain("64");
        _stub.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task ExecuteAsync_Exactly64Operations_IsSent()
    {
        _stub.RespondWith(() => StubHttpHandler.Json("""{"Results":[],"Errors":null}"""));
        using var client = StubHttpHandler.Client(_stub);

        var result = await client.Txn.ExecuteAsync(Enumerable.Range(0, 64).Select(i => TxnOperation.KvDelete($"k{i}")).ToList());

        result.Committed.ShouldBeTrue();
        _stub.Requests.Count.ShouldBe(1);
    }

    [Fact]
    public async Task ExecuteAsync_PlainTextError_ThrowsTypedError()
    {
        _stub.RespondWith(() => StubHttpHandler.Text("Transaction contains too many operations (65 > 64)", status: HttpStatusCode.RequestEntityTooLarge));
        using var client = StubHttpHandler.Client(_stub);

        var ex = await Should.ThrowAsync<ConsulTooLargeException>(() => client.Txn.ExecuteAsync([TxnOperation.KvGet("a")]));

        ex.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        ex.IsRetryable.ShouldBeFalse();
    }

    [Fact]
    public async Task ExecuteAsync_ReadOnlyWithStale_SendsConsistencyButNeverBlocks()
    {
        _stub.RespondWith(() => StubHttpHandler.Json("""{"Results":[],"Errors":null}"""));
        using var client = StubHttpHandler.Client(_stub);

        await client.Txn.ExecuteAsync([TxnOperation.KvGetTree("cfg/")], new QueryOptions { Consistency = ConsulConsistency.Stale, WaitIndex = 5 });

        _stub.Last.PathAndQuery.ShouldBe("/v1/txn?stale");
    }

    [Fact]
    public async Task WriteAsync_TransactionRefusedAsTooLarge_SplitsItAndRejectsOnlyTheOperationAtFault()
    {
        // An agent with a lower limit than the default refuses any body holding the key "bad".
        _stub.Respond = async (request, ct) =>
        {
            var text = await request.Content!.ReadAsStringAsync(ct);
            return text.Contains("\"bad\"", StringComparison.Ordinal)
                ? StubHttpHandler.Text("Request body(600000 bytes) too large, max size: 524288 bytes.", status: HttpStatusCode.RequestEntityTooLarge)
                : StubHttpHandler.Json("""{"Results":[],"Errors":null}""");
        };
        using var client = StubHttpHandler.Client(_stub);
        var guard = TxnOperation.KvCheckSession("leader", "s");
        var bad = TxnOperation.KvSet("bad", "x"u8.ToArray());
        List<TxnOperation> writes = [TxnOperation.KvSet("a", "1"u8.ToArray()), bad, TxnOperation.KvSet("c", "3"u8.ToArray()), TxnOperation.KvSet("d", "4"u8.ToArray())];

        var result = await client.Txn.WriteAsync(writes, guard, CancellationToken.None);

        result.Rejected.ShouldBe([bad]);
        var committed = _stub.Requests.Where(r => !r.BodyText.Contains("\"bad\"", StringComparison.Ordinal)).ToList();
        committed.SelectMany(r => JsonDocument.Parse(r.BodyText).RootElement.EnumerateArray().Select(e => e.GetProperty("KV").GetProperty("Key").GetString())).Where(k => k != "leader")
            .ShouldBe(["a", "c", "d"]);
        committed.ShouldAllBe(r => r.BodyText.StartsWith("[{\"KV\":{\"Verb\":\"check-session\"", StringComparison.Ordinal));
        _stub.Requests.Count(r => r.BodyText == "[" + JsonSerializer.Serialize(guard, ConsulJsonContext.Default.TxnOperation) + "," + JsonSerializer.Serialize(bad, ConsulJsonContext.Default.TxnOperation) + "]")
            .ShouldBe(1, "the refused operation is sent alone once, never again");
    }

    [Fact]
    public async Task WriteAsync_GuardFails_ThrowsConflictNamingTheLockKey()
    {
        _stub.RespondWith(() => StubHttpHandler.Json("""{"Results":null,"Errors":[{"OpIndex":0,"What":"failed to check session"}]}""", status: HttpStatusCode.Conflict));
        using var client = StubHttpHandler.Client(_stub);

        var ex = await Should.ThrowAsync<ConsulConflictException>(() => client.Txn.WriteAsync([TxnOperation.KvSet("a", default)], TxnOperation.KvCheckSession("consul-alerts/leader", "s"), CancellationToken.None));

        ex.Message.ShouldContain("no longer holds consul-alerts/leader");
    }

    [Fact]
    public async Task WriteAsync_ValueOverTheLimit_IsNeverSent()
    {
        _stub.RespondWith(() => StubHttpHandler.Json("""{"Results":[],"Errors":null}"""));
        using var client = StubHttpHandler.Client(_stub);
        var huge = TxnOperation.KvSet("huge", new byte[ConsulLimits.MaxValueBytes + 1]);

        var result = await client.Txn.WriteAsync([huge, TxnOperation.KvSet("ok", "1"u8.ToArray())], guard: null, CancellationToken.None);

        result.Rejected.ShouldBe([huge]);
        _stub.Requests.ShouldHaveSingleItem().BodyText.ShouldNotContain("huge");
    }
}
