using ConsulAlerts.Consul;
using ConsulAlerts.Consul.Http;
using ConsulAlerts.DevAgent;
using ConsulAlerts.Hosting;
using ConsulAlerts.Silences;
using Microsoft.Extensions.Logging.Abstractions;

namespace ConsulAlerts.Tests.Silences;

/// <summary>The writer against the dev agent over real HTTP on 127.0.0.1, on a virtual clock.</summary>
#pragma warning disable CA1001 // disposed in DisposeAsync (IAsyncLifetime)
public sealed class SilenceWriterTests : IAsyncLifetime
#pragma warning restore CA1001
{
    private const string Prefix = "team-a/alerts";
    private readonly FakeTimeProvider _time = new(SilenceSamples.Start);
    private readonly SilenceStore _store = new();
    private readonly InterferingConsulHandler _handler = new();
    private DevAgentServer _agent = null!;
    private ConsulClient _client = null!;
    private ConsulClient _other = null!;
    private SilenceWriter _writer = null!;

    private static SilenceRequest Request => new()
    {
        Matchers = [new SilenceMatcher { Name = "node", Value = "web-1" }],
        EndsAt = "2026-03-01T13:00:00Z",
        CreatedBy = "ops",
        Comment = "deploy",
    };

    public async Task InitializeAsync()
    {
        _agent = await DevAgentServer.StartAsync();
        var options = new ConsulClientOptions { Address = _agent.Address.ToString() };
        _client = new ConsulClient(new HttpClient(_handler) { Timeout = Timeout.InfiniteTimeSpan }, options);
        _other = ConsulClient.Create(options);
        _writer = new SilenceWriter(_client, new ConsulAlertsOptions { KvPrefix = Prefix }, _store, _time, NullLogger<SilenceWriter>.Instance);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        _store.Dispose();
        _other.Dispose();
        _handler.Dispose();
        await _agent.DisposeAsync();
    }

    [Fact]
    public async Task CreateAsync_Valid_StoredUnderItsIdAndShownAtOnce()
    {
        var outcome = await _writer.CreateAsync(Request, CancellationToken.None);

        outcome.Result.ShouldBe(SilenceWriteResult.Done);
        var id = outcome.Silence!.Id;
        var pair = (await _other.Kv.GetAsync($"{Prefix}/silences/{id}")).Value!;
        var stored = SilenceCodec.Decode(pair.Value, id).Silence!;
        stored.CreatedBy.ShouldBe("ops");
        stored.StartsAt.ShouldBe(SilenceSamples.Start);
        _store.TryGet(id, out var shown).ShouldBeTrue("the writer's own write is read back before the watcher sees it");
        shown.ModifyIndex.ShouldBe(pair.ModifyIndex);
    }

    [Fact]
    public async Task CreateAsync_Invalid_WritesNothing()
    {
        var outcome = await _writer.CreateAsync(Request with { Comment = null, Matchers = [new SilenceMatcher { Name = "foo", Value = "x" }] }, CancellationToken.None);

        outcome.Result.ShouldBe(SilenceWriteResult.Invalid);
        outcome.Errors.Count.ShouldBe(2);
        (await _other.Kv.ListAsync(Prefix + "/")).Value.ShouldBeEmpty();
        _agent.Requests.Count("PUT", "/v1/kv/").ShouldBe(0);
    }

    [Fact]
    public async Task ExpireAsync_Active_EndsNowAndKeepsTheRecord()
    {
        var id = (await _writer.CreateAsync(Request, CancellationToken.None)).Silence!.Id;
        _time.Advance(TimeSpan.FromMinutes(10));

        var outcome = await _writer.ExpireAsync(id, CancellationToken.None);

        outcome.Result.ShouldBe(SilenceWriteResult.Done);
        var stored = await ReadAsync(id);
        stored.EndsAt.ShouldBe(SilenceSamples.Start.AddMinutes(10));
        stored.StartsAt.ShouldBe(SilenceSamples.Start);
        stored.StatusAt(_time.GetUtcNow()).ShouldBe(SilenceStatus.Expired);
    }

    [Fact]
    public async Task ExpireAsync_Pending_StartsAndEndsNow()
    {
        var id = (await _writer.CreateAsync(Request with { StartsAt = "2026-03-01T12:30:00Z" }, CancellationToken.None)).Silence!.Id;

        await _writer.ExpireAsync(id, CancellationToken.None);

        var stored = await ReadAsync(id);
        stored.StartsAt.ShouldBe(SilenceSamples.Start);
        stored.EndsAt.ShouldBe(SilenceSamples.Start);
    }

    [Fact]
    public async Task ExpireAsync_AlreadyExpired_WritesNothing()
    {
        var id = (await _writer.CreateAsync(Request, CancellationToken.None)).Silence!.Id;
        await _writer.ExpireAsync(id, CancellationToken.None);
        var before = (await _other.Kv.GetAsync($"{Prefix}/silences/{id}")).Value!.ModifyIndex;

        (await _writer.ExpireAsync(id, CancellationToken.None)).Result.ShouldBe(SilenceWriteResult.Done);

        (await _other.Kv.GetAsync($"{Prefix}/silences/{id}")).Value!.ModifyIndex.ShouldBe(before);
    }

    [Theory]
    [InlineData("0123abcd-4567-89ab-cdef-0123456789ab")]
    [InlineData("not-an-id")]
    public async Task ExpireAsync_Unknown_NotFound(string id)
    {
        (await _writer.ExpireAsync(id, CancellationToken.None)).Result.ShouldBe(SilenceWriteResult.NotFound);
    }

    [Fact]
    public async Task ExpireAsync_AnotherWriterChangesItFirst_ReReadsAndKeepsTheirChange()
    {
        var id = (await _writer.CreateAsync(Request, CancellationToken.None)).Silence!.Id;
        var key = $"{Prefix}/silences/{id}";
        _handler.InterfereWhen = r => r.Method == HttpMethod.Put && r.RequestUri!.Query.Contains("cas=", StringComparison.Ordinal);
        _handler.Interference = async () =>
        {
            var theirs = await ReadAsync(id) with { Comment = "edited elsewhere" };
            (await _other.Kv.PutAsync(key, SilenceCodec.Encode(theirs))).ShouldBeTrue();
        };
        _time.Advance(TimeSpan.FromMinutes(5));

        var outcome = await _writer.ExpireAsync(id, CancellationToken.None);

        outcome.Result.ShouldBe(SilenceWriteResult.Done);
        _handler.Done.ShouldBe(1);
        _agent.Requests.Count("PUT", "/v1/kv/" + key).ShouldBe(4, "the create, the other writer's edit, the expiry that lost its CAS, and the retry");
        var stored = await ReadAsync(id);
        stored.Comment.ShouldBe("edited elsewhere");
        stored.EndsAt.ShouldBe(SilenceSamples.Start.AddMinutes(5));
    }

    [Fact]
    public async Task ExpireAsync_EveryAttemptLoses_ConflictAndTheirChangeStands()
    {
        var id = (await _writer.CreateAsync(Request, CancellationToken.None)).Silence!.Id;
        var key = $"{Prefix}/silences/{id}";
        var edits = 0;
        _handler.Times = int.MaxValue;
        _handler.InterfereWhen = r => r.Method == HttpMethod.Put && r.RequestUri!.Query.Contains("cas=", StringComparison.Ordinal);
        _handler.Interference = async () =>
        {
            var theirs = await ReadAsync(id) with { Comment = $"edit {++edits}" };
            (await _other.Kv.PutAsync(key, SilenceCodec.Encode(theirs))).ShouldBeTrue();
        };

        var outcome = await _writer.ExpireAsync(id, CancellationToken.None);

        outcome.Result.ShouldBe(SilenceWriteResult.Conflict);
        edits.ShouldBe(SilenceWriter.MaxAttempts);
        var stored = await ReadAsync(id);
        stored.Comment.ShouldBe($"edit {SilenceWriter.MaxAttempts}");
        stored.EndsAt.ShouldBe(SilenceSamples.Start.AddHours(1));
    }

    [Fact]
    public async Task UpdateAsync_Active_KeepsItsIdAndStartAndReplacesTheRest()
    {
        var id = (await _writer.CreateAsync(Request, CancellationToken.None)).Silence!.Id;
        _time.Advance(TimeSpan.FromMinutes(10));
        var changed = Request with
        {
            Matchers = [new SilenceMatcher { Name = "node", Value = "web-2" }],
            EndsAt = "2026-03-01T15:00:00Z",
            CreatedBy = "bob",
            Comment = "deploy runs late",
        };

        var outcome = await _writer.UpdateAsync(id, changed, CancellationToken.None);

        outcome.Result.ShouldBe(SilenceWriteResult.Done);
        var stored = await ReadAsync(id);
        stored.StartsAt.ShouldBe(SilenceSamples.Start, "an active silence keeps the start it had");
        stored.EndsAt.ShouldBe(new DateTimeOffset(2026, 3, 1, 15, 0, 0, TimeSpan.Zero));
        stored.Matchers.ShouldHaveSingleItem()!.Value.ShouldBe("web-2");
        (stored.CreatedBy, stored.Comment, stored.UpdatedAt).ShouldBe(("bob", "deploy runs late", SilenceSamples.Start.AddMinutes(10)));
        _store.TryGet(id, out var shown).ShouldBeTrue();
        (shown.Silence.EndsAt, shown.Silence.Comment).ShouldBe((stored.EndsAt, stored.Comment), "shown by this daemon at once, as after a create");
    }

    [Fact]
    public async Task UpdateAsync_Pending_TakesTheRequestedStart()
    {
        var id = (await _writer.CreateAsync(Request with { StartsAt = "2026-03-01T12:30:00Z" }, CancellationToken.None)).Silence!.Id;

        var outcome = await _writer.UpdateAsync(id, Request with { StartsAt = "2026-03-01T12:45:00Z" }, CancellationToken.None);

        outcome.Result.ShouldBe(SilenceWriteResult.Done);
        (await ReadAsync(id)).StartsAt.ShouldBe(SilenceSamples.Start.AddMinutes(45));
    }

    [Fact]
    public async Task UpdateAsync_ActiveMovedIntoTheFuture_InvalidAndWritesNothing()
    {
        var id = (await _writer.CreateAsync(Request, CancellationToken.None)).Silence!.Id;
        var before = await IndexAsync(id);

        var outcome = await _writer.UpdateAsync(id, Request with { StartsAt = "2026-03-01T12:30:00Z" }, CancellationToken.None);

        outcome.Result.ShouldBe(SilenceWriteResult.Invalid);
        outcome.Errors.ShouldHaveSingleItem().ShouldStartWith("startsAt: the silence is active");
        (await IndexAsync(id)).ShouldBe(before);
    }

    [Fact]
    public async Task UpdateAsync_Expired_InvalidAndWritesNothing()
    {
        var id = (await _writer.CreateAsync(Request, CancellationToken.None)).Silence!.Id;
        await _writer.ExpireAsync(id, CancellationToken.None);
        var before = await IndexAsync(id);

        var outcome = await _writer.UpdateAsync(id, Request with { EndsAt = "2026-03-01T18:00:00Z" }, CancellationToken.None);

        outcome.Result.ShouldBe(SilenceWriteResult.Invalid);
        outcome.Errors.ShouldHaveSingleItem().ShouldContain("has expired");
        (await IndexAsync(id)).ShouldBe(before);
    }

    [Fact]
    public async Task UpdateAsync_InvalidRequest_EveryProblemAndNothingWritten()
    {
        var id = (await _writer.CreateAsync(Request, CancellationToken.None)).Silence!.Id;
        var before = await IndexAsync(id);

        var outcome = await _writer.UpdateAsync(id, Request with { EndsAt = null, Comment = "" }, CancellationToken.None);

        outcome.Result.ShouldBe(SilenceWriteResult.Invalid);
        outcome.Errors.Count.ShouldBe(2);
        (await IndexAsync(id)).ShouldBe(before);
    }

    [Theory]
    [InlineData("0123abcd-4567-89ab-cdef-0123456789ab")]
    [InlineData("not-an-id")]
    public async Task UpdateAsync_Unknown_NotFound(string id)
    {
        (await _writer.UpdateAsync(id, Request, CancellationToken.None)).Result.ShouldBe(SilenceWriteResult.NotFound);
    }

    [Fact]
    public async Task UpdateAsync_ExpiredByAnotherWriterFirst_ReReadsAndNeverRevivesIt()
    {
        var id = (await _writer.CreateAsync(Request, CancellationToken.None)).Silence!.Id;
        var key = $"{Prefix}/silences/{id}";
        _time.Advance(TimeSpan.FromMinutes(5));
        _handler.InterfereWhen = r => r.Method == HttpMethod.Put && r.RequestUri!.Query.Contains("cas=", StringComparison.Ordinal);
        _handler.Interference = async () =>
        {
            var theirs = await ReadAsync(id) with { EndsAt = _time.GetUtcNow() };
            (await _other.Kv.PutAsync(key, SilenceCodec.Encode(theirs))).ShouldBeTrue();
        };

        var outcome = await _writer.UpdateAsync(id, Request with { EndsAt = "2026-03-01T18:00:00Z" }, CancellationToken.None);

        outcome.Result.ShouldBe(SilenceWriteResult.Invalid);
        (await ReadAsync(id)).EndsAt.ShouldBe(SilenceSamples.Start.AddMinutes(5), "the other writer's expiry stands");
    }

    private async Task<ulong> IndexAsync(string id) => (await _other.Kv.GetAsync($"{Prefix}/silences/{id}")).Value!.ModifyIndex;

    private async Task<Silence> ReadAsync(string id)
    {
        var pair = (await _other.Kv.GetAsync($"{Prefix}/silences/{id}")).Value!;
        return SilenceCodec.Decode(pair.Value, id).Silence!;
    }
}
