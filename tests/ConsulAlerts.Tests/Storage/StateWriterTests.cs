using System.Text.Json;
using ConsulAlerts.Checks;
using ConsulAlerts.Consul.Kv;
using ConsulAlerts.Consul.Txn;
using ConsulAlerts.Hosting;
using ConsulAlerts.Leadership;
using ConsulAlerts.Notifications;
using ConsulAlerts.Notifications.Outbox;
using ConsulAlerts.Storage;
using ConsulAlerts.Tests.Notifications.Testing;
using ConsulAlerts.Tests.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace ConsulAlerts.Tests.Storage;

/// <summary>The state writer against the dev agent, through the leader path of <see cref="LeaderPipeline"/>.</summary>
public sealed class StateWriterTests : IAsyncLifetime
{
    private const string Batch = "0639028224000000000-00000000000000ab";
    private const int Deliveries = 70;

    private LeaderPipeline _p = null!;

    public async Task InitializeAsync() => _p = await LeaderPipeline.StartAsync();

    public async Task DisposeAsync() => await _p.DisposeAsync();

    [Fact]
    public async Task Record_BatchOverOneTransaction_EntriesFirstAndTheCommitWithTheStateLast()
    {
        var term = await _p.TakeLockAsync();
        await _p.BeginTermAsync(term);
        var bodies = new List<string>();
        _p.Faults.FailWhen = (path, body) =>
        {
            if (path == "/v1/txn" && body.Contains("/outbox/", StringComparison.Ordinal) && !body.Contains("\"delete\"", StringComparison.Ordinal))
            {
                lock (bodies)
                {
                    bodies.Add(body);
                }
            }

            return false;
        };

        _p.Writer.Record(BigRecord());
        await _p.SettleAsync();

        bodies.Count.ShouldBe(2);
        bodies[0].ShouldNotContain("/commit");
        bodies[0].ShouldNotContain("consul-alerts/checks/");
        bodies[1].ShouldContain($"consul-alerts/outbox/{Batch}/commit");
        bodies[1].ShouldContain("consul-alerts/checks/n1/_/web");
        _p.Sent.Count.ShouldBe(Deliveries);
        _p.Sent.Select(m => m.CheckId).ShouldBe(Enumerable.Range(0, Deliveries).Select(i => $"c{i}"));
        (await _p.KeysAsync(_p.Layout.Outbox)).ShouldBeEmpty("every entry and the commit record removed once delivered");
        (await _p.ReadStateAsync("n1", "web")).ShouldNotBeNull().Current.ShouldBe(CheckStatus.Critical);
    }

    [Fact]
    public async Task Record_TermEndsBetweenTheTransactionsOfABatch_ReaderFindsNoBatchAndTheStateUnchanged()
    {
        var term = await _p.TakeLockAsync();
        await _p.BeginTermAsync(term);
        _p.Faults.FailWhen = (path, body) => path == "/v1/txn" && body.Contains("/commit", StringComparison.Ordinal);

        _p.Writer.Record(BigRecord());
        await Eventually.ShouldHoldAsync(() => _p.Faults.Failed >= 1, "the batch's last transaction failed");
        term.End("the leader died");
        await _p.Writer.FlushAsync(TimeSpan.FromSeconds(30), TimeProvider.System);

        var keys = await _p.KeysAsync(_p.Layout.Outbox);
        keys.Count.ShouldBe(63, "the first transaction committed: entries only");
        keys.ShouldNotContain($"consul-alerts/outbox/{Batch}/commit");
        (await _p.ReadStateAsync("n1", "web")).ShouldBeNull("the decision is not stored without its batch");
        var contents = await new ConsulOutboxStore(_p.Client, new ConsulAlertsOptions(), NullLogger<ConsulOutboxStore>.Instance).LoadAsync(CancellationToken.None);
        contents.Entries.ShouldBeEmpty("a batch without its commit record is never taken for a whole one");
        contents.Leftovers.ShouldBe([OutboxKeys.Tree(Batch)]);
        _p.Sent.ShouldBeEmpty();
    }

