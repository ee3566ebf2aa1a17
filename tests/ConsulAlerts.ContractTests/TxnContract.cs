using System.Net;
using System.Text;
using ConsulAlerts.ContractTests.Infrastructure;

namespace ConsulAlerts.ContractTests;

public abstract class TxnContract(ConsulAgentFixture agent) : ContractTestBase(agent)
{
    /// <summary>The first Consul version whose transactions know the <c>get-or-empty</c> verb.</summary>
    private const string GetOrEmptySince = "1.14.0";

    private static string B64(string value) => Convert.ToBase64String(Encoding.UTF8.GetBytes(value));

    private string Set(string key, string value) => $$$"""{"KV":{"Verb":"set","Key":"{{{Key(key)}}}","Value":"{{{B64(value)}}}"}}""";

    private Task<HttpResponseMessage> TxnAsync(params string[] operations) => PutJsonAsync("v1/txn", "[" + string.Join(",", operations) + "]");

    [SkippableFact]
    public async Task Txn_Sets_Returns200WithOneResultPerOpAndNullValues()
    {
        using var response = await TxnAsync(Set("a", "1"), Set("b", "2"));

        var body = await ExpectJsonAsync(response);
        body.ShouldNotBeNull();
        body["Errors"].ShouldBeNull();
        var results = body["Results"]!.AsArray();
        results.Count.ShouldBe(2);
        Str(results[0]!["KV"]!["Key"]).ShouldBe(Key("a"));
        Str(results[1]!["KV"]!["Key"]).ShouldBe(Key("b"));
        results[0]!["KV"]!["Value"].ShouldBeNull();
        U64(results[0]!["KV"]!["ModifyIndex"]).ShouldBeGreaterThan(0UL);
        ValueOf(await GetExistingKvAsync(Key("a"))).ShouldBe("1");
        ValueOf(await GetExistingKvAsync(Key("b"))).ShouldBe("2");
    }

    [SkippableFact]
    public async Task Txn_Get_ReturnsBase64Value()
    {
        await PutKvAsync(Key("a"), "stored");

        using var response = await TxnAsync($$$"""{"KV":{"Verb":"get","Key":"{{{Key("a")}}}"}}""");

        var results = (await ExpectJsonAsync(response))!["Results"]!.AsArray();
        results.Count.ShouldBe(1);
        Str(results[0]!["KV"]!["Value"]).ShouldBe(B64("stored"));
    }

    [SkippableFact]
    public async Task Txn_GetTree_ReturnsEveryKeyWithValues()
    {
        await PutKvAsync(Key("t/a"), "1");
        await PutKvAsync(Key("t/b"), "2");

        using var response = await TxnAsync($$$"""{"KV":{"Verb":"get-tree","Key":"{{{Key("t/")}}}"}}""");

        var results = (await ExpectJsonAsync(response))!["Results"]!.AsArray();
        var byKey = results.ToDictionary(r => Str(r!["KV"]!["Key"])!, r => Str(r!["KV"]!["Value"]));
        byKey.Count.ShouldBe(2);
        byKey[Key("t/a")].ShouldBe(B64("1"));
        byKey[Key("t/b")].ShouldBe(B64("2"));
    }

    [SkippableFact]
    public async Task Txn_Delete_ProducesNoResultEntry()
    {
        await PutKvAsync(Key("gone"), "x");

        using var response = await TxnAsync(Set("a", "1"), $$$"""{"KV":{"Verb":"delete","Key":"{{{Key("gone")}}}"}}""");

        var results = (await ExpectJsonAsync(response))!["Results"]!.AsArray();
        results.Count.ShouldBe(1);
        Str(results[0]!["KV"]!["Key"]).ShouldBe(Key("a"));
        (await GetKvAsync(Key("gone"))).ShouldBeNull();
    }

