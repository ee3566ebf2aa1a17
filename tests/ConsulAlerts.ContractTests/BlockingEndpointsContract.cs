using System.Net;
using ConsulAlerts.ContractTests.Infrastructure;

namespace ConsulAlerts.ContractTests;

/// <summary>Blocking on the endpoints the daemon watches, and what does and does not wake each of them.</summary>
public abstract class BlockingEndpointsContract(ConsulAgentFixture agent) : ContractTestBase(agent)
{
    private static readonly TimeSpan Prompt = TimeSpan.FromSeconds(8);

    [SkippableFact]
    public async Task HealthStateAny_KvWriteDuringWait_DoesNotWake()
    {
        using var first = await GetAsync("v1/health/state/any");
        await ExpectArrayAsync(first);
        var index = IndexOf(first);

        var watch = TimedGetAsync($"v1/health/state/any?index={index}&wait=2s");
        await Task.Delay(300);
        await PutKvAsync(Key("noise"), "x");
        var (response, elapsed) = await watch;

        using (response)
        {
            // Nothing in the health tables changed: the watch ran to its wait and kept its index.
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            IndexOf(response).ShouldBe(index);
            elapsed.ShouldBeGreaterThan(TimeSpan.FromMilliseconds(1800));
        }
    }

    [SkippableFact]
    public async Task HealthStateCritical_CheckFailsDuringWait_Returns()
    {
        var service = Unique("svc");
        await RegisterServiceAsync(service, $$$"""{"ID":"{{{service}}}","Name":"{{{service}}}","Check":{"TTL":"60s","Status":"passing"}}""");
        await HealthChecksWhenAsync(service, a => a.Count > 0);
        using var first = await GetAsync("v1/health/state/critical");
        await ExpectArrayAsync(first);
        var index = IndexOf(first);

        var watch = TimedGetAsync($"v1/health/state/critical?index={index}&wait=20s");
        await Task.Delay(300);
        using (var fail = await PutAsync($"v1/agent/check/fail/service:{service}?note=down"))
        {
            await ExpectStatusAsync(fail, HttpStatusCode.OK);
        }

        var (response, elapsed) = await watch;
        using (response)
        {
            elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(15));
            IndexOf(response).ShouldBeGreaterThan(index);
        }
    }

    [SkippableFact]
    public async Task KvRecurse_KeyDeletedDuringWait_ReturnsWithHigherIndex()
    {
        await PutKvAsync(Key("dir/a"), "1");
        await PutKvAsync(Key("dir/b"), "2");
        using var first = await GetAsync($"v1/kv/{Key("dir/")}?recurse");
        await ExpectArrayAsync(first);
        var index = IndexOf(first);

        var watch = TimedGetAsync($"v1/kv/{Key("dir/")}?recurse&index={index}&wait=20s");
        await Task.Delay(300);
        using (var deleted = await DeleteAsync($"v1/kv/{Key("dir/b")}"))
        {
            await ExpectStatusAsync(deleted, HttpStatusCode.OK);
        }

        var (response, elapsed) = await watch;
        using (response)
        {
            elapsed.ShouldBeLessThan(Prompt);
            IndexOf(response).ShouldBeGreaterThan(index);
            (await ExpectArrayAsync(response)).Count.ShouldBe(1);
        }
    }

    [SkippableFact]
    public async Task KvRecurse_EmptyPrefixFilledDuringWait_Returns200()
    {
        using var first = await GetAsync($"v1/kv/{Key("later/")}?recurse");
        await ExpectStatusAsync(first, HttpStatusCode.NotFound);
        var index = IndexOf(first);

        var watch = TimedGetAsync($"v1/kv/{Key("later/")}?recurse&index={index}&wait=20s");
        await Task.Delay(300);
        await PutKvAsync(Key("later/a"), "1");
        var (response, elapsed) = await watch;

        using (response)
        {
            elapsed.ShouldBeLessThan(Prompt);
            (await ExpectArrayAsync(response)).Count.ShouldBe(1);
        }
    }

    [SkippableFact]
    public async Task SessionList_SessionCreatedDuringWait_Returns()
    {
        using var first = await GetAsync("v1/session/list");
        await ExpectArrayAsync(first);
        var index = IndexOf(first);

        var watch = TimedGetAsync($"v1/session/list?index={index}&wait=20s");
        await Task.Delay(300);
        var session = await CreateSessionAsync();
        var (response, elapsed) = await watch;

        using (response)
        {
            elapsed.ShouldBeLessThan(Prompt);
            IndexOf(response).ShouldBeGreaterThan(index);
        }

        // Other tests may create sessions too: the one created here is listed once the index moved past it.
        var listed = await EventuallyAsync(
            async () =>
            {
                using var list = await GetAsync("v1/session/list");
                return Objects(await ExpectArrayAsync(list)).Select(s => Str(s["ID"])).ToList();
            },
            ids => ids.Contains(session));
        listed.ShouldContain(session);
    }

    [SkippableFact]
    public async Task KvGet_LockAcquiredDuringWait_ReturnsWithSession()
    {
        // How a standby daemon learns that the leader lock changed hands.
        await PutKvAsync(Key("lock"), "free");
        using var first = await GetAsync($"v1/kv/{Key("lock")}");
        await ExpectArrayAsync(first);
        var index = IndexOf(first);
        var session = await CreateSessionAsync();

        var watch = TimedGetAsync($"v1/kv/{Key("lock")}?consistent&index={index}&wait=20s");
        await Task.Delay(300);
        (await PutKvAsync(Key("lock"), "held", $"acquire={session}")).ShouldBeTrue();
        var (response, elapsed) = await watch;

        using (response)
        {
            elapsed.ShouldBeLessThan(Prompt);
            SessionOf((await ExpectArrayAsync(response))[0]!.AsObject()).ShouldBe(session);
        }
    }

    [SkippableFact]
    public async Task EventList_OtherEventNameFiredDuringWait_KeepsBlockingOnFilteredIndex()
    {
        var name = Unique("event");
        using var first = await GetAsync($"v1/event/list?name={name}");
        await ExpectArrayAsync(first);
        var index = IndexOf(first);

        var watch = TimedGetAsync($"v1/event/list?name={name}&index={index}&wait=2s");
        await Task.Delay(300);
        using (var other = await PutAsync($"v1/event/fire/{Unique("other")}"))
        {
            await ExpectStatusAsync(other, HttpStatusCode.OK);
        }

        var (response, _) = await watch;
        using (response)
        {
            (await ExpectArrayAsync(response)).Count.ShouldBe(0);
            IndexOf(response).ShouldBe(index, "an event of another name leaves the filtered list, and so its index, alone");
        }
    }
}
