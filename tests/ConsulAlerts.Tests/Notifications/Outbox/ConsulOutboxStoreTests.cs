using System.Text;
using ConsulAlerts.Consul;
using ConsulAlerts.DevAgent;
using ConsulAlerts.Hosting;
using ConsulAlerts.Notifications.Outbox;
using ConsulAlerts.Tests.Notifications.Testing;

namespace ConsulAlerts.Tests.Notifications.Outbox;

public sealed class ConsulOutboxStoreTests : IAsyncLifetime
{
    private const string Batch = "0638000000000000000-0123456789abcdef";

    private DevAgentServer _agent = null!;
    private ConsulClient _consul = null!;
    private readonly FakeLogger<ConsulOutboxStore> _log = new();

    public async Task InitializeAsync()
    {
        _agent = await DevAgentServer.StartAsync(new DevAgentOptions());
        _consul = ConsulClient.Create(new ConsulClientOptions { Address = _agent.Address.ToString() });
    }

    public async Task DisposeAsync()
    {
        _consul.Dispose();
        await _agent.DisposeAsync();
    }

    [Fact]
    public async Task AddAsync_GuardedWhileLeading_StoresEntriesThenTheCommitAndLoadsThemInOrder()
    {
        var guard = await LockAsync("alerts-a/leader");
        var store = Store("alerts-a");
        var first = Entry(0, "email") with { Overrides = new Dictionary<string, string> { ["receivers"] = "[\"db@example.com\"]" } };
        var second = Entry(1, "slack");

        (await store.AddAsync(Batch, [first, second], guard, CancellationToken.None)).ShouldBeEmpty();

        var raw = (await _consul.Kv.GetAsync($"alerts-a/outbox/{Batch}/00000")).Value.ShouldNotBeNull();
        Encoding.UTF8.GetString(raw.Value!).ShouldStartWith("{\"Instance\":\"email\",\"Kind\":\"email\",\"Notifier\":\"email\",\"Overrides\":{\"receivers\"");
        Encoding.UTF8.GetString((await _consul.Kv.GetAsync($"alerts-a/outbox/{Batch}/commit")).Value.ShouldNotBeNull().Value!).ShouldBe("{\"Entries\":2}");
        var loaded = await store.LoadAsync(CancellationToken.None);
        loaded.Entries.Select(e => e.Id).ShouldBe([first.Id, second.Id]);
        loaded.Entries[0].Overrides.ShouldNotBeNull()["receivers"].ShouldBe("[\"db@example.com\"]");
        loaded.Entries[0].Messages.ShouldHaveSingleItem().CheckId.ShouldBe("service:web-1");
        loaded.Entries[0].Created.ShouldBe(first.Created);
        loaded.Leftovers.ShouldBeEmpty();
    }

    [Fact]
    public async Task RemoveAsync_EntriesThenTheCommit_LeavesNothing()
    {
        var guard = await LockAsync("alerts-b/leader");
        var store = Store("alerts-b");
        await store.AddAsync(Batch, [Entry(0, "log"), Entry(1, "log")], guard, CancellationToken.None);

        await store.RemoveAsync([OutboxKeys.Entry(Batch, 0)], guard, CancellationToken.None);
        (await store.LoadAsync(CancellationToken.None)).Entries.Select(e => e.Id).ShouldBe([OutboxKeys.Entry(Batch, 1)]);
        await store.RemoveAsync([OutboxKeys.Entry(Batch, 1), OutboxKeys.Commit(Batch)], guard, CancellationToken.None);

        (await _consul.Kv.KeysAsync("alerts-b/outbox/")).Value.ShouldBeEmpty();
    }

    [Fact]
    public async Task AddAsync_GuardOfAReplacedLeader_IsRefusedAndWritesNothing()
    {
        var replaced = await LockAsync("alerts-c/leader");
        var session = replaced.Kv!.Session!;
        await _consul.Kv.PutAsync("alerts-c/leader", ReadOnlyMemory<byte>.Empty, new KvPutOptions { Release = session });
        await LockAsync("alerts-c/leader");
        var store = Store("alerts-c");

        await Should.ThrowAsync<ConsulConflictException>(() => store.AddAsync(Batch, [Entry(0, "log")], replaced, CancellationToken.None));
        await Should.ThrowAsync<ConsulConflictException>(() => store.RemoveAsync([OutboxKeys.Entry(Batch, 0)], replaced, CancellationToken.None));

        (await store.LoadAsync(CancellationToken.None)).Entries.ShouldBeEmpty();
    }