    [SkippableFact]
    public async Task Txn_FailingCas_Returns409WithOpIndexAndAppliesNothing()
    {
        await PutKvAsync(Key("b"), "old");
        var stale = U64((await GetExistingKvAsync(Key("b")))["ModifyIndex"]) + 1_000_000;

        using var response = await TxnAsync(
            Set("a", "1"),
            $$$"""{"KV":{"Verb":"cas","Key":"{{{Key("b")}}}","Value":"{{{B64("new")}}}","Index":{{{stale}}}}}""");

        var body = await ExpectJsonAsync(response, HttpStatusCode.Conflict);
        body.ShouldNotBeNull();
        body["Results"].ShouldBeNull();
        var errors = body["Errors"]!.AsArray();
        errors.Count.ShouldBe(1);
        U64(errors[0]!["OpIndex"]).ShouldBe(1UL);
        Str(errors[0]!["What"]).ShouldNotBeNullOrEmpty();
        (await GetKvAsync(Key("a"))).ShouldBeNull();
        ValueOf(await GetExistingKvAsync(Key("b"))).ShouldBe("old");
    }

    [SkippableFact]
    public async Task Txn_CheckIndexMismatch_Returns409AndRollsBack()
    {
        await PutKvAsync(Key("guard"), "g");
        var index = U64((await GetExistingKvAsync(Key("guard")))["ModifyIndex"]);
        await PutKvAsync(Key("guard"), "changed");

        using var response = await TxnAsync(
            $$$"""{"KV":{"Verb":"check-index","Key":"{{{Key("guard")}}}","Index":{{{index}}}}}""",
            Set("a", "1"));

        var body = await ExpectJsonAsync(response, HttpStatusCode.Conflict);
        U64(body!["Errors"]![0]!["OpIndex"]).ShouldBe(0UL);
        (await GetKvAsync(Key("a"))).ShouldBeNull();
    }

    [SkippableFact]
    public async Task Txn_GetMissingKey_Returns409()
    {
        using var response = await TxnAsync($$$"""{"KV":{"Verb":"get","Key":"{{{Key("missing")}}}"}}""");

        var body = await ExpectJsonAsync(response, HttpStatusCode.Conflict);
        U64(body!["Errors"]![0]!["OpIndex"]).ShouldBe(0UL);
    }

    [SkippableFact]
    public async Task Txn_CheckNotExistsOnExistingKey_Returns409()
    {
        await PutKvAsync(Key("a"), "1");

        using var response = await TxnAsync(
            Set("b", "2"),
            $$$"""{"KV":{"Verb":"check-not-exists","Key":"{{{Key("a")}}}"}}""");

        var body = await ExpectJsonAsync(response, HttpStatusCode.Conflict);
        U64(body!["Errors"]![0]!["OpIndex"]).ShouldBe(1UL);
        (await GetKvAsync(Key("b"))).ShouldBeNull();
    }

    [SkippableFact]
    public async Task Txn_LockVerb_AcquiresKeyForSessionAndCheckSessionPasses()
    {
        var session = await CreateSessionAsync();

        using (var response = await TxnAsync($$$"""{"KV":{"Verb":"lock","Key":"{{{Key("lock")}}}","Value":"{{{B64("held")}}}","Session":"{{{session}}}"}}"""))
        {
            var result = (await ExpectJsonAsync(response))!["Results"]![0]!["KV"]!;
            Str(result["Session"]).ShouldBe(session);
            U64(result["LockIndex"]).ShouldBe(1UL);
        }

        var entry = await GetExistingKvAsync(Key("lock"));
        SessionOf(entry).ShouldBe(session);
        ValueOf(entry).ShouldBe("held");
        using var check = await TxnAsync($$$"""{"KV":{"Verb":"check-session","Key":"{{{Key("lock")}}}","Session":"{{{session}}}"}}""");
        await ExpectJsonAsync(check);
    }

    [SkippableFact]
    public async Task Txn_CheckSessionOnUnlockedKey_Returns409()
    {
        var session = await CreateSessionAsync();
        await PutKvAsync(Key("free"), "x");

        using var response = await TxnAsync(
            Set("a", "1"),
            $$$"""{"KV":{"Verb":"check-session","Key":"{{{Key("free")}}}","Session":"{{{session}}}"}}""");

        var body = await ExpectJsonAsync(response, HttpStatusCode.Conflict);
        U64(body!["Errors"]![0]!["OpIndex"]).ShouldBe(1UL);
        (await GetKvAsync(Key("a"))).ShouldBeNull();
    }

