using System.Text;
using ConsulAlerts.Configuration;
using ConsulAlerts.Consul;
using ConsulAlerts.Consul.Errors;
using ConsulAlerts.Consul.Http;
using ConsulAlerts.Consul.Kv;
using ConsulAlerts.Consul.Sessions;
using ConsulAlerts.DevAgent;
using ConsulAlerts.Hosting;
using ConsulAlerts.Leadership;
using ConsulAlerts.Silences;
using ConsulAlerts.Tests.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace ConsulAlerts.Tests.Silences;

/// <summary>Retention against the dev agent, on a virtual clock, under a real lock held by a test session.</summary>
#pragma warning disable CA1001 // disposed in DisposeAsync (IAsyncLifetime)
public sealed class SilenceRetentionTests : IAsyncLifetime
#pragma warning restore CA1001
{
    private const string Prefix = "team-a/alerts";
    private const string LockKey = Prefix + "/leader";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly TrackedTimeProvider _time = new(SilenceSamples.Start);
    private readonly SilenceStore _store = new();
    private readonly AlertsConfigStore _config = new();
    private readonly TaskCompletionSource<LeaderTerm> _term = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private DevAgentServer _agent = null!;
    private ConsulClient _client = null!;
    private SilenceWriter _writer = null!;
    private SilenceRetention _retention = null!;
    private string _session = "";

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
        _client = ConsulClient.Create(new ConsulClientOptions { Address = _agent.Address.ToString() });
        var options = new ConsulAlertsOptions { KvPrefix = Prefix };
        _writer = new SilenceWriter(_client, options, _store, _time, NullLogger<SilenceWriter>.Instance);
        _retention = new SilenceRetention(_client, options, _store, _config, ct => _term.Task.WaitAsync(ct), _time, NullLogger<SilenceRetention>.Instance);
        _session = await _client.Sessions.CreateAsync(new SessionOptions { Ttl = TimeSpan.FromMinutes(5), NodeChecks = [] });
        (await _client.Kv.PutAsync(LockKey, Encoding.UTF8.GetBytes("{}"), new KvPutOptions { Acquire = _session })).ShouldBeTrue();
        _config.Publish(AlertsConfig.Default with { Revision = 1, Silences = new SilencesConfig { Retention = TimeSpan.FromHours(2) } });
    }

    public async Task DisposeAsync()
    {
        await _retention.StopAsync(CancellationToken.None).WaitAsync(Patience);
        _retention.Dispose();
        _client.Dispose();
        _store.Dispose();
        await _agent.DisposeAsync();
    }

    [Fact]
    public async Task Run_Leading_DeletesExpiredSilencesOncePastTheRetentionOnly()
    {
        var old = (await _writer.CreateAsync(Request, CancellationToken.None)).Silence!.Id;
        var longer = (await _writer.CreateAsync(Request with { EndsAt = "2026-03-01T20:00:00Z" }, CancellationToken.None)).Silence!.Id;
        _term.SetResult(new LeaderTerm(1, _session, LockKey, _time.GetUtcNow()));
        await _retention.StartAsync(CancellationToken.None);

        // First pass at once: nothing is past its retention. Then the clock passes the first silence's end + 2 h.
        await WaitUntilAsync(() => _time.PendingTimers == 1);
        _time.Advance(TimeSpan.FromHours(3));

        await WaitUntilAsync(async () => (await _client.Kv.GetAsync(Key(old))).Value is null);
        (await _client.Kv.GetAsync(Key(longer))).Value.ShouldNotBeNull("it ended at 20:00; its retention runs to 22:00");
    }

    [Fact]
    public async Task PurgeAsync_NotHoldingTheLock_DeletesNothing()
    {
        var id = (await _writer.CreateAsync(Request, CancellationToken.None)).Silence!.Id;
        _time.Advance(TimeSpan.FromDays(1));
        var stranger = await _client.Sessions.CreateAsync(new SessionOptions { Ttl = TimeSpan.FromMinutes(5), NodeChecks = [] });
        var deposed = new LeaderTerm(2, stranger, LockKey, _time.GetUtcNow());

        await Should.ThrowAsync<ConsulConflictException>(() => _retention.PurgeAsync(deposed.Guard, CancellationToken.None));

        (await _client.Kv.GetAsync(Key(id))).Value.ShouldNotBeNull();
    }

    [Fact]
    public async Task PurgeAsync_ChangedSinceRead_LeftForTheNextPass()
    {
        var id = (await _writer.CreateAsync(Request, CancellationToken.None)).Silence!.Id;
        var pair = (await _client.Kv.GetAsync(Key(id))).Value!;
        var edited = SilenceCodec.Decode(pair.Value, id).Silence! with { Comment = "edited elsewhere" };
        (await _client.Kv.PutAsync(Key(id), SilenceCodec.Encode(edited))).ShouldBeTrue();
        _time.Advance(TimeSpan.FromDays(1));
        var term = new LeaderTerm(1, _session, LockKey, _time.GetUtcNow());

        (await _retention.PurgeAsync(term.Guard, CancellationToken.None)).ShouldBe(0);
        (await _client.Kv.GetAsync(Key(id))).Value.ShouldNotBeNull();

        _store.Observe(new StoredSilence(_store.All[0].Silence, _store.All[0].Rule, (await _client.Kv.GetAsync(Key(id))).Value!.ModifyIndex));
        (await _retention.PurgeAsync(term.Guard, CancellationToken.None)).ShouldBe(1);
        (await _client.Kv.GetAsync(Key(id))).Value.ShouldBeNull();
    }

    private static string Key(string id) => $"{Prefix}/silences/{id}";

    private static Task WaitUntilAsync(Func<bool> condition) => Eventually.ShouldHoldAsync(condition, "the condition holds", Patience);

    private static Task WaitUntilAsync(Func<Task<bool>> condition) => Eventually.ShouldHoldAsync(condition, "the condition holds", Patience);
}
