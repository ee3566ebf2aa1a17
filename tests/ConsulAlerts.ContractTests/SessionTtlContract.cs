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
}