    [SkippableFact]
    public async Task Txn_DeleteCasWithStaleIndex_Returns409AndKeepsKey()
    {
        await PutKvAsync(Key("a"), "1");
        var stale = U64((await GetExistingKvAsync(Key("a")))["ModifyIndex"]);
        await PutKvAsync(Key("a"), "2");

        using var response = await TxnAsync($$$"""{"KV":{"Verb":"delete-cas","Key":"{{{Key("a")}}}","Index":{{{stale}}}}}""");

        await ExpectJsonAsync(response, HttpStatusCode.Conflict);
        ValueOf(await GetExistingKvAsync(Key("a"))).ShouldBe("2");
    }

    [SkippableFact]
    public async Task Txn_GetOrEmptyOnExistingKey_ReturnsValue()
    {
        // Real servers keep the value for get-or-empty as for get.
        await RequireVersionAsync(GetOrEmptySince, "the get-or-empty txn verb");
        await PutKvAsync(Key("a"), "stored");

        using var response = await TxnAsync($$$"""{"KV":{"Verb":"get-or-empty","Key":"{{{Key("a")}}}"}}""");

        var results = (await ExpectJsonAsync(response))!["Results"]!.AsArray();
        results.Count.ShouldBe(1);
        Str(results[0]!["KV"]!["Value"]).ShouldBe(B64("stored"));
    }

    [SkippableFact]
    public async Task Txn_GetOrEmptyOnMissingKey_Returns200WithNullValue()
    {
        await RequireVersionAsync(GetOrEmptySince, "the get-or-empty txn verb");
        using var response = await TxnAsync($$$"""{"KV":{"Verb":"get-or-empty","Key":"{{{Key("missing")}}}"}}""");

        var results = (await ExpectJsonAsync(response))!["Results"]!.AsArray();
        results.Count.ShouldBe(1);
        Str(results[0]!["KV"]!["Key"]).ShouldBe(Key("missing"));
        results[0]!["KV"]!["Value"].ShouldBeNull();
    }

    [SkippableFact]
    public async Task Txn_SeveralFailingOps_ReportsEachOpIndex()
    {
        using var response = await TxnAsync(
            $$$"""{"KV":{"Verb":"get","Key":"{{{Key("missing1")}}}"}}""",
            Set("a", "1"),
            $$$"""{"KV":{"Verb":"get","Key":"{{{Key("missing2")}}}"}}""");

        var errors = (await ExpectJsonAsync(response, HttpStatusCode.Conflict))!["Errors"]!.AsArray();
        errors.Select(e => U64(e!["OpIndex"])).ShouldBe([0UL, 2UL]);
        (await GetKvAsync(Key("a"))).ShouldBeNull();
    }

    [SkippableFact]
    public async Task Txn_64Operations_Succeeds()
    {
        var operations = Enumerable.Range(0, 64).Select(i => Set($"k{i}", "v")).ToArray();

        using var response = await TxnAsync(operations);

        (await ExpectJsonAsync(response))!["Results"]!.AsArray().Count.ShouldBe(64);
    }

    [SkippableFact]
    public async Task Txn_65Operations_Returns413AndAppliesNothing()
    {
        var operations = Enumerable.Range(0, 65).Select(i => Set($"k{i}", "v")).ToArray();

        using var response = await TxnAsync(operations);

        await ExpectStatusAsync(response, HttpStatusCode.RequestEntityTooLarge);
        (await GetKvAsync(Key("k0"))).ShouldBeNull();
    }

    [SkippableFact]
    public async Task Txn_MalformedJson_Returns400()
    {
        using var response = await PutJsonAsync("v1/txn", "[{\"KV\":");

        await ExpectStatusAsync(response, HttpStatusCode.BadRequest);
    }

    [SkippableFact]
    public async Task Txn_ReadOnly_SendsKnownLeaderHeader()
    {
        await PutKvAsync(Key("a"), "1");

        using var response = await TxnAsync($$$"""{"KV":{"Verb":"get","Key":"{{{Key("a")}}}"}}""");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        Header(response, "X-Consul-KnownLeader").ShouldBe("true");
    }
}
