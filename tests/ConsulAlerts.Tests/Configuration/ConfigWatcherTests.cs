using System.Text;
using ConsulAlerts.Configuration;
using ConsulAlerts.Consul;
using ConsulAlerts.Consul.Blocking;
using ConsulAlerts.DevAgent;
using ConsulAlerts.Hosting;
using Microsoft.Extensions.Logging;

namespace ConsulAlerts.Tests.Configuration;

/// <summary>The watcher against the dev agent over real HTTP on 127.0.0.1.</summary>
public sealed class ConfigWatcherTests : IAsyncLifetime
{
    private const string Prefix = "team-a/alerts";
    private const string Root = "team-a/alerts/config/";
    private const string ConfigPath = "/v1/kv/team-a/alerts/config/";
    private const string Secret = "hunter2-webhook-token";
    private const int ConfigProblemEvent = 1201;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static readonly BlockingQueryLoopOptions FastRetry = new()
    {
        WaitTime = TimeSpan.FromSeconds(1),
        RecoveryWaitTime = TimeSpan.FromSeconds(1),
        InitialBackoff = TimeSpan.FromMilliseconds(50),
        MaxBackoff = TimeSpan.FromMilliseconds(200),
        RateLimitInterval = TimeSpan.Zero,
    };

    private readonly AlertsConfigStore _store = new();
    private readonly FakeLogger<ConfigWatcher> _logger = new();
    private readonly List<ConfigWatcher> _watchers = [];
    private DevAgentServer _agent = null!;
    private ConsulClient _client = null!;

    public async Task InitializeAsync()
    {
        _agent = await DevAgentServer.StartAsync();
        _client = ConsulClient.Create(new ConsulClientOptions { Address = _agent.Address.ToString() });
    }

    public async Task DisposeAsync()
    {
        foreach (var watcher in _watchers)
        {
            await watcher.StopAsync(CancellationToken.None).WaitAsync(Patience);
            watcher.Dispose();
        }

        _client.Dispose();
        await _agent.DisposeAsync();
    }

    [Fact]
    public async Task Start_NoConfigKeys_PublishesDefaultsAsLoaded()
    {
        _store.Loaded.ShouldBeFalse();

        await StartAsync(Prefix);
        await WaitUntilAsync(() => _store.Loaded);

        var config = _store.Current;
        config.Revision.ShouldBeGreaterThan(0ul);
        config.Errors.ShouldBeEmpty();
        config.Checks.ChangeThreshold.ShouldBe(ChecksConfig.DefaultChangeThreshold);
        config.Notifiers["log"].Enabled.ShouldBeTrue();
    }

    [Fact]
    public async Task Start_ExistingConfig_LoadsItsOwnPrefixOnly()
    {
        await PutAsync(Root + "checks/change-threshold", "30");
        await PutAsync(Root + "notifiers/slack/enabled", "true");
        await PutAsync(Root + "notif-profiles/default", "{\"Interval\": 5, \"NotifList\": {\"slack\": true}}");
        await PutAsync("consul-alerts/config/checks/change-threshold", "999");
        await PutAsync("team-a/alerts/checks/node1/_/serfHealth", "{}");

        var watcher = await StartAsync(Prefix);
        await WaitUntilAsync(() => _store.Loaded);

        watcher.Root.ShouldBe(Root);
        var config = _store.Current;
        config.Errors.ShouldBeEmpty();
        config.Checks.ChangeThreshold.ShouldBe(TimeSpan.FromSeconds(30));
        config.Notifiers["slack"].Enabled.ShouldBeTrue();
        config.Profiles["default"].Interval.ShouldBe(TimeSpan.FromMinutes(5));
    }

