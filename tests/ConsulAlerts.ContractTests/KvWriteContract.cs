using System.Net;
using ConsulAlerts.ContractTests.Infrastructure;

namespace ConsulAlerts.ContractTests;

public abstract class KvWriteContract(ConsulAgentFixture agent) : ContractTestBase(agent)
{
    /// <summary>SemaphoreFlagValue: does not fit in Int64.</summary>
    private const ulong LargeFlags = 16210313421097356768UL;

    [SkippableFact]
    public async Task Put_PlainValue_ReturnsTrueAndStoresRawBody()
    {
        using var response = await PutAsync($"v1/kv/{Key("a")}", Text("{\"not\":\"json-decoded\"}"));

        (await ExpectStatusAsync(response, HttpStatusCode.OK)).Trim().ShouldBe("true");
        ValueOf(await GetExistingKvAsync(Key("a"))).ShouldBe("{\"not\":\"json-decoded\"}");
    }

    [SkippableFact]
    public async Task Put_WithFlags_KeepsUInt64Flags()
    {
        (await PutKvAsync(Key("a"), "v", $"flags={LargeFlags}")).ShouldBeTrue();

        U64((await GetExistingKvAsync(Key("a")))["Flags"]).ShouldBe(LargeFlags);
    }

    [SkippableFact]
    public async Task Put_WithoutFlags_ResetsFlagsToZero()
    {
        await PutKvAsync(Key("a"), "v1", "flags=42");

        await PutKvAsync(Key("a"), "v2");

        var entry = await GetExistingKvAsync(Key("a"));
        U64(entry["Flags"]).ShouldBe(0UL);
        ValueOf(entry).ShouldBe("v2");
    }

    [SkippableFact]
    public async Task Put_Overwrite_RaisesModifyIndexAndKeepsCreateIndex()
    {
        await PutKvAsync(Key("a"), "v1");
        var before = await GetExistingKvAsync(Key("a"));

        await PutKvAsync(Key("a"), "v2");

        var after = await GetExistingKvAsync(Key("a"));
        U64(after["CreateIndex"]).ShouldBe(U64(before["CreateIndex"]));
        U64(after["ModifyIndex"]).ShouldBeGreaterThan(U64(before["ModifyIndex"]));
    }

    [SkippableFact]
    public async Task Put_CasWithCurrentModifyIndex_ReturnsTrueAndWrites()
    {
        await PutKvAsync(Key("a"), "v1");
        var index = U64((await GetExistingKvAsync(Key("a")))["ModifyIndex"]);

        (await PutKvAsync(Key("a"), "v2", $"cas={index}")).ShouldBeTrue();

        ValueOf(await GetExistingKvAsync(Key("a"))).ShouldBe("v2");
    }

    [SkippableFact]
    public async Task Put_CasWithStaleIndex_ReturnsFalseAndKeepsValue()
    {
        await PutKvAsync(Key("a"), "v1");
        var stale = U64((await GetExistingKvAsync(Key("a")))["ModifyIndex"]);
        await PutKvAsync(Key("a"), "v2");

        (await PutKvAsync(Key("a"), "v3", $"cas={stale}")).ShouldBeFalse();

        ValueOf(await GetExistingKvAsync(Key("a"))).ShouldBe("v2");
    }

    [SkippableFact]
    public async Task Put_CasZeroOnMissingKey_CreatesKey()
    {
        (await PutKvAsync(Key("new"), "v1", "cas=0")).ShouldBeTrue();

        ValueOf(await GetExistingKvAsync(Key("new"))).ShouldBe("v1");
    }

    [SkippableFact]
    public async Task Put_CasZeroOnExistingKey_ReturnsFalseAndKeepsValue()
    {
        await PutKvAsync(Key("a"), "v1");

        (await PutKvAsync(Key("a"), "v2", "cas=0")).ShouldBeFalse();

        ValueOf(await GetExistingKvAsync(Key("a"))).ShouldBe("v1");
    }

    [SkippableFact]
    public async Task Put_ValueAboveMaxValueSize_Returns413()
    {
        var value = new byte[(512 * 1024) + 1];

        using var response = await PutAsync($"v1/kv/{Key("big")}", Bytes(value));

        await ExpectStatusAsync(response, HttpStatusCode.RequestEntityTooLarge);
        (await GetKvAsync(Key("big"))).ShouldBeNull();
    }

