using System.Net;
using ConsulAlerts.ContractTests.Infrastructure;

namespace ConsulAlerts.ContractTests;

public abstract class BlockingQueryContract(ConsulAgentFixture agent) : ContractTestBase(agent)
{
    /// <summary>Upper bound for "returns promptly" on a loaded machine, far below the waits used.</summary>
    private static readonly TimeSpan Prompt = TimeSpan.FromSeconds(8);

    private async Task<ulong> IndexOfKeyAsync(string key)
    {
        using var response = await GetAsync($"v1/kv/{key}");
        await response.Content.LoadIntoBufferAsync();
        return IndexOf(response);
    }

    [SkippableFact]
    public async Task KvGet_WriteToKeyDuringWait_ReturnsAfterWriteWithHigherIndex()
    {
        await PutKvAsync(Key("watched"), "v1");
        var index = await IndexOfKeyAsync(Key("watched"));

        var watch = TimedGetAsync($"v1/kv/{Key("watched")}?index={index}&wait=20s");
        await Task.Delay(500);
        watch.IsCompleted.ShouldBeFalse("a blocking query must not return before the write");
        await PutKvAsync(Key("watched"), "v2");
        var (response, elapsed) = await watch;

        using (response)
        {
            elapsed.ShouldBeLessThan(Prompt);
            IndexOf(response).ShouldBeGreaterThan(index);
            var entry = (await ExpectArrayAsync(response))[0]!.AsObject();
            ValueOf(entry).ShouldBe("v2");
        }
    }

    [SkippableFact]
    public async Task KvGet_NoChange_ReturnsAfterWaitWithSameIndex()
    {
        await PutKvAsync(Key("watched"), "v1");
        var index = await IndexOfKeyAsync(Key("watched"));

        var (response, elapsed) = await TimedGetAsync($"v1/kv/{Key("watched")}?index={index}&wait=1s");

        using (response)
        {
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            elapsed.ShouldBeGreaterThan(TimeSpan.FromMilliseconds(900));
            elapsed.ShouldBeLessThan(Prompt);
            IndexOf(response).ShouldBe(index);
        }
    }

    [SkippableFact]
    public async Task KvGet_WriteToUnrelatedKey_DoesNotWakeSingleKeyWatch()
    {
        await PutKvAsync(Key("watched"), "v1");
        var index = await IndexOfKeyAsync(Key("watched"));

        var watch = TimedGetAsync($"v1/kv/{Key("watched")}?index={index}&wait=2s");
        await Task.Delay(300);
        await PutKvAsync(Key("elsewhere/x"), "noise");
        var (response, elapsed) = await watch;

        using (response)
        {
            elapsed.ShouldBeGreaterThan(TimeSpan.FromMilliseconds(1800));
            IndexOf(response).ShouldBe(index);
        }
    }

    [SkippableFact]
    public async Task KvGet_MissingKeyCreatedDuringWait_Returns200WithEntry()
    {
        using var missing = await GetAsync($"v1/kv/{Key("later")}");
        await ExpectStatusAsync(missing, HttpStatusCode.NotFound);
        var index = IndexOf(missing);

        var watch = TimedGetAsync($"v1/kv/{Key("later")}?index={index}&wait=20s");
        await Task.Delay(300);
        await PutKvAsync(Key("later"), "created");
        var (response, elapsed) = await watch;

        using (response)
        {
            elapsed.ShouldBeLessThan(Prompt);
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            ValueOf((await ExpectArrayAsync(response))[0]!.AsObject()).ShouldBe("created");
            IndexOf(response).ShouldBeGreaterThan(index);
        }
    }

    [SkippableFact]
    public async Task KvGet_KeyDeletedDuringWait_Returns404WithHigherIndex()
    {
        await PutKvAsync(Key("doomed"), "v1");
        var index = await IndexOfKeyAsync(Key("doomed"));

        var watch = TimedGetAsync($"v1/kv/{Key("doomed")}?index={index}&wait=20s");
        await Task.Delay(300);
        using (var deleted = await DeleteAsync($"v1/kv/{Key("doomed")}"))
        {
            await ExpectStatusAsync(deleted, HttpStatusCode.OK);
        }

        var (response, elapsed) = await watch;

        using (response)
        {
            elapsed.ShouldBeLessThan(Prompt);
            response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
            IndexOf(response).ShouldBeGreaterThan(index);
        }
    }

    [SkippableFact]
    public async Task KvGet_IndexZero_DoesNotBlock()
    {
        await PutKvAsync(Key("a"), "v1");

        var (response, elapsed) = await TimedGetAsync($"v1/kv/{Key("a")}?index=0&wait=20s");

        using (response)
        {
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            elapsed.ShouldBeLessThan(Prompt);
        }
    }

    [SkippableFact]
    public async Task KvGet_IndexBelowCurrent_ReturnsAtOnce()
    {
        await PutKvAsync(Key("a"), "v1");
        var index = await IndexOfKeyAsync(Key("a"));

        var (response, elapsed) = await TimedGetAsync($"v1/kv/{Key("a")}?index={index - 1}&wait=20s");

        using (response)
        {
            elapsed.ShouldBeLessThan(Prompt);
            IndexOf(response).ShouldBe(index);
        }
    }

    [SkippableFact]
    public async Task KvRecurse_WriteUnderPrefixDuringWait_Returns()
    {
        await PutKvAsync(Key("dir/a"), "1");
        using var first = await GetAsync($"v1/kv/{Key("dir/")}?recurse");
        await ExpectArrayAsync(first);
        var index = IndexOf(first);

        var watch = TimedGetAsync($"v1/kv/{Key("dir/")}?recurse&index={index}&wait=20s");
        await Task.Delay(300);
        await PutKvAsync(Key("dir/b"), "2");
        var (response, elapsed) = await watch;

        using (response)
        {
            elapsed.ShouldBeLessThan(Prompt);
            IndexOf(response).ShouldBeGreaterThan(index);
            (await ExpectArrayAsync(response)).Count.ShouldBe(2);
        }
    }

