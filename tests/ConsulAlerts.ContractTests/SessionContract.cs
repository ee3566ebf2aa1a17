using System.Net;
using ConsulAlerts.ContractTests.Infrastructure;

namespace ConsulAlerts.ContractTests;

public abstract class SessionContract(ConsulAgentFixture agent) : ContractTestBase(agent)
{
    [SkippableFact]
    public async Task Create_EmptyBody_ReturnsIdWithServerDefaults()
    {
        using var response = await PutAsync("v1/session/create");
        var id = Str((await ExpectJsonAsync(response))?["ID"]);
        id.ShouldNotBeNullOrEmpty();
        Guid.TryParse(id, out _).ShouldBeTrue();
        await DestroySessionAsync(id);
    }

    [SkippableFact]
    public async Task Info_SessionWithDefaults_ReportsAgentNodeReleaseBehaviorAnd15sLockDelayInNanoseconds()
    {
        var id = await CreateSessionAsync($$$"""{"Name":"{{{Unique("session")}}}"}""");

        var info = await SessionInfoAsync(id);

        info.Count.ShouldBe(1);
        var session = info[0]!.AsObject();
        Str(session["ID"]).ShouldBe(id);
        Str(session["Name"]).ShouldBe(Unique("session"));
        Str(session["Node"]).ShouldBe(await Agent.NodeNameAsync());
        Str(session["Behavior"]).ShouldBe("release");
        U64(session["LockDelay"]).ShouldBe(15_000_000_000UL);
        (Str(session["TTL"]) ?? string.Empty).ShouldBeEmpty();
        U64(session["CreateIndex"]).ShouldBeGreaterThan(0UL);
    }

    [SkippableFact]
    public async Task Create_LockDelayDurationString_ReportedInNanoseconds()
    {
        var id = await CreateSessionAsync("""{"LockDelay":"2s"}""");

        U64((await SessionInfoAsync(id))[0]!["LockDelay"]).ShouldBe(2_000_000_000UL);
    }

    [SkippableFact]
    public async Task Create_LockDelayNumberBelow1000_TreatedAsSeconds()
    {
        var id = await CreateSessionAsync("""{"LockDelay":5}""");

        U64((await SessionInfoAsync(id))[0]!["LockDelay"]).ShouldBe(5_000_000_000UL);
    }

    [SkippableFact]
    public async Task Create_TtlAndDeleteBehavior_ReportedBack()
    {
        var id = await CreateSessionAsync("""{"TTL":"30s","Behavior":"delete"}""");

        var session = (await SessionInfoAsync(id))[0]!;
        Str(session["Behavior"]).ShouldBe("delete");
        GoDuration.Parse(Str(session["TTL"])!).ShouldBe(TimeSpan.FromSeconds(30));
    }

    [SkippableTheory]
    [InlineData("5s")]
    [InlineData("86401s")]
    public async Task Create_TtlOutOfRange_Returns500(string ttl)
    {
        using var response = await PutJsonAsync("v1/session/create", $$$"""{"TTL":"{{{ttl}}}"}""");

        await ExpectStatusAsync(response, HttpStatusCode.InternalServerError);
    }

    [SkippableFact]
    public async Task Create_MalformedBody_Returns400()
    {
        using var response = await PutJsonAsync("v1/session/create", "{\"TTL\": ");

        await ExpectStatusAsync(response, HttpStatusCode.BadRequest);
    }

    [SkippableFact]
    public async Task Renew_ExistingSession_ReturnsEntryWithTtlAtLeastRequested()
    {
        var id = await CreateSessionAsync("""{"TTL":"10s"}""");

        using var response = await PutAsync($"v1/session/renew/{id}");

        var entries = await ExpectArrayAsync(response);
        entries.Count.ShouldBe(1);
        Str(entries[0]!["ID"]).ShouldBe(id);
        GoDuration.Parse(Str(entries[0]!["TTL"])!).ShouldBeGreaterThanOrEqualTo(TimeSpan.FromSeconds(10));
    }

    [SkippableFact]
    public async Task Renew_UnknownSession_Returns404()
    {
        using var response = await PutAsync($"v1/session/renew/{Guid.NewGuid()}");

        await ExpectStatusAsync(response, HttpStatusCode.NotFound);
    }

    [SkippableFact]
    public async Task Destroy_UnknownSession_Returns200True()
    {
        using var response = await PutAsync($"v1/session/destroy/{Guid.NewGuid()}");

        (await ExpectStatusAsync(response, HttpStatusCode.OK)).Trim().ShouldBe("true");
    }

    [SkippableFact]
    public async Task Info_UnknownSession_Returns200EmptyArray()
    {
        using var response = await GetAsync($"v1/session/info/{Guid.NewGuid()}");

        (await ExpectArrayAsync(response)).Count.ShouldBe(0);
        IndexOf(response).ShouldBeGreaterThan(0UL);
    }