    [SkippableFact]
    public async Task Put_CasWithAcquire_Returns400ConflictingFlags()
    {
        var session = await CreateSessionAsync();

        using var response = await PutAsync($"v1/kv/{Key("a")}?cas=0&acquire={session}", Text("v"));

        (await ExpectStatusAsync(response, HttpStatusCode.BadRequest)).ShouldContain("Conflicting flags");
        (await GetKvAsync(Key("a"))).ShouldBeNull();
    }

    [SkippableFact]
    public async Task Post_OnKvKey_Returns405WithAllowHeader()
    {
        using var response = await SendAsync(HttpMethod.Post, $"v1/kv/{Key("a")}", Text("v"));

        await ExpectStatusAsync(response, HttpStatusCode.MethodNotAllowed);
        var allow = Header(response, "Allow");
        allow.ShouldNotBeNull();
        allow.ShouldContain("PUT");
        allow.ShouldContain("GET");
        allow.ShouldContain("DELETE");
        (await GetKvAsync(Key("a"))).ShouldBeNull();
    }

    [SkippableFact]
    public async Task Delete_Key_ReturnsTrueAndRemovesIt()
    {
        await PutKvAsync(Key("a"), "v");

        using var response = await DeleteAsync($"v1/kv/{Key("a")}");

        (await ExpectStatusAsync(response, HttpStatusCode.OK)).Trim().ShouldBe("true");
        (await GetKvAsync(Key("a"))).ShouldBeNull();
    }

    [SkippableFact]
    public async Task Delete_CasMismatch_ReturnsFalseAndKeepsKey()
    {
        await PutKvAsync(Key("a"), "v1");
        var stale = U64((await GetExistingKvAsync(Key("a")))["ModifyIndex"]);
        await PutKvAsync(Key("a"), "v2");

        using var response = await DeleteAsync($"v1/kv/{Key("a")}?cas={stale}");

        (await ExpectStatusAsync(response, HttpStatusCode.OK)).Trim().ShouldBe("false");
        ValueOf(await GetExistingKvAsync(Key("a"))).ShouldBe("v2");
    }

    [SkippableFact]
    public async Task Delete_CasMatch_ReturnsTrueAndDeletes()
    {
        await PutKvAsync(Key("a"), "v1");
        var index = U64((await GetExistingKvAsync(Key("a")))["ModifyIndex"]);

        using var response = await DeleteAsync($"v1/kv/{Key("a")}?cas={index}");

        (await ExpectStatusAsync(response, HttpStatusCode.OK)).Trim().ShouldBe("true");
        (await GetKvAsync(Key("a"))).ShouldBeNull();
    }

    [SkippableFact]
    public async Task Delete_CasZero_NeverDeletes()
    {
        await PutKvAsync(Key("a"), "v1");

        using var response = await DeleteAsync($"v1/kv/{Key("a")}?cas=0");

        (await ExpectStatusAsync(response, HttpStatusCode.OK)).Trim().ShouldBe("false");
        (await GetKvAsync(Key("a"))).ShouldNotBeNull();
    }

    [SkippableFact]
    public async Task Delete_Recurse_DeletesOnlyThePrefix()
    {
        await PutKvAsync(Key("dir/a"), "1");
        await PutKvAsync(Key("dir/b/c"), "2");
        await PutKvAsync(Key("dirx"), "3");

        using var response = await DeleteAsync($"v1/kv/{Key("dir/")}?recurse");

        (await ExpectStatusAsync(response, HttpStatusCode.OK)).Trim().ShouldBe("true");
        (await GetKvAsync(Key("dir/a"))).ShouldBeNull();
        (await GetKvAsync(Key("dir/b/c"))).ShouldBeNull();
        ValueOf(await GetExistingKvAsync(Key("dirx"))).ShouldBe("3");
    }

    [SkippableFact]
    public async Task Delete_RecurseWithCas_Returns400AndDeletesNothing()
    {
        await PutKvAsync(Key("dir/a"), "1");

        using var response = await DeleteAsync($"v1/kv/{Key("dir/")}?recurse&cas=0");

        await ExpectStatusAsync(response, HttpStatusCode.BadRequest);
        (await GetKvAsync(Key("dir/a"))).ShouldNotBeNull();
    }
}
