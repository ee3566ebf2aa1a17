using System.Net;
using ConsulAlerts.Consul.Kv;
using ConsulAlerts.Consul.Queries;

namespace ConsulAlerts.Tests.Consul.Kv;

public sealed class KvEndpointTests : IDisposable
{
    private readonly StubHttpHandler _stub = new();

    public void Dispose() => _stub.Dispose();

    [Fact]
    public async Task GetAsync_ExistingKey_DecodesBase64AndUInt64Fields()
    {
        _stub.RespondWith(() => StubHttpHandler.Json(
            """[{"Key":"cfg/a","CreateIndex":3,"ModifyIndex":18446744073709551615,"LockIndex":2,"Flags":16210313421097356768,"Value":"YmFy","Session":"s1"}]""",
            index: 18446744073709551615));
        using var client = StubHttpHandler.Client(_stub);

        var result = await client.Kv.GetAsync("cfg/a");

        var pair = result.Value.ShouldNotBeNull();
        pair.Key.ShouldBe("cfg/a");
        pair.Value.ShouldBe("bar"u8.ToArray());
        pair.Flags.ShouldBe(16210313421097356768ul);
        pair.ModifyIndex.ShouldBe(ulong.MaxValue);
        pair.LockIndex.ShouldBe(2ul);
        pair.IsLocked.ShouldBeTrue();
        result.LastIndex.ShouldBe(ulong.MaxValue);
        _stub.Last.PathAndQuery.ShouldBe("/v1/kv/cfg/a");
    }

    [Fact]
    public async Task GetAsync_MissingKey_GivesNullWithIndex()
    {
        _stub.RespondWith(() => StubHttpHandler.Text("", index: 77, status: HttpStatusCode.NotFound));
        using var client = StubHttpHandler.Client(_stub);

        var result = await client.Kv.GetAsync("missing");

        result.Value.ShouldBeNull();
        result.LastIndex.ShouldBe(77ul);
    }

    [Fact]
    public async Task GetAsync_NullValueAndNoSession_MeansEmptyAndUnlocked()
    {
        _stub.RespondWith(() => StubHttpHandler.Json("""[{"Key":"e","Flags":0,"Value":null}]""", index: 4));
        using var client = StubHttpHandler.Client(_stub);

        var pair = (await client.Kv.GetAsync("e")).Value.ShouldNotBeNull();

        pair.Value.ShouldBeNull();
        pair.IsLocked.ShouldBeFalse();
    }

    [Theory]
    [InlineData("a b/c?d", "/v1/kv/a%20b/c%3Fd")]
    [InlineData("consul-alerts/checks/node1/_/serfHealth", "/v1/kv/consul-alerts/checks/node1/_/serfHealth")]
    [InlineData("dir/", "/v1/kv/dir/")]
    public async Task GetAsync_Key_IsEscapedPerSegment(string key, string expectedPath)
    {
        using var client = StubHttpHandler.Client(_stub);

        await client.Kv.GetAsync(key);

        _stub.Last.Uri.AbsolutePath.ShouldBe(expectedPath);
    }