    [Fact]
    public async Task Change_BlockingQueryWakesUp_NewSnapshotWithOnlyBlockingConfigReads()
    {
        await PutAsync(Root + "checks/change-threshold", "30");
        _agent.Requests.Reset();

        // A 5-minute wait and no pacing: a change can only arrive through the blocked request, and a watcher that
        // polled instead of blocking would make hundreds of requests while idle.
        await StartAsync(Prefix, new BlockingQueryLoopOptions { RateLimitInterval = TimeSpan.Zero });
        await WaitUntilAsync(() => _store.Current.Checks.ChangeThreshold == TimeSpan.FromSeconds(30));
        var first = _store.Current;
        // The second read parked in the agent's wait: the watcher waits on it and can make no other request meanwhile.
        await WaitUntilAsync(() => _agent.Requests.Parked("GET", ConfigPath) == 1);
        _agent.Requests.Count("GET", ConfigPath).ShouldBe(2, "one read, then one blocking read that waits");

        await PutAsync(Root + "checks/change-threshold", "5");
        var written = _agent.Requests.Count("PUT", "/v1/kv/");
        await WaitUntilAsync(() => _store.Current.Checks.ChangeThreshold == TimeSpan.FromSeconds(5));
        await WaitUntilAsync(() => _agent.Requests.Count("GET", ConfigPath) == 3 && _agent.Requests.Parked("GET", ConfigPath) == 1);

        _store.Current.Revision.ShouldBeGreaterThan(first.Revision);
        _agent.Requests.Count("GET", ConfigPath).ShouldBe(3);
        _agent.Requests.Total.ShouldBe(3 + written, "the watcher reads nothing but its config prefix");
        _agent.Requests.Snapshot().Keys.ShouldBe(["GET " + ConfigPath, "PUT /v1/kv/" + Root + "checks/change-threshold"], ignoreOrder: true);
    }

