using System.Collections.Concurrent;
using System.Text;
using System.Threading.Channels;
using ConsulAlerts.Consul;
using ConsulAlerts.Consul.Blocking;
using ConsulAlerts.Consul.Errors;
using ConsulAlerts.Consul.Events;
using ConsulAlerts.Consul.Health;
using ConsulAlerts.Consul.Http;
using ConsulAlerts.Consul.Kv;
using ConsulAlerts.Consul.Queries;
using ConsulAlerts.DevAgent;
using Microsoft.Extensions.Logging;

namespace ConsulAlerts.Tests.Consul.Blocking;

/// <summary>Blocking loops against the dev agent over real HTTP: index resets, server errors, events.</summary>
public sealed class BlockingQueryLoopIntegrationTests : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _loops = [];
    private readonly FakeLogger<BlockingQueryLoopIntegrationTests> _logger = new();
    private DevAgentServer _agent = null!;
    private ConsulClient _client = null!;

    public async Task InitializeAsync()
    {
        _agent = await DevAgentServer.StartAsync();
        _client = ConsulClient.Create(new ConsulClientOptions { Address = _agent.Address.ToString() });
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_loops).WaitAsync(Patience);
        _client.Dispose();
        await _agent.DisposeAsync();
    }

    public void Dispose() => _stop.Dispose();

    [Fact]
    public async Task Loop_IndexGoesBackwards_DeliversResetReadsFromZeroAndKeepsWorking()
    {
        var sent = new ConcurrentQueue<ulong>();
        var delivered = StartLoop<IReadOnlyList<KvPair>>(
            (q, ct) =>
            {
                sent.Enqueue(q.WaitIndex);
                return _client.Kv.ListAsync("cfg/", q, ct);
            },
            Fast());

        (await NextAsync(delivered)).Value.ShouldBeEmpty();
        await _client.Kv.PutAsync("cfg/a", "1"u8.ToArray());
        var withA = await NextUntilAsync(delivered, r => r.Value.Count == 1);
        var highIndex = withA.LastIndex;

        _agent.Faults.ResetIndex();
        var afterReset = await NextAsync(delivered);
        afterReset.LastIndex.ShouldBeLessThan(highIndex);

        await _client.Kv.PutAsync("cfg/b", "2"u8.ToArray());
        var withB = await NextUntilAsync(delivered, r => r.Value.Count == 2);

        withB.Value.Select(p => p.Key).ShouldBe(["cfg/a", "cfg/b"]);
        sent.Count(i => i == 0).ShouldBe(2);
        sent.Skip(1).Count(i => i == 0).ShouldBe(1, "index 0 is sent once after the reset, never by accident");
    }

    [Fact]
    public async Task Loop_NoLeader_BacksOffLogsOnceAndRecovers()
    {
        var delivered = StartLoop<KvPair?>((q, ct) => _client.Kv.GetAsync("flag", q, ct), Fast() with { WaitTime = TimeSpan.FromSeconds(1) });
        (await NextAsync(delivered)).Value.ShouldBeNull();

        _agent.Faults.NoLeader = true;
        await WaitUntilAsync(() => _logger.Entries.Count(e => e.Message.Contains("still failing", StringComparison.Ordinal)) >= 2);
        _agent.Faults.NoLeader = false;
        await _client.Kv.PutAsync("flag", "on"u8.ToArray());

        var on = await NextUntilAsync(delivered, r => r.Value is not null);
        on.Value.ShouldNotBeNull().Value.ShouldBe("on"u8.ToArray());
        _logger.Entries.Count(e => e.Level == LogLevel.Warning).ShouldBe(1);
        _logger.Entries.ShouldContain(e => e.Level == LogLevel.Information && e.Message.Contains("recovered", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Loop_FailNext_RecoversWithoutRedeliveringUnchangedData()
    {
        await _client.Kv.PutAsync("svc/x", "1"u8.ToArray());
        var delivered = StartLoop<IReadOnlyList<KvPair>>((q, ct) => _client.Kv.ListAsync("svc/", q, ct), Fast() with { WaitTime = TimeSpan.FromSeconds(1) });
        var first = await NextAsync(delivered);

        _agent.Faults.FailNext(3, 500, "No cluster leader");
        await WaitUntilAsync(() => _agent.Faults.PendingFailures == 0);
        await WaitUntilAsync(() => _logger.Entries.Any(e => e.Message.Contains("recovered after 3", StringComparison.Ordinal)));
        await _client.Kv.PutAsync("svc/z", "2"u8.ToArray());

        var next = await NextAsync(delivered);
        next.Value.Select(p => p.Key).ShouldBe(["svc/x", "svc/z"]);
        next.LastIndex.ShouldBeGreaterThan(first.LastIndex);
    }

    [Fact]
    public async Task Loop_ServerKeepsFailing_DoesNotBusyLoop()
    {
        _agent.Faults.AclDenied = true;
        StartLoop<KvPair?>((q, ct) => _client.Kv.GetAsync("k", q, ct), Fast() with { InitialBackoff = TimeSpan.FromMilliseconds(100), MaxBackoff = TimeSpan.FromMilliseconds(400) });

        await WaitUntilAsync(() => _agent.Requests.Count("GET", "/v1/kv/k") >= 3);
        await Task.Delay(TimeSpan.FromSeconds(1));

        // 100 + 200 + 400 + 400 ... ms: at most a handful per second, however fast the machine; a busy loop makes thousands.
        _agent.Requests.Count("GET", "/v1/kv/k").ShouldBeLessThan(20);
    }

    [Fact]
    public async Task Loop_ReadFailsAsTheStopComes_EndsWithoutAnError()
    {
        // The race that once let an ACL error escape at shutdown: the stop arrives while a read is failing.
        StartLoop<KvPair?>(
            async (q, ct) =>
            {
                await _stop.CancelAsync();
                throw new ConsulAclException(ConsulErrorKind.AclDenied, "GET", "/v1/kv/k", "Permission denied");
            },
            Fast());

        await Task.WhenAll(_loops).WaitAsync(Patience);

        _loops.ShouldAllBe(l => l.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task Loop_HealthState_SeesCheckGoCritical()
    {
        await RegisterTtlCheckAsync("ttl-1");
        var delivered = StartLoop<IReadOnlyList<HealthCheck>>((q, ct) => _client.Health.StateAsync(HealthState.Any, q, ct), Fast());
        await NextUntilAsync(delivered, r => r.Value.Any(c => c.CheckId == "ttl-1" && c.Status == "passing"));

        await PutAsync("v1/agent/check/fail/ttl-1?note=disk%20full");

        var critical = await NextUntilAsync(delivered, r => r.Value.Any(c => c.CheckId == "ttl-1" && c.Status == "critical"));
        critical.Value.Single(c => c.CheckId == "ttl-1").Output.ShouldBe("disk full");
    }

    [Fact]
    public async Task Loop_EventListInEqualityMode_DeliversEachNewEventOnce()
    {
        var sent = new ConcurrentQueue<ulong>();
        var delivered = StartLoop<IReadOnlyList<UserEvent>>(
            (q, ct) =>
            {
                sent.Enqueue(q.WaitIndex);
                return _client.Events.ListAsync("deploy", q, ct);
            },
            Fast() with { IndexMode = BlockingIndexMode.Equality });

        (await NextAsync(delivered)).Value.ShouldBeEmpty();
        var first = await _client.Events.FireAsync("deploy", "1"u8.ToArray());
        (await NextAsync(delivered)).Value.Select(e => e.Id).ShouldBe([first.Id]);
        var second = await _client.Events.FireAsync("deploy", "2"u8.ToArray());
        var both = await NextAsync(delivered);

        both.Value.Select(e => e.Id).ShouldBe([first.Id, second.Id]);
        both.LastIndex.ShouldBe(UserEvent.IndexOf(second.Id).ShouldNotBeNull());
        await _client.Events.FireAsync("unrelated");
        var third = await _client.Events.FireAsync("deploy", "3"u8.ToArray());

        // Handed on in order: had the other name's event woken the loop, this answer would not hold the third one.
        (await NextAsync(delivered)).Value.Select(e => e.Id).ShouldBe([first.Id, second.Id, third.Id], "an event with another name changes nothing");
        sent.Skip(1).ShouldNotContain(0ul);
    }

    private static BlockingQueryLoopOptions Fast() => new()
    {
        WaitTime = TimeSpan.FromSeconds(5),
        InitialBackoff = TimeSpan.FromMilliseconds(50),
        MaxBackoff = TimeSpan.FromMilliseconds(200),
        RateLimitInterval = TimeSpan.FromMilliseconds(20),
    };

    private static async Task<QueryResult<T>> NextAsync<T>(ChannelReader<QueryResult<T>> delivered)
    {
        using var cts = new CancellationTokenSource(Patience);
        return await delivered.ReadAsync(cts.Token);
    }

    private static async Task<QueryResult<T>> NextUntilAsync<T>(ChannelReader<QueryResult<T>> delivered, Func<QueryResult<T>, bool> condition)
    {
        while (true)
        {
            var result = await NextAsync(delivered);
            if (condition(result))
            {
                return result;
            }
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var cts = new CancellationTokenSource(Patience);
        while (!condition())
        {
            await Task.Delay(20, cts.Token);
        }
    }

    private ChannelReader<QueryResult<T>> StartLoop<T>(Func<QueryOptions, CancellationToken, Task<QueryResult<T>>> query, BlockingQueryLoopOptions options)
    {
        var channel = Channel.CreateUnbounded<QueryResult<T>>();
        var loop = new BlockingQueryLoop<T>(
            "integration",
            query,
            (result, ct) => channel.Writer.WriteAsync(result, ct).AsTask(),
            options,
            _logger);
        _loops.Add(Task.Run(() => loop.RunAsync(_stop.Token)));
        return channel.Reader;
    }

    private Task RegisterTtlCheckAsync(string checkId) =>
        PutAsync("v1/agent/check/register", $$"""{"ID":"{{checkId}}","Name":"{{checkId}}","TTL":"60s","Status":"passing"}""");

    private async Task PutAsync(string path, string? json = null)
    {
        using var http = new HttpClient { BaseAddress = _agent.Address };
        using var content = new StringContent(json ?? "", Encoding.UTF8, "application/json");
        using var response = await http.PutAsync(new Uri(path, UriKind.Relative), content);
        response.EnsureSuccessStatusCode();
    }
}