    [Fact]
    public async Task Record_LastTransactionFailsOnce_RetryStoresEachEntryOnceAndDeliversEachOnce()
    {
        var term = await _p.TakeLockAsync();
        await _p.BeginTermAsync(term);
        var failures = 0;
        _p.Faults.FailWhen = (path, body) => path == "/v1/txn" && body.Contains("/commit", StringComparison.Ordinal) && Interlocked.Increment(ref failures) == 1;

        _p.Writer.Record(BigRecord());
        await Eventually.ShouldHoldAsync(() => _p.Faults.Failed == 1 && _p.Time.PendingTimers >= 1, "the failed write waits for its retry");
        (await _p.KeysAsync(_p.Layout.Outbox)).Count.ShouldBe(63);
        _p.Time.Advance(TimeSpan.FromSeconds(1));
        await _p.SettleAsync();

        _p.Sent.Select(m => m.CheckId).ShouldBe(Enumerable.Range(0, Deliveries).Select(i => $"c{i}"));
        (await _p.KeysAsync(_p.Layout.Outbox)).ShouldBeEmpty();
        _p.WriterLog.Entries.ShouldContain(e => e.Message.Contains("recovered after 1 failed attempts", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Write_NewTermWhileTheEndedTermsWriteIsUnderWay_StoredWithoutWaitingForAnotherWrite()
    {
        var first = await _p.TakeLockAsync();
        await _p.BeginTermAsync(first);
        using var entered = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();

        // The ended term's transaction is held inside the client while the next term begins and writes.
        HoldFirstTransaction(entered, release, fail: false);
        _p.Writer.Write([State("old", CheckStatus.Critical)]);
        entered.Wait(TimeSpan.FromSeconds(10)).ShouldBeTrue("the first term's write is under way");
        first.End("the leader stepped down");
        await BeginNextTermAsync(first);
        _p.Writer.Write([State("new", CheckStatus.Critical)]);

        release.Set();

        (await _p.Writer.FlushAsync(TimeSpan.FromSeconds(10), TimeProvider.System)).ShouldBeTrue("the new term's write is not stranded");
        (await _p.ReadStateAsync("n1", "new")).ShouldNotBeNull().Current.ShouldBe(CheckStatus.Critical);
    }

    [Fact]
    public async Task Write_TermEndsWhileItsWriteFails_NextTermsWritesStored()
    {
        var first = await _p.TakeLockAsync();
        await _p.BeginTermAsync(first);
        using var entered = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();

        // The ended term's transaction fails only after its term is over, so the retry gives up with the error
        // itself rather than a cancellation.
        HoldFirstTransaction(entered, release, fail: true);
        _p.Writer.Write([State("old", CheckStatus.Critical)]);
        entered.Wait(TimeSpan.FromSeconds(10)).ShouldBeTrue("the first term's write is under way");
        first.End("the leader stepped down");
        release.Set();
        (await _p.Writer.FlushAsync(TimeSpan.FromSeconds(10), TimeProvider.System)).ShouldBeTrue("the ended term's writing is over");

        await BeginNextTermAsync(first);
        _p.Writer.Write([State("new", CheckStatus.Critical)]);

        (await _p.Writer.FlushAsync(TimeSpan.FromSeconds(10), TimeProvider.System)).ShouldBeTrue("the writer still writes for the next term");
        (await _p.ReadStateAsync("n1", "new")).ShouldNotBeNull().Current.ShouldBe(CheckStatus.Critical);
        (await _p.ReadStateAsync("n1", "old")).ShouldBeNull();
    }

    [Fact]
    public async Task Write_LaterWritesOfTheSameKey_StoreTheLatest()
    {
        var term = await _p.TakeLockAsync();
        await _p.BeginTermAsync(term);

        for (var i = 0; i < 5; i++)
        {
            _p.Writer.Write([State("web", i % 2 == 0 ? CheckStatus.Critical : CheckStatus.Warning)]);
        }

        await _p.SettleAsync();
        (await _p.ReadStateAsync("n1", "web")).ShouldNotBeNull().Current.ShouldBe(CheckStatus.Critical);
    }

    [Fact]
    public async Task Write_ValueOverConsulsLimit_IsLeftOutAndTheOthersStored()
    {
        var term = await _p.TakeLockAsync();
        await _p.BeginTermAsync(term);

        _p.Writer.Write([TxnOperation.KvSet(_p.Layout.CheckState("n1/_/huge"), new byte[600 * 1024]), State("web", CheckStatus.Critical)]);
        await _p.SettleAsync();

        (await _p.ReadStateAsync("n1", "web")).ShouldNotBeNull();
        (await _p.Client.Kv.GetAsync(_p.Layout.CheckState("n1/_/huge"))).Value.ShouldBeNull();
        _p.WriterLog.Entries.ShouldContain(e => e.Message.Contains("over Consul's size limits", StringComparison.Ordinal) && e.Message.Contains("n1/_/huge", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Write_NoTerm_WritesNothing()
    {
        _p.Writer.Write([State("web", CheckStatus.Critical)]);

        (await _p.Writer.FlushAsync(TimeSpan.FromSeconds(5), TimeProvider.System)).ShouldBeTrue();
        _p.Agent.Requests.Count("PUT", "/v1/txn").ShouldBe(0);
    }

    /// <summary>The next <c>/v1/txn</c> waits inside the client until <paramref name="release"/>, then fails or passes on.</summary>
    private void HoldFirstTransaction(ManualResetEventSlim entered, ManualResetEventSlim release, bool fail)
    {
        var held = 0;
        _p.Faults.FailWhen = (path, _) =>
        {
            if (path != "/v1/txn" || Interlocked.Exchange(ref held, 1) != 0)
            {
                return false;
            }

            entered.Set();
            release.Wait(TimeSpan.FromSeconds(30));
            return fail;
        };
    }

    /// <summary>Releases the ended term's lock, takes it for another session and begins the writer's next term.</summary>
    private async Task BeginNextTermAsync(LeaderTerm ended)
    {
        (await _p.Client.Kv.PutAsync(LeaderPipeline.LockKey, ReadOnlyMemory<byte>.Empty, new KvPutOptions { Release = ended.SessionId })).ShouldBeTrue();
        var next = await _p.TakeLockAsync("second", number: 2);
        _p.Writer.Begin(next.Guard, next.Token);
    }

    private TxnOperation State(string checkId, string current) =>
        TxnOperation.KvSet(
            _p.Layout.CheckState($"n1/_/{checkId}"),
            CheckStateStore.Serialize(new CheckState { Current = current, HealthCheck = new CheckInfo { Node = "n1", CheckId = checkId, Status = current } }));

    /// <summary>One decision with 70 deliveries (one message each): more than one transaction carries.</summary>
    private WriteRecord BigRecord()
    {
        var now = _p.Time.GetUtcNow();
        var config = _p.Config.Current.Notifiers["log"];
        var deliveries = Enumerable.Range(0, Deliveries)
            .Select(i => new NotificationDelivery("log", "log", config, [Messages.Critical(checkId: $"c{i}")]) { OutboxId = OutboxKeys.Entry(Batch, i), Created = now })
            .ToList();
        var entries = deliveries.ConvertAll(d => TxnOperation.KvSet(
            _p.Layout.OutboxItem(d.OutboxId!),
            JsonSerializer.SerializeToUtf8Bytes(DecisionRecorder.ToEntry(d, d.OutboxId!), OutboxJsonContext.Default.OutboxEntry)));
        var commit = TxnOperation.KvSet(
            _p.Layout.OutboxItem(OutboxKeys.Commit(Batch)),
            JsonSerializer.SerializeToUtf8Bytes(new OutboxCommit { Entries = Deliveries }, OutboxJsonContext.Default.OutboxCommit));
        return new WriteRecord(entries, [commit, State("web", CheckStatus.Critical)], deliveries);
    }
}
