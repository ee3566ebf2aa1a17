using ConsulAlerts.Consul.Events;
using ConsulAlerts.Consul.Queries;

namespace ConsulAlerts.Tests.Consul.Events;

public sealed class EventEndpointTests : IDisposable
{
    private readonly StubHttpHandler _stub = new();

    public void Dispose() => _stub.Dispose();

    [Fact]
    public async Task FireAsync_PayloadAndFilters_SentRaw()
    {
        _stub.RespondWith(() => StubHttpHandler.Json(
            """{"ID":"b54fe110-7af5-cafc-d1fb-afc8ba432b1c","Name":"deploy","Payload":"MTYwOTAzMA==","NodeFilter":"web.*","ServiceFilter":"","TagFilter":"","Version":1,"LTime":0}"""));
        using var client = StubHttpHandler.Client(_stub);

        var fired = await client.Events.FireAsync("deploy", "1609030"u8.ToArray(), new EventFireOptions { NodeFilter = "web.*" });

        fired.Id.ShouldBe("b54fe110-7af5-cafc-d1fb-afc8ba432b1c");
        fired.Payload.ShouldBe("1609030"u8.ToArray());
        _stub.Last.Method.ShouldBe(HttpMethod.Put);
        _stub.Last.PathAndQuery.ShouldBe("/v1/event/fire/deploy?node=web.%2A");
        _stub.Last.BodyText.ShouldBe("1609030");
    }

    [Fact]
    public async Task ListAsync_Name_SentAsFilter()
    {
        _stub.RespondWith(() => StubHttpHandler.Json("""[{"ID":"b54fe110-7af5-cafc-d1fb-afc8ba432b1c","Name":"deploy","Payload":null,"LTime":19}]""", index: 7256511592453824992));
        using var client = StubHttpHandler.Client(_stub);

        var result = await client.Events.ListAsync("deploy", new QueryOptions { WaitIndex = 1, WaitTime = TimeSpan.FromMinutes(1) });

        var e = result.Value.ShouldHaveSingleItem();
        e.Payload.ShouldBeNull();
        e.LTime.ShouldBe(19ul);
        result.LastIndex.ShouldBe(7256511592453824992ul);
        _stub.Last.PathAndQuery.ShouldBe("/v1/event/list?index=1&wait=60000ms&name=deploy");
    }
}