    [Fact]
    public async Task AddAsync_BatchLargerThanATransaction_WritesItAllWithinTheAgentLimits()
    {
        var guard = await LockAsync("alerts-d/leader");
        var store = Store("alerts-d");
        var entries = Enumerable.Range(0, 150).Select(i => Entry(i, "log", output: new string('o', 3000))).ToList();
        _agent.Requests.Reset();

        (await store.AddAsync(Batch, entries, guard, CancellationToken.None)).ShouldBeEmpty();

        _agent.Requests.Count("PUT", "/v1/txn").ShouldBeGreaterThan(2);
        (await store.LoadAsync(CancellationToken.None)).Entries.Select(e => e.Id).ShouldBe(entries.Select(e => e.Id));
        await store.RemoveAsync([OutboxKeys.Tree(Batch)], guard, CancellationToken.None);
        (await _consul.Kv.KeysAsync("alerts-d/outbox/")).Value.ShouldBeEmpty();
    }

    [Fact]
    public async Task AddAsync_FailsAfterPartOfTheBatchCommitted_ReaderIgnoresItAndARetryStoresEachEntryOnce()
    {
        var guard = await LockAsync("alerts-f/leader");
        var entries = Enumerable.Range(0, 150).Select(i => Entry(i, "log", output: new string('o', 3000))).ToList();
        using var failing = new FailingTxnHandler(failAt: 3);
        using var flaky = new ConsulClient(new HttpClient(failing), new ConsulClientOptions { Address = _agent.Address.ToString() });
        var store = new ConsulOutboxStore(flaky, new ConsulAlertsOptions { KvPrefix = "alerts-f" }, _log);

        await Should.ThrowAsync<ConsulException>(() => store.AddAsync(Batch, entries, guard, CancellationToken.None));

        var partial = await store.LoadAsync(CancellationToken.None);
        (await _consul.Kv.KeysAsync("alerts-f/outbox/")).Value.Count.ShouldBeGreaterThan(0, "the first transactions committed");
        partial.Entries.ShouldBeEmpty("a batch without its commit record is not taken for a whole one");
        partial.Leftovers.ShouldBe([OutboxKeys.Tree(Batch)]);

        (await store.AddAsync(Batch, entries, guard, CancellationToken.None)).ShouldBeEmpty();

        var keys = (await _consul.Kv.KeysAsync("alerts-f/outbox/")).Value;
        keys.Count.ShouldBe(entries.Count + 1);
        keys.ShouldBe(entries.Select(e => "alerts-f/outbox/" + e.Id).Append($"alerts-f/outbox/{Batch}/commit").Order(StringComparer.Ordinal));
        (await store.LoadAsync(CancellationToken.None)).Entries.Select(e => e.Id).ShouldBe(entries.Select(e => e.Id));
    }

    [Fact]
    public async Task AddAsync_SameBatchWithFewerEntries_ReplacesWhatTheEarlierAttemptLeft()
    {
        var store = Store("alerts-j");
        await store.AddAsync(Batch, [Entry(0, "log"), Entry(1, "log"), Entry(2, "log")], guard: null, CancellationToken.None);

        await store.AddAsync(Batch, [Entry(0, "email")], guard: null, CancellationToken.None);

        (await store.LoadAsync(CancellationToken.None)).Entries.ShouldHaveSingleItem().Instance.ShouldBe("email");
        (await _consul.Kv.KeysAsync("alerts-j/outbox/")).Value.Count.ShouldBe(2);
    }

