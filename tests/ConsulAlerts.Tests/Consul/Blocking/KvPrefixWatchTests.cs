using System.Net;
using System.Text;
using ConsulAlerts.Consul;
using ConsulAlerts.Consul.Blocking;
using ConsulAlerts.Consul.Http;
using ConsulAlerts.Consul.Kv;
using ConsulAlerts.Tests.EndToEnd;

namespace ConsulAlerts.Tests.Consul.Blocking;

public sealed class KvPrefixWatchTests
{
    private static readonly BlockingQueryLoopOptions Unthrottled = new() { WaitTime = TimeSpan.FromSeconds(30), RateLimitInterval = TimeSpan.Zero };

    [SkippableTheory]
    [InlineData(ConsulKind.DevAgent)]
    [InlineData(ConsulKind.RealAgent)]
    public async Task RunAsync_EmptyPrefix_AnchoredAndNotWokenByWritesElsewhere(ConsulKind kind)
    {
        await using var agent = await ConsulUnderTest.StartAsync(kind);
        var options = new ConsulClientOptions { Address = agent.Address.ToString() };
        using var counting = new CountingHandler("/v1/kv/anchor-test/silences/");
        using var consul = new ConsulClient(new HttpClient(counting) { Timeout = Timeout.InfiniteTimeSpan }, options);
        using var other = ConsulClient.Create(options);
        var answers = new List<IReadOnlyList<KvPair>>();
        using var stop = new CancellationTokenSource();
        var loop = KvPrefixWatch.Create(
            consul, "anchor-test/silences/", (result, _) => { lock (answers) { answers.Add(result.Value); } return Task.CompletedTask; },
            Unthrottled, new FakeLogger(), TimeProvider.System);
        var running = loop.RunAsync(stop.Token);
        try
        {
            await Eventually.ShouldHoldAsync(
                () => { lock (answers) { return answers.Any(a => a.Count == 1); } }, "the watch to read its own folder key", TimeSpan.FromSeconds(20));
            var readsBefore = counting.Reads;

            // Writes beside the prefix: the daemon's own state writes, or any other application's keys.
            for (var i = 0; i < 20; i++)
            {
                await other.Kv.PutAsync($"anchor-test/checks/node-{i}", Encoding.UTF8.GetBytes("x"));
                await Task.Delay(25);
            }

            await Task.Delay(500);
            (counting.Reads - readsBefore).ShouldBeLessThanOrEqualTo(1, "a blocking read of an anchored prefix waits through writes elsewhere");
            var folder = (await other.Kv.GetAsync("anchor-test/silences/")).Value;
            folder.ShouldNotBeNull();
            (folder.Value ?? []).Length.ShouldBe(0);

            // Still a watch: a key below the prefix is read at once.
            await other.Kv.PutAsync("anchor-test/silences/s1", Encoding.UTF8.GetBytes("{}"));
            await Eventually.ShouldHoldAsync(
                () => { lock (answers) { return answers[^1].Any(p => p.Key == "anchor-test/silences/s1"); } }, "the new key read", TimeSpan.FromSeconds(20));
        }
        finally
        {
            await stop.CancelAsync();
            await running;
        }
    }

    [Fact]
    public async Task RunAsync_TokenMayNotWriteTheFolderKey_TriesOnceLogsOnceAndKeepsWatching()
    {
        using var handler = new DenyingAgentHandler();
        using var consul = new ConsulClient(new HttpClient(handler), new ConsulClientOptions { Address = "127.0.0.1:8500" });
        var log = new FakeLogger();
        var reads = 0;
        using var stop = new CancellationTokenSource();
        var loop = KvPrefixWatch.Create(
            consul, "denied/silences/", (_, _) => { if (Interlocked.Increment(ref reads) >= 5) { stop.Cancel(); } return Task.CompletedTask; },
            Unthrottled, log, TimeProvider.System);

        await loop.RunAsync(stop.Token);

        reads.ShouldBe(5);
        handler.Puts.ShouldBe(1);
        log.Collector.GetSnapshot().Count(r => r.Id.Id == 1106).ShouldBe(1);
        log.Collector.GetSnapshot().Single(r => r.Id.Id == 1106).Message.ShouldContain("consul kv put denied/silences/");
    }

    /// <summary>Counts the GETs of one path on their way to a real agent.</summary>
    private sealed class CountingHandler(string path) : DelegatingHandler(new SocketsHttpHandler { UseProxy = false })
    {
        private int _reads;

        public int Reads => Volatile.Read(ref _reads);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Method == HttpMethod.Get && request.RequestUri!.AbsolutePath == path)
            {
                Interlocked.Increment(ref _reads);
            }

            return base.SendAsync(request, cancellationToken);
        }
    }

    /// <summary>An agent whose prefix is empty (each read a new index, as Consul gives it) and whose token may not write.</summary>
    private sealed class DenyingAgentHandler : HttpMessageHandler
    {
        private int _puts;
        private int _index = 10;

        public int Puts => Volatile.Read(ref _puts);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Method == HttpMethod.Put)
            {
                Interlocked.Increment(ref _puts);
                return Task.FromResult(new HttpResponseMessage(HttpStatusCode.Forbidden) { Content = new StringContent("Permission denied") });
            }

            var response = new HttpResponseMessage(HttpStatusCode.NotFound) { Content = new StringContent("") };
            response.Headers.Add("X-Consul-Index", Interlocked.Increment(ref _index).ToString(System.Globalization.CultureInfo.InvariantCulture));
            response.Headers.Add("X-Consul-KnownLeader", "true");
            response.Headers.Add("X-Consul-LastContact", "0");
            return Task.FromResult(response);
        }
    }
}