    [SkippableFact]
    public async Task Destroy_ExistingSession_InfoBecomesEmpty()
    {
        var id = await CreateSessionAsync();

        await DestroySessionAsync(id);

        (await SessionInfoAsync(id)).Count.ShouldBe(0);
    }

    [SkippableFact]
    public async Task List_AndNodeList_ContainCreatedSession()
    {
        var id = await CreateSessionAsync();

        using var list = await GetAsync("v1/session/list");
        using var byNode = await GetAsync($"v1/session/node/{await Agent.NodeNameAsync()}");

        Objects(await ExpectArrayAsync(list)).Select(s => Str(s["ID"])).ShouldContain(id);
        Objects(await ExpectArrayAsync(byNode)).Select(s => Str(s["ID"])).ShouldContain(id);
    }

    [SkippableFact]
    public async Task ServiceCheckGoingCritical_InvalidatesSessionAndReleasesLock()
    {
        var service = Unique("svc");
        await RegisterServiceAsync(service, $$$"""{"ID":"{{{service}}}","Name":"{{{service}}}","Check":{"TTL":"60s","Status":"passing"}}""");
        await HealthChecksWhenAsync(service, a => a.Count > 0 && Str(a[0]!["Status"]) == "passing");
        var session = await CreateSessionAsync($$$"""{"LockDelay":"1s","ServiceChecks":[{"ID":"service:{{{service}}}"}]}""");
        (await PutKvAsync(Key("lock"), "held", $"acquire={session}")).ShouldBeTrue();

        using (var fail = await PutAsync($"v1/agent/check/fail/service:{service}"))
        {
            await ExpectStatusAsync(fail, HttpStatusCode.OK);
        }

        var info = await EventuallyAsync(() => SessionInfoAsync(session), a => a.Count == 0);
        info.Count.ShouldBe(0, "a session whose check turns critical is invalidated");
        SessionOf(await GetExistingKvAsync(Key("lock"))).ShouldBeEmpty();
    }

    [SkippableFact]
    public async Task ServiceCheckTtlExpiring_InvalidatesSessionWithoutWaitingForTheSessionTtl()
    {
        var service = Unique("svc");
        await RegisterServiceAsync(service, $$$"""{"ID":"{{{service}}}","Name":"{{{service}}}","Check":{"CheckID":"{{{service}}}-ttl","TTL":"2s","Status":"passing"}}""");
        var session = await CreateSessionAsync($$$"""{"TTL":"60s","LockDelay":"1s","NodeChecks":[],"ServiceChecks":[{"ID":"{{{service}}}-ttl"}]}""");
        (await PutKvAsync(Key("lock"), "held", $"acquire={session}")).ShouldBeTrue();
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var info = await EventuallyAsync(() => SessionInfoAsync(session), a => a.Count == 0, TimeSpan.FromSeconds(20));

        info.Count.ShouldBe(0, "the check's TTL ran out, so the session ends");
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(15), "the session's own TTL (60 s) must not be what ended it");
        SessionOf(await GetExistingKvAsync(Key("lock"))).ShouldBeEmpty();
    }

    [SkippableFact]
    public async Task Create_OnACriticalServiceCheck_Returns500NamingTheCheck()
    {
        var service = Unique("svc");
        await RegisterServiceAsync(service, $$$"""{"ID":"{{{service}}}","Name":"{{{service}}}","Check":{"CheckID":"{{{service}}}-ttl","TTL":"60s"}}""");

        using var response = await PutJsonAsync("v1/session/create", $$$"""{"ServiceChecks":[{"ID":"{{{service}}}-ttl"}]}""");

        var body = await ExpectStatusAsync(response, HttpStatusCode.InternalServerError);
        body.ShouldContain($"Check '{service}-ttl' is in critical state");
    }

    [SkippableFact]
    public async Task Destroy_ReleaseBehavior_ReleasesHeldKeyAndKeepsIt()
    {
        var id = await CreateSessionAsync("""{"LockDelay":"1s"}""");
        await PutKvAsync(Key("lock"), "held", $"acquire={id}");

        await DestroySessionAsync(id);

        var entry = await GetExistingKvAsync(Key("lock"));
        SessionOf(entry).ShouldBeEmpty();
        ValueOf(entry).ShouldBe("held");
        U64(entry["LockIndex"]).ShouldBe(1UL);
    }

    [SkippableFact]
    public async Task Destroy_DeleteBehavior_DeletesHeldKeysOnly()
    {
        var id = await CreateSessionAsync("""{"Behavior":"delete","LockDelay":"1s"}""");
        await PutKvAsync(Key("held"), "x", $"acquire={id}");
        await PutKvAsync(Key("free"), "y");

        await DestroySessionAsync(id);

        (await GetKvAsync(Key("held"))).ShouldBeNull();
        (await GetKvAsync(Key("free"))).ShouldNotBeNull();
    }
}
