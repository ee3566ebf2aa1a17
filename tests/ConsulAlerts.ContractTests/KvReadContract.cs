using System.Net;
using System.Text;
using ConsulAlerts.ContractTests.Infrastructure;

namespace ConsulAlerts.ContractTests;

public abstract class KvReadContract(ConsulAgentFixture agent) : ContractTestBase(agent)
{
    [SkippableFact]
    public async Task Get_ExistingKey_ReturnsOneElementArrayWithBase64Value()
    {
        await PutKvAsync(Key("a"), "hello");

        using var response = await GetAsync($"v1/kv/{Key("a")}");

        var array = await ExpectArrayAsync(response);
        array.Count.ShouldBe(1);
        var entry = array[0]!.AsObject();
        Str(entry["Key"]).ShouldBe(Key("a"));
        Str(entry["Value"]).ShouldBe(Convert.ToBase64String(Encoding.UTF8.GetBytes("hello")));
        U64(entry["Flags"]).ShouldBe(0UL);
        U64(entry["LockIndex"]).ShouldBe(0UL);
        U64(entry["CreateIndex"]).ShouldBeGreaterThan(0UL);
        U64(entry["ModifyIndex"]).ShouldBe(U64(entry["CreateIndex"]));
        SessionOf(entry).ShouldBeEmpty();
    }

    [SkippableFact]
    public async Task Get_EmptyValue_ValueIsNull()
    {
        await PutKvAsync(Key("empty"), string.Empty);

        var entry = await GetExistingKvAsync(Key("empty"));

        entry.ContainsKey("Value").ShouldBeTrue();
        entry["Value"].ShouldBeNull();
    }

    [SkippableFact]
    public async Task Get_MissingKey_Returns404WithEmptyBodyAndIndexHeader()
    {
        using var response = await GetAsync($"v1/kv/{Key("missing")}");

        var body = await ExpectStatusAsync(response, HttpStatusCode.NotFound);
        body.ShouldBeEmpty();
        IndexOf(response).ShouldBeGreaterThan(0UL);
    }

    [SkippableFact]
    public async Task Get_ExistingKey_IndexHeaderEqualsModifyIndex()
    {
        await PutKvAsync(Key("a"), "1");
        await PutKvAsync(Key("b"), "2");
        await PutKvAsync(Key("a"), "3");
        await PutKvAsync(Key("b"), "4");

        using var response = await GetAsync($"v1/kv/{Key("a")}");

        var entry = (await ExpectArrayAsync(response))[0]!.AsObject();
        IndexOf(response).ShouldBe(U64(entry["ModifyIndex"]));
        U64(entry["ModifyIndex"]).ShouldBeLessThan(U64((await GetExistingKvAsync(Key("b")))["ModifyIndex"]));
    }

    [SkippableFact]
    public async Task Get_Key_SendsKnownLeaderHeader()
    {
        await PutKvAsync(Key("a"), "1");

        using var response = await GetAsync($"v1/kv/{Key("a")}");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        Header(response, "X-Consul-KnownLeader").ShouldBe("true");
    }

    [SkippableFact]
    public async Task Get_NoKeyName_Returns400MissingKeyName()
    {
        using var response = await GetAsync("v1/kv/");

        var body = await ExpectStatusAsync(response, HttpStatusCode.BadRequest);
        body.ShouldContain("Missing key name");
    }

    [SkippableFact]
    public async Task Get_Recurse_ReturnsEveryKeyUnderPrefix()
    {
        await PutKvAsync(Key("dir/a"), "1");
        await PutKvAsync(Key("dir/sub/b"), "2");
        await PutKvAsync(Key("dirx"), "3");

        using var response = await GetAsync($"v1/kv/{Key("dir/")}?recurse");

        var keys = Objects(await ExpectArrayAsync(response)).Select(e => Str(e["Key"])).ToList();
        keys.ShouldBe([Key("dir/a"), Key("dir/sub/b")], ignoreOrder: true);
    }

    [SkippableFact]
    public async Task Get_RecurseFalse_StillRecursesBecauseFlagIsPresenceBased()
    {
        await PutKvAsync(Key("dir/a"), "1");
        await PutKvAsync(Key("dir/b"), "2");

        using var response = await GetAsync($"v1/kv/{Key("dir/")}?recurse=false");

        var keys = Objects(await ExpectArrayAsync(response)).Select(e => Str(e["Key"])).ToList();
        keys.ShouldBe([Key("dir/a"), Key("dir/b")], ignoreOrder: true);
    }

