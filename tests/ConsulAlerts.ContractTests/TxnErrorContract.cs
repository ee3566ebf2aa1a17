using System.Net;
using System.Text;
using ConsulAlerts.ContractTests.Infrastructure;

namespace ConsulAlerts.ContractTests;

/// <summary>How transactions fail: decode errors before anything runs, and per-operation errors with their index.</summary>
public abstract class TxnErrorContract(ConsulAgentFixture agent) : ContractTestBase(agent)
{
    private static string B64(string value) => Convert.ToBase64String(Encoding.UTF8.GetBytes(value));

    private string Set(string key, string value) => $$$"""{"KV":{"Verb":"set","Key":"{{{Key(key)}}}","Value":"{{{B64(value)}}}"}}""";

    private Task<HttpResponseMessage> TxnAsync(params string[] operations) => PutJsonAsync("v1/txn", "[" + string.Join(",", operations) + "]");

    [SkippableFact]
    public async Task Txn_UnknownOperationKind_Returns400AndAppliesNothing()
    {
        using var response = await TxnAsync(Set("a", "1"), """{"Queue":{"Verb":"push"}}""");

        (await ExpectStatusAsync(response, HttpStatusCode.BadRequest)).ShouldBe("Failed to parse body: json: unknown field \"Queue\"");
        (await GetKvAsync(Key("a"))).ShouldBeNull();
    }

    [SkippableFact]
    public async Task Txn_UnknownKvField_Returns400AndAppliesNothing()
    {
        using var response = await TxnAsync($$$"""{"KV":{"Verb":"set","Key":"{{{Key("a")}}}","Value":"{{{B64("1")}}}","Ttl":"5s"}}""");

        (await ExpectStatusAsync(response, HttpStatusCode.BadRequest)).ShouldBe("Failed to parse body: json: unknown field \"Ttl\"");
        (await GetKvAsync(Key("a"))).ShouldBeNull();
    }

    [SkippableFact]
    public async Task Txn_ValueNotBase64_Returns400()
    {
        using var response = await TxnAsync($$$"""{"KV":{"Verb":"set","Key":"{{{Key("a")}}}","Value":"not base64!"}}""");

        (await ExpectStatusAsync(response, HttpStatusCode.BadRequest)).ShouldStartWith("Failed to parse body: illegal base64 data at input byte");
        (await GetKvAsync(Key("a"))).ShouldBeNull();
    }

    [SkippableFact]
    public async Task Txn_BodyNotAnArray_Returns400()
    {
        using var response = await PutJsonAsync("v1/txn", "{}");

        (await ExpectStatusAsync(response, HttpStatusCode.BadRequest)).ShouldStartWith("Failed to parse body: json: cannot unmarshal object");
    }

    [SkippableFact]
    public async Task Txn_EmptyOperation_IsSkippedWithoutResult()
    {
        using var response = await TxnAsync("{}", Set("a", "1"));

        var results = (await ExpectJsonAsync(response))!["Results"]!.AsArray();
        results.Count.ShouldBe(1);
        Str(results[0]!["KV"]!["Key"]).ShouldBe(Key("a"));
    }

    [SkippableFact]
    public async Task Txn_SetWithEmptyKey_Returns409MustProvideKeyAtItsIndex()
    {
        using var response = await TxnAsync(Set("a", "1"), $$$"""{"KV":{"Verb":"set","Key":"","Value":"{{{B64("x")}}}"}}""");

        var errors = (await ExpectJsonAsync(response, HttpStatusCode.Conflict))!["Errors"]!.AsArray();
        errors.Count.ShouldBe(1);
        U64(errors[0]!["OpIndex"]).ShouldBe(1UL);
        Str(errors[0]!["What"]).ShouldBe("Must provide key");
        (await GetKvAsync(Key("a"))).ShouldBeNull();
    }

    [SkippableFact]
    public async Task Txn_UnknownVerb_Returns409NamingTheVerb()
    {
        using var response = await TxnAsync($$$"""{"KV":{"Verb":"frobnicate","Key":"{{{Key("a")}}}"}}""");

        var errors = (await ExpectJsonAsync(response, HttpStatusCode.Conflict))!["Errors"]!.AsArray();
        U64(errors[0]!["OpIndex"]).ShouldBe(0UL);
        Str(errors[0]!["What"]).ShouldBe("unknown KV verb \"frobnicate\"");
    }

    [SkippableFact]
    public async Task Txn_GetOrEmptyOnAgentBeforeItsVersion_Returns409UnknownVerb()
    {
        await RequireVersionBelowAsync("1.14.0", "the get-or-empty txn verb");

        using var response = await TxnAsync($$$"""{"KV":{"Verb":"get-or-empty","Key":"{{{Key("a")}}}"}}""");

        var errors = (await ExpectJsonAsync(response, HttpStatusCode.Conflict))!["Errors"]!.AsArray();
        Str(errors[0]!["What"]).ShouldBe("unknown KV verb \"get-or-empty\"");
    }