    [Fact]
    public async Task BadValue_ReportedOnceWhileTheRestLoads()
    {
        await PutAsync(Root + "checks/change-threshold", "soon");
        await PutAsync(Root + "checks/enabled", "false");
        await PutAsync(Root + "notifiers/webhook/headers", "{\"Authorization\": \"Bearer " + Secret + "\"");
        await PutAsync(Root + "notifiers/webhook/token", Secret);

        await StartAsync(Prefix, FastRetry);
        await WaitUntilAsync(() => _store.Loaded);

        var config = _store.Current;
        config.Checks.Enabled.ShouldBeFalse();
        config.Checks.ChangeThreshold.ShouldBe(ChecksConfig.DefaultChangeThreshold);
        config.Errors.Select(e => e.Key).ShouldBe(
            [Root + "checks/change-threshold", Root + "notifiers/webhook/headers", Root + "notifiers/webhook/token"], ignoreOrder: true);
        ProblemLogs(Root + "checks/change-threshold").ShouldBe(1);

        // An unrelated change: the snapshot still lists the problem, the log does not repeat it.
        await PutAsync(Root + "events/enabled", "false");
        await WaitUntilAsync(() => !_store.Current.Events.Enabled);
        _store.Current.Errors.ShouldContain(e => e.Key == Root + "checks/change-threshold");
        ProblemLogs(Root + "checks/change-threshold").ShouldBe(1);

        await PutAsync(Root + "checks/change-threshold", "10");
        await WaitUntilAsync(() => _store.Current.Checks.ChangeThreshold == TimeSpan.FromSeconds(10));
        _store.Current.Errors.ShouldNotContain(e => e.Key == Root + "checks/change-threshold");
        _logger.Entries.ShouldContain(e => e.Message.Contains("1 configuration problems were fixed", StringComparison.Ordinal));
        _logger.Entries.ShouldAllBe(e => !e.Message.Contains(Secret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ConsulFails_LastSnapshotKeptUntilItRecovers()
    {
        await PutAsync(Root + "checks/change-threshold", "30");
        await StartAsync(Prefix, FastRetry);
        await WaitUntilAsync(() => _store.Loaded);
        var loaded = _store.Current;

        _agent.Faults.NoLeader = true;
        await WaitUntilAsync(() => _logger.Entries.Any(e => e.Level == LogLevel.Warning && e.Message.Contains("failed", StringComparison.Ordinal)));
        await WaitUntilAsync(() => _logger.Entries.Count(e => e.Message.Contains("still failing", StringComparison.Ordinal)) >= 2);

        _store.Current.ShouldBeSameAs(loaded);
        _store.Loaded.ShouldBeTrue();

        _agent.Faults.NoLeader = false;
        await PutAsync(Root + "checks/change-threshold", "7");
        await WaitUntilAsync(() => _store.Current.Checks.ChangeThreshold == TimeSpan.FromSeconds(7));
        _logger.Entries.ShouldContain(e => e.Message.Contains("recovered", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ConfigDeleted_BackToDefaults()
    {
        await PutAsync(Root + "checks/enabled", "false");
        await StartAsync(Prefix, FastRetry);
        await WaitUntilAsync(() => _store.Loaded && !_store.Current.Checks.Enabled);

        (await _client.Kv.DeleteAsync(Root, recurse: true)).ShouldBeTrue();

        await WaitUntilAsync(() => _store.Current.Checks.Enabled);
        _store.Current.Errors.ShouldBeEmpty();
    }

    [Fact]
    public async Task ApplyAsync_ParserThrows_KeepsLastSnapshotAndLogs()
    {
        var watcher = new ConfigWatcher(_client, new ConsulAlertsOptions { KvPrefix = Prefix }, _store, _logger, TimeProvider.System);
        var good = new QueryResult<IReadOnlyList<KvPair>>([Pair(Root + "checks/change-threshold", "5")], new QueryMeta(10, true, null));
        await watcher.ApplyAsync(good, CancellationToken.None);
        var kept = _store.Current;

        // A null key is impossible from Consul; it stands in for any bug that makes the parser throw.
        var broken = new QueryResult<IReadOnlyList<KvPair>>([new KvPair { Key = null! }], new QueryMeta(11, true, null));
        await Should.NotThrowAsync(() => watcher.ApplyAsync(broken, CancellationToken.None));

        _store.Current.ShouldBeSameAs(kept);
        kept.Revision.ShouldBe(10ul);
        _logger.Entries.ShouldContain(e => e.Level == LogLevel.Error && e.Message.Contains("index 11", StringComparison.Ordinal) && e.Message.Contains("index 10", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ApplyAsync_PatternRunsOutOfTime_LoggedOnceAsAnErrorNamingTheKey()
    {
        var watcher = new ConfigWatcher(_client, new ConsulAlertsOptions { KvPrefix = Prefix }, _store, _logger, TimeProvider.System);
        var key = Root + "checks/blacklist/nodes";
        var read = new QueryResult<IReadOnlyList<KvPair>>([Pair(key, "[\"^(?=(\\\\w+\\\\s?)*$)\"]")], new QueryMeta(10, true, null));
        await watcher.ApplyAsync(read, CancellationToken.None);
        var hostile = new string('a', 40) + "!";

        _store.Current.Blacklist.IsBlacklisted(hostile, "", "c", "critical").ShouldBeTrue("it failed closed");
        _store.Current.Blacklist.IsBlacklisted(hostile + "2", "", "c", "critical").ShouldBeTrue();

        _logger.Entries.Where(e => e.Id.Id == 1204).ShouldHaveSingleItem().Message.ShouldContain(key);
        _logger.Entries.Single(e => e.Id.Id == 1204).Level.ShouldBe(LogLevel.Error);
    }

    [Fact]
    public async Task ApplyAsync_ThresholdGoodThenBad_KeepsTheLastGoodValueAndTheLogSaysSo()
    {
        var watcher = new ConfigWatcher(_client, new ConsulAlertsOptions { KvPrefix = Prefix }, _store, _logger, TimeProvider.System);
        var key = Root + "checks/change-threshold";
        await watcher.ApplyAsync(new QueryResult<IReadOnlyList<KvPair>>([Pair(key, "2")], new QueryMeta(10, true, null)), CancellationToken.None);

        await watcher.ApplyAsync(new QueryResult<IReadOnlyList<KvPair>>([Pair(key, "abc")], new QueryMeta(11, true, null)), CancellationToken.None);

        _store.Current.Revision.ShouldBe(11ul);
        _store.Current.Checks.ChangeThreshold.ShouldBe(TimeSpan.FromSeconds(2));
        _logger.Entries.Where(e => e.Id.Id == ConfigProblemEvent).ShouldHaveSingleItem().Message
            .ShouldBe($"Configuration key {key} not used as written: value is not a whole number of seconds; the last good value of this key is kept");
    }

    private int ProblemLogs(string key) =>
        _logger.Entries.Count(e => e.Id.Id == ConfigProblemEvent && e.Message.Contains(key, StringComparison.Ordinal));

    private async Task<ConfigWatcher> StartAsync(string prefix, BlockingQueryLoopOptions? loop = null)
    {
        var watcher = new ConfigWatcher(_client, new ConsulAlertsOptions { KvPrefix = prefix }, _store, _logger, TimeProvider.System)
        {
            LoopOptions = loop ?? new BlockingQueryLoopOptions(),
        };
        _watchers.Add(watcher);
        await watcher.StartAsync(CancellationToken.None);
        return watcher;
    }

    private async Task PutAsync(string key, string value) =>
        (await _client.Kv.PutAsync(key, Encoding.UTF8.GetBytes(value))).ShouldBeTrue();

    private static KvPair Pair(string key, string value) => new() { Key = key, Value = Encoding.UTF8.GetBytes(value) };

    private static Task WaitUntilAsync(Func<bool> condition) => Eventually.ShouldHoldAsync(condition, "the condition holds", Patience);
}
