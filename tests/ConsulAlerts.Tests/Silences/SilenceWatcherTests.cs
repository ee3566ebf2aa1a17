using System.Text;
using ConsulAlerts.Consul;
using ConsulAlerts.Consul.Blocking;
using ConsulAlerts.Consul.Http;
using ConsulAlerts.Consul.Kv;
using ConsulAlerts.Consul.Queries;
using ConsulAlerts.DevAgent;
using ConsulAlerts.Hosting;
using ConsulAlerts.Silences;
using Microsoft.Extensions.Logging;

namespace ConsulAlerts.Tests.Silences;

#pragma warning disable CA1001 // disposed in DisposeAsync (IAsyncLifetime)
public sealed class SilenceWatcherTests : IAsyncLifetime
#pragma warning restore CA1001
{
    private const string Prefix = "team-a/alerts";
    private const string Root = "team-a/alerts/silences/";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly SilenceStore _store = new();
    private readonly FakeLogger<SilenceWatcher> _logger = new();
    private DevAgentServer _agent = null!;
    private ConsulClient _client = null!;
    private SilenceWatcher _watcher = null!;

    public async Task InitializeAsync()
    {
        _agent = await DevAgentServer.StartAsync();
        _client = ConsulClient.Create(new ConsulClientOptions { Address = _agent.Address.ToString() });
        _watcher = new SilenceWatcher(_client, new ConsulAlertsOptions { KvPrefix = Prefix }, _store, _logger, TimeProvider.System)
        {
            LoopOptions = new BlockingQueryLoopOptions { WaitTime = TimeSpan.FromSeconds(5), RateLimitInterval = TimeSpan.Zero },
        };
    }

    public async Task DisposeAsync()
    {
        await _watcher.StopAsync(CancellationToken.None).WaitAsync(Patience);
        _watcher.Dispose();
        _client.Dispose();
        _store.Dispose();
        await _agent.DisposeAsync();
    }

    [Fact]
    public async Task ApplyAsync_BadValues_SkippedWithTheirKeysWhileTheRestLoad()
    {
        var good = SilenceSamples.Stored("a", 1).Silence;
        var pairs = new List<KvPair>
        {
            Pair(Root + good.Id, SilenceCodec.Encode(good), 7),
            Pair(Root + SilenceSamples.IdOf("b"), Encoding.UTF8.GetBytes("{not json"), 8),
            Pair(Root + SilenceSamples.IdOf("c"), SilenceCodec.Encode(good with { Id = SilenceSamples.IdOf("c"), Matchers = [new SilenceMatcher { Name = "foo", Value = "x" }] }), 9),
            Pair(Root + "nested/key", SilenceCodec.Encode(good), 10),
            Pair(Root + "folder/", [], 11),
        };

        await _watcher.ApplyAsync(new QueryResult<IReadOnlyList<KvPair>>(pairs, new QueryMeta { LastIndex = 11 }), CancellationToken.None);

        _store.Loaded.ShouldBeTrue();
        _store.All.ShouldHaveSingleItem().Id.ShouldBe(good.Id);
        _store.All[0].ModifyIndex.ShouldBe(7ul);
        var skipped = _logger.Entries.Where(e => e.Id.Id == 7701).Select(e => e.Message).ToList();
        skipped.Count.ShouldBe(3);
        skipped.ShouldContain(m => m.Contains(Root + SilenceSamples.IdOf("b"), StringComparison.Ordinal) && m.Contains("not valid silence JSON", StringComparison.Ordinal));
        skipped.ShouldContain(m => m.Contains("matchers[0].name: unknown label 'foo'", StringComparison.Ordinal));
        skipped.ShouldContain(m => m.Contains(Root + "nested/key", StringComparison.Ordinal));

        // The same bad values read again are not logged again; a changed one is.
        pairs[1] = pairs[1] with { ModifyIndex = 12 };
        await _watcher.ApplyAsync(new QueryResult<IReadOnlyList<KvPair>>(pairs, new QueryMeta { LastIndex = 12 }), CancellationToken.None);

        _logger.Entries.Count(e => e.Id.Id == 7701).ShouldBe(4);
    }

    [Fact]
    public async Task ApplyAsync_UnchangedSilence_KeepsItsCompiledRule()
    {
        var good = SilenceSamples.Stored("a", 1).Silence;
        var pairs = new List<KvPair> { Pair(Root + good.Id, SilenceCodec.Encode(good), 7) };
        await _watcher.ApplyAsync(new QueryResult<IReadOnlyList<KvPair>>(pairs, new QueryMeta { LastIndex = 7 }), CancellationToken.None);
        var rule = _store.Silences.Single();

        await _watcher.ApplyAsync(new QueryResult<IReadOnlyList<KvPair>>(pairs, new QueryMeta { LastIndex = 9 }), CancellationToken.None);

        _store.Silences.Single().ShouldBeSameAs(rule);
    }

    [Fact]
    public async Task Run_SilenceWrittenAndDeleted_StoreFollowsAndRaisesChanged()
    {
        var changed = 0;
        _store.Changed += () => Interlocked.Increment(ref changed);
        await _watcher.StartAsync(CancellationToken.None);
        await WaitUntilAsync(() => _store.Loaded);
        var silence = SilenceSamples.Stored("a", 1).Silence;

        (await _client.Kv.PutAsync(Root + silence.Id, SilenceCodec.Encode(silence))).ShouldBeTrue();
        await WaitUntilAsync(() => _store.TryGet(silence.Id, out _));
        (await _client.Kv.DeleteAsync(Root + silence.Id)).ShouldBeTrue();
        await WaitUntilAsync(() => _store.All.Count == 0);

        Volatile.Read(ref changed).ShouldBeGreaterThanOrEqualTo(3);
        _logger.Entries.ShouldNotContain(e => e.Level >= LogLevel.Warning);
    }

    private static KvPair Pair(string key, byte[] value, ulong index) => new() { Key = key, Value = value.Length == 0 ? null : value, ModifyIndex = index };

    private static Task WaitUntilAsync(Func<bool> condition) => Eventually.ShouldHoldAsync(condition, "the condition holds", Patience);
}