    [SkippableFact]
    public async Task Txn_LockWithUnknownSession_Returns409InvalidSession()
    {
        var session = Guid.NewGuid().ToString();

        using var response = await TxnAsync($$$"""{"KV":{"Verb":"lock","Key":"{{{Key("lock")}}}","Value":"","Session":"{{{session}}}"}}""");

        var errors = (await ExpectJsonAsync(response, HttpStatusCode.Conflict))!["Errors"]!.AsArray();
        Str(errors[0]!["What"]).ShouldBe($"invalid session \"{session}\"");
        (await GetKvAsync(Key("lock"))).ShouldBeNull();
    }

    [SkippableFact]
    public async Task Txn_LockHeldByOtherSession_Returns409AndKeepsHolder()
    {
        var holder = await CreateSessionAsync();
        var other = await CreateSessionAsync();
        await PutKvAsync(Key("lock"), "held", $"acquire={holder}");

        using var response = await TxnAsync($$$"""{"KV":{"Verb":"lock","Key":"{{{Key("lock")}}}","Value":"","Session":"{{{other}}}"}}""");

        var errors = (await ExpectJsonAsync(response, HttpStatusCode.Conflict))!["Errors"]!.AsArray();
        Str(errors[0]!["What"]).ShouldNotBeNull().ShouldContain("lock is already held");
        SessionOf(await GetExistingKvAsync(Key("lock"))).ShouldBe(holder);
    }

    [SkippableFact]
    public async Task Txn_CheckSessionGuardThenSet_AppliesWhileLockHeld()
    {
        // The leader's write guard: state is written only while its session still holds the lock.
        var session = await CreateSessionAsync();
        await PutKvAsync(Key("lock"), "held", $"acquire={session}");

        using var response = await TxnAsync(
            $$$"""{"KV":{"Verb":"check-session","Key":"{{{Key("lock")}}}","Session":"{{{session}}}"}}""",
            Set("state", "1"));

        var results = (await ExpectJsonAsync(response))!["Results"]!.AsArray();
        results.Count.ShouldBe(2);
        ValueOf(await GetExistingKvAsync(Key("state"))).ShouldBe("1");
    }

    [SkippableFact]
    public async Task Txn_CheckSessionGuardAfterRelease_Returns409AndWritesNothing()
    {
        var session = await CreateSessionAsync();
        await PutKvAsync(Key("lock"), "held", $"acquire={session}");
        await PutKvAsync(Key("lock"), "held", $"release={session}");

        using var response = await TxnAsync(
            $$$"""{"KV":{"Verb":"check-session","Key":"{{{Key("lock")}}}","Session":"{{{session}}}"}}""",
            Set("state", "1"));

        var errors = (await ExpectJsonAsync(response, HttpStatusCode.Conflict))!["Errors"]!.AsArray();
        U64(errors[0]!["OpIndex"]).ShouldBe(0UL);
        (await GetKvAsync(Key("state"))).ShouldBeNull();
    }

    [SkippableFact]
    public async Task Txn_WriteResults_CarryTheIndexOfTheWrite()
    {
        using var response = await TxnAsync(Set("a", "1"), Set("b", "2"));

        var results = (await ExpectJsonAsync(response))!["Results"]!.AsArray();
        var first = U64(results[0]!["KV"]!["ModifyIndex"]);
        U64(results[1]!["KV"]!["ModifyIndex"]).ShouldBe(first, "one transaction is one Raft index");
        U64((await GetExistingKvAsync(Key("a")))["ModifyIndex"]).ShouldBe(first);
    }

    [SkippableFact]
    public async Task Txn_ReadOnly_BodyCarriesQueryMeta()
    {
        await PutKvAsync(Key("a"), "1");

        using var response = await TxnAsync($$$"""{"KV":{"Verb":"get","Key":"{{{Key("a")}}}"}}""");

        var body = await ExpectJsonAsync(response);
        body!["KnownLeader"]!.GetValue<bool>().ShouldBeTrue();
        body["LastContact"].ShouldNotBeNull();
        U64(body["Index"]).ShouldBeGreaterThan(0UL);
    }

    [SkippableFact]
    public async Task Txn_ReadOnlyWithStale_Returns200()
    {
        await PutKvAsync(Key("a"), "1");

        using var response = await PutJsonAsync("v1/txn?stale", $$$"""[{"KV":{"Verb":"get","Key":"{{{Key("a")}}}"}}]""");

        Str((await ExpectJsonAsync(response))!["Results"]![0]!["KV"]!["Value"]).ShouldBe(B64("1"));
    }

    [SkippableFact]
    public async Task Txn_DeleteTreeAndCheckNotExists_CommitTogether()
    {
        await PutKvAsync(Key("tree/a"), "1");
        await PutKvAsync(Key("tree/b"), "2");

        using var response = await TxnAsync(
            $$$"""{"KV":{"Verb":"delete-tree","Key":"{{{Key("tree/")}}}"}}""",
            $$$"""{"KV":{"Verb":"check-not-exists","Key":"{{{Key("tree/a")}}}"}}""");

        (await ExpectJsonAsync(response))!["Results"]!.AsArray().Count.ShouldBe(0);
        (await GetKvAsync(Key("tree/b"))).ShouldBeNull();
    }
}