    [SkippableFact]
    public async Task HealthChecks_StatusChangeDuringWait_Returns()
    {
        var service = await RegisterTtlServiceAsync();
        await HealthChecksWhenAsync(service, a => a.Count > 0);
        using var first = await GetAsync($"v1/health/checks/{service}");
        await ExpectArrayAsync(first);
        var index = IndexOf(first);

        var watch = TimedGetAsync($"v1/health/checks/{service}?index={index}&wait=20s");
        await Task.Delay(300);
        using (var pass = await PutAsync($"v1/agent/check/pass/service:{service}"))
        {
            await ExpectStatusAsync(pass, HttpStatusCode.OK);
        }

        var (response, elapsed) = await watch;

        using (response)
        {
            elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(15));
            IndexOf(response).ShouldBeGreaterThan(index);
            Str((await ExpectArrayAsync(response))[0]!["Status"]).ShouldBe("passing");
        }
    }

    [SkippableFact]
    public async Task SessionInfo_DestroyDuringWait_ReturnsEmptyArray()
    {
        var session = await CreateSessionAsync();
        using var first = await GetAsync($"v1/session/info/{session}");
        (await ExpectArrayAsync(first)).Count.ShouldBe(1);
        var index = IndexOf(first);

        var watch = TimedGetAsync($"v1/session/info/{session}?index={index}&wait=20s");
        await Task.Delay(300);
        await DestroySessionAsync(session);
        var (response, elapsed) = await watch;

        using (response)
        {
            elapsed.ShouldBeLessThan(Prompt);
            IndexOf(response).ShouldBeGreaterThan(index);
            (await ExpectArrayAsync(response)).Count.ShouldBe(0);
        }
    }

    [SkippableFact]
    public async Task HealthService_CachedAndConsistent_Returns400()
    {
        using var response = await GetAsync($"v1/health/service/{Unique("svc")}?cached&consistent");

        await ExpectStatusAsync(response, HttpStatusCode.BadRequest);
    }

    [SkippableFact]
    public async Task KvGet_IndexWithoutWait_BlocksForDefaultQueryTime()
    {
        await PutKvAsync(Key("a"), "v1");
        var index = await IndexOfKeyAsync(Key("a"));

        (await StillBlockingAfterAsync($"v1/kv/{Key("a")}?index={index}", TimeSpan.FromSeconds(2)))
            .ShouldBeTrue("without wait the server blocks for default_query_time (5 min)");
    }

    [SkippableFact]
    public async Task KvGet_WaitOfZero_UsesDefaultQueryTime()
    {
        await PutKvAsync(Key("a"), "v1");
        var index = await IndexOfKeyAsync(Key("a"));

        (await StillBlockingAfterAsync($"v1/kv/{Key("a")}?index={index}&wait=0s", TimeSpan.FromSeconds(2)))
            .ShouldBeTrue("a wait of 0 means default_query_time, not 'do not block'");
    }

    [SkippableFact]
    public async Task HealthStateAny_WatchLoop_DeliversCheckStatusChange()
    {
        var service = await RegisterTtlServiceAsync();
        var checkId = $"service:{service}";
        await HealthChecksWhenAsync(service, a => a.Count > 0);
        using var first = await GetAsync("v1/health/state/any");
        await ExpectArrayAsync(first);
        var index = IndexOf(first);
        var pass = Task.Run(async () =>
        {
            await Task.Delay(300);
            using var response = await PutAsync($"v1/agent/check/pass/{checkId}?note=watched");
            await ExpectStatusAsync(response, HttpStatusCode.OK);
        });

        // Other writers may wake the watch first; a client loops on the returned index until it sees the change.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        string? status = null;
        while (status != "passing" && DateTime.UtcNow < deadline)
        {
            using var response = await GetAsync($"v1/health/state/any?index={index}&wait=5s");
            var checks = await ExpectArrayAsync(response);
            var next = IndexOf(response);
            next.ShouldBeGreaterThanOrEqualTo(index);
            index = next;
            status = Str(Objects(checks).SingleOrDefault(c => Str(c["CheckID"]) == checkId)?["Status"]);
        }

        await pass;
        status.ShouldBe("passing");
    }

    [SkippableFact]
    public async Task Get_NonNumericIndex_Returns400InvalidIndex()
    {
        using var response = await GetAsync($"v1/kv/{Key("a")}?index=abc");

        (await ExpectStatusAsync(response, HttpStatusCode.BadRequest)).ShouldContain("Invalid index");
    }

    [SkippableFact]
    public async Task Get_WaitWithoutUnit_Returns400InvalidWaitTime()
    {
        using var response = await GetAsync($"v1/kv/{Key("a")}?index=1&wait=60");

        (await ExpectStatusAsync(response, HttpStatusCode.BadRequest)).ShouldContain("Invalid wait time");
    }

    [SkippableFact]
    public async Task Get_StaleAndConsistent_Returns400()
    {
        using var response = await GetAsync($"v1/kv/{Key("a")}?stale&consistent");

        await ExpectStatusAsync(response, HttpStatusCode.BadRequest);
    }

    [SkippableFact]
    public async Task Get_StaleFlag_IsAcceptedAndReturnsKey()
    {
        await PutKvAsync(Key("a"), "v1");

        var entry = await GetKvAsync(Key("a"), "stale");

        entry.ShouldNotBeNull();
        ValueOf(entry).ShouldBe("v1");
    }
}