    [Fact]
    public async Task GetAsync_KeyWithLeadingSlash_IsRefusedLocally()
    {
        using var client = StubHttpHandler.Client(_stub);

        await Should.ThrowAsync<ArgumentException>(() => client.Kv.GetAsync("/abs"));

        _stub.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task ListAsync_Prefix_SendsRecurseAndBlockingOptions()
    {
        _stub.RespondWith(() => StubHttpHandler.Json("""[{"Key":"p/a"},{"Key":"p/b"}]""", index: 9));
        using var client = StubHttpHandler.Client(_stub);

        var result = await client.Kv.ListAsync("p/", new QueryOptions { WaitIndex = 8, WaitTime = TimeSpan.FromSeconds(15) });

        result.Value.Select(p => p.Key).ShouldBe(["p/a", "p/b"]);
        _stub.Last.PathAndQuery.ShouldBe("/v1/kv/p/?index=8&wait=15000ms&recurse");
    }

    [Fact]
    public async Task ListAsync_EmptyPrefix404_GivesEmptyListWithIndex()
    {
        _stub.RespondWith(() => StubHttpHandler.Text("", index: 12, status: HttpStatusCode.NotFound));
        using var client = StubHttpHandler.Client(_stub);

        var result = await client.Kv.ListAsync("none/");

        result.Value.ShouldBeEmpty();
        result.LastIndex.ShouldBe(12ul);
    }

    [Fact]
    public async Task KeysAsync_WithSeparator_SendsKeysAndSeparator()
    {
        _stub.RespondWith(() => StubHttpHandler.Json("""["a/","b"]""", index: 3));
        using var client = StubHttpHandler.Client(_stub);

        var result = await client.Kv.KeysAsync("", "/");

        result.Value.ShouldBe(["a/", "b"]);
        _stub.Last.PathAndQuery.ShouldBe("/v1/kv/?keys&separator=%2F");
    }

    [Theory]
    [InlineData(0ul, null, null, null, "/v1/kv/k?flags=0")]
    [InlineData(3304740253564472344ul, null, "sess-1", null, "/v1/kv/k?flags=3304740253564472344&acquire=sess-1")]
    [InlineData(7ul, null, null, "sess-1", "/v1/kv/k?flags=7&release=sess-1")]
    [InlineData(0ul, 0ul, null, null, "/v1/kv/k?flags=0&cas=0")]
    [InlineData(0ul, 42ul, null, null, "/v1/kv/k?flags=0&cas=42")]
    public async Task PutAsync_Options_AreSentAsParametersWithRawBody(ulong flags, ulong? cas, string? acquire, string? release, string expected)
    {
        _stub.RespondWith(() => StubHttpHandler.Json("true"));
        using var client = StubHttpHandler.Client(_stub);

        var ok = await client.Kv.PutAsync("k", "raw bytes"u8.ToArray(), new KvPutOptions { Flags = flags, Cas = cas, Acquire = acquire, Release = release });

        ok.ShouldBeTrue();
        _stub.Last.Method.ShouldBe(HttpMethod.Put);
        _stub.Last.PathAndQuery.ShouldBe(expected);
        _stub.Last.BodyText.ShouldBe("raw bytes");
        _stub.Last.ContentType.ShouldBe("application/octet-stream");
    }

    [Fact]
    public async Task PutAsync_ServerSaysFalse_ReturnsFalse()
    {
        _stub.RespondWith(() => StubHttpHandler.Json("false"));
        using var client = StubHttpHandler.Client(_stub);

        (await client.Kv.PutAsync("k", default, new KvPutOptions { Cas = 1 })).ShouldBeFalse();
    }

    [Fact]
    public async Task PutAsync_CasWithAcquire_IsRefusedLocally()
    {
        using var client = StubHttpHandler.Client(_stub);

        await Should.ThrowAsync<ArgumentException>(() => client.Kv.PutAsync("k", default, new KvPutOptions { Cas = 1, Acquire = "s" }));

        _stub.Requests.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("a/b", false, null, "/v1/kv/a/b")]
    [InlineData("a/", true, null, "/v1/kv/a/?recurse")]
    [InlineData("a/b", false, 0ul, "/v1/kv/a/b?cas=0")]
    [InlineData("a/b", false, 99ul, "/v1/kv/a/b?cas=99")]
    public async Task DeleteAsync_Options_AreSentAsParameters(string key, bool recurse, ulong? cas, string expected)
    {
        _stub.RespondWith(() => StubHttpHandler.Json("true"));
        using var client = StubHttpHandler.Client(_stub);

        (await client.Kv.DeleteAsync(key, recurse, cas)).ShouldBeTrue();

        _stub.Last.Method.ShouldBe(HttpMethod.Delete);
        _stub.Last.PathAndQuery.ShouldBe(expected);
    }

    [Fact]
    public async Task DeleteAsync_RecurseWithCas_IsRefusedLocally()
    {
        using var client = StubHttpHandler.Client(_stub);

        await Should.ThrowAsync<ArgumentException>(() => client.Kv.DeleteAsync("a/", recurse: true, cas: 1));

        _stub.Requests.ShouldBeEmpty();
    }
}
