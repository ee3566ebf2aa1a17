using System.Net;
using ConsulAlerts.ContractTests.Infrastructure;

namespace ConsulAlerts.ContractTests;

public abstract class SessionTtlContract(ConsulAgentFixture agent) : ContractTestBase(agent)
{
    [SkippableFact]
    public async Task Ttl_NotRenewed_InvalidatesSessionAndReleasesItsLock()
    {
        var id = await CreateSessionAsync("""{"TTL":"10s","LockDelay":"1s"}""");
        (await PutKvAsync(Key("lock"), "held", $"acquire={id}")).ShouldBeTrue();

        var info = await EventuallyAsync(() => SessionInfoAsync(id), a => a.Count == 0, TimeSpan.FromSeconds(35));

        info.Count.ShouldBe(0, "a 10 s TTL session must be invalidated within 2×TTL");
        SessionOf(await GetExistingKvAsync(Key("lock"))).ShouldBeEmpty();
        using var renew = await PutAsync($"v1/session/renew/{id}");
        await ExpectStatusAsync(renew, HttpStatusCode.NotFound);
    }

    [SkippableFact]
    public async Task Ttl_NotRenewed_LockDelayHoldsOffTheNextAcquirer()
    {
        var expiring = await CreateSessionAsync("""{"TTL":"10s","LockDelay":"5s"}""");
        var contender = await CreateSessionAsync();
        (await PutKvAsync(Key("lock"), "held", $"acquire={expiring}")).ShouldBeTrue();

        var info = await EventuallyAsync(() => SessionInfoAsync(expiring), a => a.Count == 0, TimeSpan.FromSeconds(35));
        var sinceInvalidated = System.Diagnostics.Stopwatch.StartNew();
        info.Count.ShouldBe(0, "a 10 s TTL session must be invalidated within 2×TTL");

        var duringDelay = await PutKvAsync(Key("lock"), "contender", $"acquire={contender}");
        if (sinceInvalidated.Elapsed < TimeSpan.FromSeconds(4))
        {
            duringDelay.ShouldBeFalse("an invalidated session's lock-delay applies to expiry as to destroy");
        }

        var acquired = await EventuallyAsync(
            () => PutKvAsync(Key("lock"), "contender", $"acquire={contender}"),
            ok => ok,
            TimeSpan.FromSeconds(15));
        acquired.ShouldBeTrue("acquire must succeed once the 5 s lock-delay has passed");
        SessionOf(await GetExistingKvAsync(Key("lock"))).ShouldBe(contender);
    }
}
