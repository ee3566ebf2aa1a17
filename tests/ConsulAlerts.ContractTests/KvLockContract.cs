using System.Diagnostics;
using System.Net;
using ConsulAlerts.ContractTests.Infrastructure;

namespace ConsulAlerts.ContractTests;

public abstract class KvLockContract(ConsulAgentFixture agent) : ContractTestBase(agent)
{
    [SkippableFact]
    public async Task Acquire_FreeKey_ReturnsTrueSetsSessionAndLockIndex()
    {
        var session = await CreateSessionAsync();

        (await PutKvAsync(Key("lock"), "me", $"acquire={session}")).ShouldBeTrue();

        var entry = await GetExistingKvAsync(Key("lock"));
        SessionOf(entry).ShouldBe(session);
        U64(entry["LockIndex"]).ShouldBe(1UL);
    }

    [SkippableFact]
    public async Task Acquire_AgainBySameSession_ReturnsTrueWithoutIncrementingLockIndex()
    {
        var session = await CreateSessionAsync();
        await PutKvAsync(Key("lock"), "me", $"acquire={session}");

        (await PutKvAsync(Key("lock"), "me", $"acquire={session}")).ShouldBeTrue();

        var entry = await GetExistingKvAsync(Key("lock"));
        SessionOf(entry).ShouldBe(session);
        U64(entry["LockIndex"]).ShouldBe(1UL);
    }

    [SkippableFact]
    public async Task Acquire_HeldByOtherSession_ReturnsFalseAndKeepsHolder()
    {
        var holder = await CreateSessionAsync();
        var other = await CreateSessionAsync();
        await PutKvAsync(Key("lock"), "holder", $"acquire={holder}");

        (await PutKvAsync(Key("lock"), "other", $"acquire={other}")).ShouldBeFalse();

        var entry = await GetExistingKvAsync(Key("lock"));
        SessionOf(entry).ShouldBe(holder);
        ValueOf(entry).ShouldBe("holder");
        U64(entry["LockIndex"]).ShouldBe(1UL);
    }

    [SkippableFact]
    public async Task Acquire_UnknownSession_Returns500InvalidSession()
    {
        var unknown = Guid.NewGuid().ToString();

        using var response = await PutAsync($"v1/kv/{Key("lock")}?acquire={unknown}", Text("v"));

        (await ExpectStatusAsync(response, HttpStatusCode.InternalServerError)).ShouldContain("invalid session");
        (await GetKvAsync(Key("lock"))).ShouldBeNull();
    }

    [SkippableFact]
    public async Task Acquire_ExistingKey_OverwritesValueAndFlags()
    {
        var session = await CreateSessionAsync();
        await PutKvAsync(Key("lock"), "original", "flags=7");

        await PutKvAsync(Key("lock"), "acquired", $"acquire={session}&flags=9");

        var entry = await GetExistingKvAsync(Key("lock"));
        ValueOf(entry).ShouldBe("acquired");
        U64(entry["Flags"]).ShouldBe(9UL);
    }

    [SkippableFact]
    public async Task Release_ByHolder_ClearsSessionKeepsLockIndexAndOverwritesValueAndFlags()
    {
        var session = await CreateSessionAsync();
        await PutKvAsync(Key("lock"), "held", $"acquire={session}&flags=9");

        (await PutKvAsync(Key("lock"), "released", $"release={session}")).ShouldBeTrue();

        var entry = await GetExistingKvAsync(Key("lock"));
        SessionOf(entry).ShouldBeEmpty();
        U64(entry["LockIndex"]).ShouldBe(1UL);
        ValueOf(entry).ShouldBe("released");
        U64(entry["Flags"]).ShouldBe(0UL);
    }

    [SkippableFact]
    public async Task Release_ByNonHolder_ReturnsFalseAndKeepsLock()
    {
        var holder = await CreateSessionAsync();
        var other = await CreateSessionAsync();
        await PutKvAsync(Key("lock"), "held", $"acquire={holder}");

        (await PutKvAsync(Key("lock"), "x", $"release={other}")).ShouldBeFalse();

        var entry = await GetExistingKvAsync(Key("lock"));
        SessionOf(entry).ShouldBe(holder);
        ValueOf(entry).ShouldBe("held");
    }

