using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ConsulAlerts.ContractTests.Infrastructure;

namespace ConsulAlerts.ContractTests;

public abstract class EventContract(ConsulAgentFixture agent) : ContractTestBase(agent)
{
    private string EventName => Unique("event");

    private async Task<JsonObject> FireAsync(string payload = "")
    {
        using var response = await PutAsync($"v1/event/fire/{EventName}", payload.Length == 0 ? null : Text(payload));
        var json = await ExpectJsonAsync(response);
        json.ShouldNotBeNull();
        return json.AsObject();
    }

    private async Task<(JsonArray Events, ulong Index)> ListAsync(string extra = "")
    {
        using var response = await GetAsync($"v1/event/list?name={EventName}{extra}");
        var events = await ExpectArrayAsync(response);
        return (events, IndexOf(response));
    }

    /// <summary>Events travel by gossip, even to the local buffer: poll until all expected IDs are listed.</summary>
    private async Task<(JsonArray Events, ulong Index)> ListContainingAsync(params string[] ids) =>
        await EventuallyAsync(
            () => ListAsync(),
            r => ids.All(id => Objects(r.Events).Any(e => Str(e["ID"]) == id)));

    [SkippableFact]
    public void EventIndex_SpecTestVector_XorsUuidHalves()
    {
        EventIndex.FromId("b54fe110-7af5-cafc-d1fb-afc8ba432b1c").ShouldBe(7256511592453824992UL);
    }

    [SkippableFact]
    public async Task Fire_Event_ReturnsNewIdNameAndZeroLTime()
    {
        var fired = await FireAsync("deploy 42");

        Guid.TryParse(Str(fired["ID"]), out _).ShouldBeTrue();
        Str(fired["Name"]).ShouldBe(EventName);
        U64(fired["LTime"]).ShouldBe(0UL);
        Str(fired["Payload"]).ShouldBe(Convert.ToBase64String(Encoding.UTF8.GetBytes("deploy 42")));
    }

    [SkippableFact]
    public async Task Fire_MissingName_Returns400()
    {
        using var response = await PutAsync("v1/event/fire/");

        await ExpectStatusAsync(response, HttpStatusCode.BadRequest);
    }

    [SkippableFact]
    public async Task List_AfterFire_ContainsEventWithBase64Payload()
    {
        var id = Str((await FireAsync("deploy 42"))["ID"])!;

        var (events, _) = await ListContainingAsync(id);

        var listed = Objects(events).SingleOrDefault(e => Str(e["ID"]) == id);
        listed.ShouldNotBeNull("the fired event must appear in /v1/event/list");
        Str(listed["Name"]).ShouldBe(EventName);
        Str(listed["Payload"]).ShouldBe(Convert.ToBase64String(Encoding.UTF8.GetBytes("deploy 42")));
    }

    [SkippableFact]
    public async Task List_EventWithoutPayload_PayloadIsNull()
    {
        var id = Str((await FireAsync())["ID"])!;

        var (events, _) = await ListContainingAsync(id);

        var listed = Objects(events).Single(e => Str(e["ID"]) == id);
        listed["Payload"].ShouldBeNull();
    }

    [SkippableFact]
    public async Task List_NameFilter_ReturnsOnlyThatNameOldestFirst()
    {
        using (var other = await PutAsync($"v1/event/fire/{Unique("other")}"))
        {
            await ExpectStatusAsync(other, HttpStatusCode.OK);
        }

        var first = Str((await FireAsync("1"))["ID"])!;
        var second = Str((await FireAsync("2"))["ID"])!;

        var (events, _) = await ListContainingAsync(first, second);

        Objects(events).Select(e => Str(e["Name"])).ShouldAllBe(n => n == EventName);
        Objects(events).Select(e => Str(e["ID"])).ShouldBe([first, second]);
    }

    [SkippableFact]
    public async Task List_Index_IsXorOfLastEventIdHalves()
    {
        await FireAsync("1");
        var last = Str((await FireAsync("2"))["ID"])!;

        var (events, index) = await ListContainingAsync(last);

        Str(events[^1]!["ID"]).ShouldBe(last);
        index.ShouldBe(EventIndex.FromId(last));
    }

    [SkippableFact]
    public async Task List_NoMatchingEvents_ReturnsEmptyArrayWithIndexOne()
    {
        var (events, index) = await ListAsync();

        events.Count.ShouldBe(0);
        index.ShouldBe(1UL);
    }

    [SkippableFact]
    public async Task List_Response_HasNoLeaderHeaders()
    {
        using var response = await GetAsync($"v1/event/list?name={EventName}");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        Header(response, "X-Consul-Index").ShouldNotBeNull();
        Header(response, "X-Consul-KnownLeader").ShouldBeNull();
        Header(response, "X-Consul-LastContact").ShouldBeNull();
    }

    [SkippableFact]
    public async Task List_BlockingOnCurrentIndex_WaitsForTimeoutAndKeepsIndex()
    {
        var id = Str((await FireAsync("1"))["ID"])!;
        var (_, index) = await ListContainingAsync(id);

        var (response, elapsed) = await TimedGetAsync($"v1/event/list?name={EventName}&index={index}&wait=1s");
        using (response)
        {
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            elapsed.ShouldBeGreaterThan(TimeSpan.FromMilliseconds(900));
            elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10));
            IndexOf(response).ShouldBe(index);
        }
    }

    [SkippableFact]
    public async Task List_BlockingOnCurrentIndexWithoutWait_KeepsBlocking()
    {
        var (_, index) = await ListAsync();

        (await StillBlockingAfterAsync($"v1/event/list?name={EventName}&index={index}", TimeSpan.FromSeconds(2)))
            .ShouldBeTrue("without wait an event watch blocks for the 10 min default");
    }

    [SkippableFact]
    public async Task List_BlockingOnLowerIndex_ReturnsAtOnce()
    {
        var id = Str((await FireAsync("1"))["ID"])!;
        var (_, index) = await ListContainingAsync(id);
        var lower = index - 1;

        var (response, elapsed) = await TimedGetAsync($"v1/event/list?name={EventName}&index={lower}&wait=10s");
        using (response)
        {
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5));
            IndexOf(response).ShouldBe(index);
        }
    }

    [SkippableFact]
    public async Task List_BlockingOnEmptyListIndex_ReturnsWhenMatchingEventFires()
    {
        var (_, index) = await ListAsync();
        index.ShouldBe(1UL);

        var watch = TimedGetAsync($"v1/event/list?name={EventName}&index=1&wait=20s");
        await Task.Delay(500);
        var id = Str((await FireAsync("wake"))["ID"])!;
        var (response, elapsed) = await watch;

        using (response)
        {
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(15));
            IndexOf(response).ShouldBe(EventIndex.FromId(id));
            Objects((await ReadJsonAsync(response))!.AsArray()).Select(e => Str(e["ID"])).ShouldContain(id);
        }
    }
}