    [Fact]
    public async Task LoadAsync_UncommittedBatchAndCommitWithoutEntries_AreLeftoversNotEntries()
    {
        var store = Store("alerts-g");
        await store.AddAsync(Batch, [Entry(0, "log")], guard: null, CancellationToken.None);
        await _consul.Kv.PutAsync($"alerts-g/outbox/{Batch}/00000", ReadOnlyMemory<byte>.Empty);
        await _consul.Kv.PutAsync("alerts-g/outbox/0638000000000000001-aaaaaaaaaaaaaaaa/00000", OutboxStoreValue(Entry(0, "log")));
        await _consul.Kv.DeleteAsync($"alerts-g/outbox/{Batch}/00000");

        var loaded = await store.LoadAsync(CancellationToken.None);

        loaded.Entries.ShouldBeEmpty();
        loaded.Leftovers.ShouldBe([OutboxKeys.Commit(Batch), "0638000000000000001-aaaaaaaaaaaaaaaa/"]);
        await store.RemoveAsync(loaded.Leftovers, guard: null, CancellationToken.None);
        (await _consul.Kv.KeysAsync("alerts-g/outbox/")).Value.ShouldBeEmpty();
    }

    [Fact]
    public async Task LoadAsync_EntryOfTheEarlierOneKeyLayout_IsReadAsCommitted()
    {
        var store = Store("alerts-h");
        await _consul.Kv.PutAsync("alerts-h/outbox/0638000000000000000-0000000001-ab12", OutboxStoreValue(Entry(0, "log")));

        var loaded = await store.LoadAsync(CancellationToken.None);

        loaded.Entries.ShouldHaveSingleItem().Id.ShouldBe("0638000000000000000-0000000001-ab12");
        loaded.Leftovers.ShouldBeEmpty();
    }

    [Fact]
    public async Task LoadAsync_UnreadableEntry_IsLoggedAndSkipped()
    {
        var store = Store("alerts-e");
        await _consul.Kv.PutAsync("alerts-e/outbox/broken", "not json"u8.ToArray());
        await store.AddAsync(Batch, [Entry(0, "log")], guard: null, CancellationToken.None);

        (await store.LoadAsync(CancellationToken.None)).Entries.ShouldHaveSingleItem().Id.ShouldBe(OutboxKeys.Entry(Batch, 0));
        _log.Entries.ShouldContain(e => e.Message.Contains("alerts-e/outbox/broken", StringComparison.Ordinal));
    }

    [Fact]
    public void Fits_MessageOverTheTransactionLimit_DoesNotFitAndABoundedOneDoes()
    {
        var store = Store("alerts-i");

        store.Fits(Entry(0, "log", output: new string('x', 400 * 1024))).ShouldBeFalse();
        store.Fits(Entry(0, "log", output: new string('x', 8 * 1024))).ShouldBeTrue();
    }

    /// <summary>Answers the <paramref name="failAt"/>-th transaction with a 500, after letting the ones before it through.</summary>
    private sealed class FailingTxnHandler(int failAt) : DelegatingHandler(new SocketsHttpHandler { UseProxy = false })
    {
        private int _transactions;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri!.AbsolutePath == "/v1/txn" && Interlocked.Increment(ref _transactions) == failAt)
            {
                return Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.InternalServerError) { Content = new StringContent("rpc error: leadership lost while committing log") });
            }

            return base.SendAsync(request, cancellationToken);
        }
    }

    private static byte[] OutboxStoreValue(OutboxEntry entry) => ConsulOutboxStore.Serialize(entry);

    private static OutboxEntry Entry(int part, string notifier, string output = "HTTP GET http://10.0.0.1/: 500") => new()
    {
        Id = OutboxKeys.Entry(Batch, part),
        Instance = notifier,
        Kind = notifier,
        Notifier = notifier,
        Messages = [Messages.Critical(checkId: part == 0 ? "service:web-1" : $"c{part}", output: output)],
        Created = new DateTimeOffset(2026, 11, 21, 10, 0, 0, TimeSpan.Zero),
    };

    private async Task<TxnOperation> LockAsync(string key)
    {
        var session = await _consul.Sessions.CreateAsync(new SessionOptions { Ttl = TimeSpan.FromSeconds(30), NodeChecks = [] });
        (await _consul.Kv.PutAsync(key, ReadOnlyMemory<byte>.Empty, new KvPutOptions { Acquire = session })).ShouldBeTrue();
        return TxnOperation.KvCheckSession(key, session);
    }

    private ConsulOutboxStore Store(string prefix) => new(_consul, new ConsulAlertsOptions { KvPrefix = prefix }, _log);
}