    [SkippableFact]
    public async Task Acquire_AfterVoluntaryRelease_SucceedsAtOnceAndIncrementsLockIndex()
    {
        var first = await CreateSessionAsync("""{"LockDelay":"15s"}""");
        var second = await CreateSessionAsync();
        await PutKvAsync(Key("lock"), "first", $"acquire={first}");
        await PutKvAsync(Key("lock"), "first", $"release={first}");

        (await PutKvAsync(Key("lock"), "second", $"acquire={second}")).ShouldBeTrue();

        var entry = await GetExistingKvAsync(Key("lock"));
        SessionOf(entry).ShouldBe(second);
        U64(entry["LockIndex"]).ShouldBe(2UL);
    }

    [SkippableFact]
    public async Task PlainPut_WhileLockedByOtherSession_SucceedsAndKeepsLock()
    {
        var holder = await CreateSessionAsync();
        await PutKvAsync(Key("lock"), "held", $"acquire={holder}");

        (await PutKvAsync(Key("lock"), "overwritten")).ShouldBeTrue();

        var entry = await GetExistingKvAsync(Key("lock"));
        ValueOf(entry).ShouldBe("overwritten");
        SessionOf(entry).ShouldBe(holder);
    }

    [SkippableFact]
    public async Task Acquire_AfterHolderDestroyed_ReturnsFalseUntilLockDelayPasses()
    {
        var holder = await CreateSessionAsync("""{"LockDelay":"3s"}""");
        var contender = await CreateSessionAsync();
        await PutKvAsync(Key("lock"), "held", $"acquire={holder}");
        await DestroySessionAsync(holder);
        var sinceDestroy = Stopwatch.StartNew();

        var duringDelay = await PutKvAsync(Key("lock"), "contender", $"acquire={contender}");
        var elapsedAtFirstTry = sinceDestroy.Elapsed;

        var entry = await GetExistingKvAsync(Key("lock"));
        if (elapsedAtFirstTry < TimeSpan.FromSeconds(2.5))
        {
            duringDelay.ShouldBeFalse("acquire within the lock-delay must fail");
            SessionOf(entry).ShouldBeEmpty("the destroyed holder's lock is released, not handed over");
        }

        var acquired = await EventuallyAsync(
            () => PutKvAsync(Key("lock"), "contender", $"acquire={contender}"),
            ok => ok,
            TimeSpan.FromSeconds(15));
        acquired.ShouldBeTrue("acquire must succeed once the 3 s lock-delay has passed");
        sinceDestroy.Elapsed.ShouldBeGreaterThan(TimeSpan.FromSeconds(2.5));
        SessionOf(await GetExistingKvAsync(Key("lock"))).ShouldBe(contender);
    }

    [SkippableFact]
    public async Task Acquire_AfterHolderWithZeroLockDelayDestroyed_SucceedsAtOnce()
    {
        var holder = await CreateSessionAsync("""{"LockDelay":"0s"}""");
        var contender = await CreateSessionAsync();
        await PutKvAsync(Key("lock"), "held", $"acquire={holder}");
        await DestroySessionAsync(holder);

        (await PutKvAsync(Key("lock"), "contender", $"acquire={contender}")).ShouldBeTrue();

        SessionOf(await GetExistingKvAsync(Key("lock"))).ShouldBe(contender);
    }

    [SkippableFact]
    public async Task Acquire_EmptySession_Returns500MissingSession()
    {
        using var response = await PutAsync($"v1/kv/{Key("lock")}?acquire=", Text("v"));

        (await ExpectStatusAsync(response, HttpStatusCode.InternalServerError)).ShouldEndWith("missing session");
        (await GetKvAsync(Key("lock"))).ShouldBeNull();
    }

    [SkippableFact]
    public async Task Acquire_WithFlags_KeepsLockFlagValue()
    {
        // The Go client's lock marks its key with this flag value; the daemon's lock key carries it too.
        const ulong lockFlagValue = 0x2ddccbc058a50c18;
        var session = await CreateSessionAsync();

        (await PutKvAsync(Key("lock"), "me", $"acquire={session}&flags={lockFlagValue}")).ShouldBeTrue();

        U64((await GetExistingKvAsync(Key("lock")))["Flags"]).ShouldBe(lockFlagValue);
    }

    [SkippableFact]
    public async Task Release_ThenDestroy_LeavesNoLockDelay()
    {
        var holder = await CreateSessionAsync("""{"LockDelay":"15s"}""");
        var contender = await CreateSessionAsync();
        await PutKvAsync(Key("lock"), "held", $"acquire={holder}");
        await PutKvAsync(Key("lock"), "held", $"release={holder}");
        await DestroySessionAsync(holder);

        (await PutKvAsync(Key("lock"), "contender", $"acquire={contender}")).ShouldBeTrue(
            "a key released before its session ends is not held, so no lock-delay applies to it");
    }
}