    [SkippableFact]
    public async Task Get_RecurseOnEmptyPrefix_Returns404()
    {
        using var response = await GetAsync($"v1/kv/{Key("nothing/")}?recurse");

        await ExpectStatusAsync(response, HttpStatusCode.NotFound);
        IndexOf(response).ShouldBeGreaterThan(0UL);
    }

    [SkippableFact]
    public async Task Get_RecurseAfterDeletingNewestKey_IndexIncludesTombstone()
    {
        await PutKvAsync(Key("dir/old"), "1");
        await PutKvAsync(Key("dir/new"), "2");
        var newest = U64((await GetExistingKvAsync(Key("dir/new")))["ModifyIndex"]);
        using (var deleted = await DeleteAsync($"v1/kv/{Key("dir/new")}"))
        {
            await ExpectStatusAsync(deleted, HttpStatusCode.OK);
        }

        using var response = await GetAsync($"v1/kv/{Key("dir/")}?recurse");

        var entries = Objects(await ExpectArrayAsync(response)).ToList();
        entries.Select(e => Str(e["Key"])).ShouldBe([Key("dir/old")]);
        IndexOf(response).ShouldBeGreaterThan(newest);
    }

    [SkippableFact]
    public async Task Get_Keys_ListsKeyNamesOnly()
    {
        await PutKvAsync(Key("k/a"), "1");
        await PutKvAsync(Key("k/b/c"), "2");

        using var response = await GetAsync($"v1/kv/{Key("k/")}?keys");

        Strings(await ExpectArrayAsync(response)).ShouldBe([Key("k/a"), Key("k/b/c")], ignoreOrder: true);
    }

    [SkippableFact]
    public async Task Get_KeysWithSeparator_StopsEachKeyAtNextSeparator()
    {
        await PutKvAsync(Key("k/a/b/c"), "1");
        await PutKvAsync(Key("k/a/d"), "2");
        await PutKvAsync(Key("k/e"), "3");

        using var response = await GetAsync($"v1/kv/{Key("k/")}?keys&separator=/");

        Strings(await ExpectArrayAsync(response)).ShouldBe([Key("k/a/"), Key("k/e")], ignoreOrder: true);
    }

    [SkippableFact]
    public async Task Get_KeysWithHistoricSeperatorSpelling_StopsAtSeparator()
    {
        await PutKvAsync(Key("k/a/b"), "1");
        await PutKvAsync(Key("k/e"), "2");

        using var response = await GetAsync($"v1/kv/{Key("k/")}?keys&seperator=/");

        Strings(await ExpectArrayAsync(response)).ShouldBe([Key("k/a/"), Key("k/e")], ignoreOrder: true);
    }

    [SkippableFact]
    public async Task Get_UnknownDatacenter_Returns500()
    {
        using var response = await GetAsync($"v1/kv/{Key("a")}?dc=no-such-dc-{Id[..8]}");

        (await ExpectStatusAsync(response, HttpStatusCode.InternalServerError)).ShouldContain("No path to datacenter");
    }

    [SkippableFact]
    public async Task Get_KeysOnEmptyNonRootPrefix_Returns404()
    {
        using var response = await GetAsync($"v1/kv/{Key("none/")}?keys");

        await ExpectStatusAsync(response, HttpStatusCode.NotFound);
    }

    [SkippableFact]
    public async Task Get_Raw_ReturnsStoredBytesAsTextPlain()
    {
        byte[] value = [0x00, 0xFF, 0x10, (byte)'a', 0x80];
        using (var put = await PutAsync($"v1/kv/{Key("raw")}", Bytes(value)))
        {
            await ExpectStatusAsync(put, HttpStatusCode.OK);
        }

        using var response = await GetAsync($"v1/kv/{Key("raw")}?raw");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsByteArrayAsync()).ShouldBe(value);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("text/plain");
    }

    [SkippableFact]
    public async Task Get_RawOnMissingKey_Returns404()
    {
        using var response = await GetAsync($"v1/kv/{Key("missing")}?raw");

        await ExpectStatusAsync(response, HttpStatusCode.NotFound);
    }
}
