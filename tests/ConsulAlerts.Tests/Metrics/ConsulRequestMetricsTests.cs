using System.Net;
using ConsulAlerts.Consul;
using ConsulAlerts.DevAgent;
using ConsulAlerts.Metrics;

namespace ConsulAlerts.Tests.Metrics;

public sealed class ConsulRequestMetricsTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Record_RequestsAndErrors_CountedPerTemplateAndKind()
    {
        var metrics = new ConsulRequestMetrics("consul-alerts", _time);

        metrics.Record(Get("v1/kv/consul-alerts/checks/n1/_/disk"), TimeSpan.FromMilliseconds(3), null);
        metrics.Record(Get("v1/kv/consul-alerts/reminders/n2/mem"), TimeSpan.FromMilliseconds(30), null);
        metrics.Record(Put("v1/txn"), TimeSpan.FromSeconds(2), new ConsulException(ConsulErrorKind.NoLeader, "PUT", "/v1/txn", HttpStatusCode.InternalServerError, "No cluster leader", true));
        metrics.Record(Get("v1/health/state/any"), TimeSpan.FromSeconds(31), new ConsulTransportException("GET", "/v1/health/state/any", "no answer", true, null) { IsTimeout = true });

        metrics.Requests().ShouldBe([("/v1/health/state/*", 1L), ("/v1/kv/*", 2L), ("/v1/txn", 1L)]);
        metrics.Errors().ShouldBe([("/v1/health/state/*", "timeout", 1L), ("/v1/txn", "no_leader", 1L)]);
        var kv = metrics.Latency().Single(l => l.Endpoint == "/v1/kv/*").Histogram.Snapshot();
        kv.Count.ShouldBe(2);
        kv.Sum.ShouldBe(0.033, 1e-9);
    }

    [Fact]
    public void Record_BlockingRead_CountedButNotInLatency()
    {
        var metrics = new ConsulRequestMetrics("consul-alerts", _time);

        metrics.Record(Get("v1/health/state/any") with { Query = new QueryOptions { WaitIndex = 7, WaitTime = TimeSpan.FromMinutes(5) } }, TimeSpan.FromMinutes(5), null);

        metrics.Requests().ShouldBe([("/v1/health/state/*", 1L)]);
        metrics.Latency().ShouldBeEmpty();
    }

    [Fact]
    public void Record_Successes_TrackLastAnswerAndEachWatch()
    {
        var metrics = new ConsulRequestMetrics("alerts-b", _time);
        metrics.LastAnswer.ShouldBeNull();

        metrics.Record(Get("v1/kv/alerts-b/config/"), TimeSpan.Zero, null);
        _time.Advance(TimeSpan.FromSeconds(10));
        metrics.Record(Get("v1/kv/alerts-b/leader"), TimeSpan.Zero, null);
        _time.Advance(TimeSpan.FromSeconds(10));
        metrics.Record(Get("v1/health/state/any"), TimeSpan.Zero, new ConsulException(ConsulErrorKind.Http, "GET", "/v1/health/state/any", HttpStatusCode.BadGateway, "", true));
        metrics.Record(Get("v1/kv/consul-alerts/leader"), TimeSpan.Zero, null);

        var start = new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
        metrics.WatchAnswered(ConsulRequestMetrics.ConfigWatch).ShouldBe(start);
        metrics.WatchAnswered(ConsulRequestMetrics.LeaderWatch).ShouldBe(start.AddSeconds(10));
        metrics.WatchAnswered(ConsulRequestMetrics.HealthWatch).ShouldBeNull();
        metrics.LastAnswer.ShouldBe(start.AddSeconds(20));
    }

    [Theory]
    [InlineData("Http", "http")]
    [InlineData("AclDenied", "acl_denied")]
    [InlineData("AclNotFound", "acl_not_found")]
    [InlineData("NotFound", "not_found")]
    [InlineData("SessionNotFound", "session_not_found")]
    [InlineData("Conflict", "conflict")]
    [InlineData("RateLimited", "rate_limited")]
    [InlineData("Transport", "transport")]
    public void KindLabel_ErrorKind_SnakeCase(string kind, string expected)
    {
        ConsulRequestMetrics.KindLabel(new ConsulException(Enum.Parse<ConsulErrorKind>(kind), "GET", "/v1/kv/x", null, "", true)).ShouldBe(expected);
    }

    [Fact]
    public async Task Attach_ClientRequests_AreCounted()
    {
        await using var agent = await DevAgentServer.StartAsync(new DevAgentOptions());
        using var consul = ConsulClient.Create(new ConsulClientOptions { Address = agent.Address.ToString() });
        var metrics = new ConsulRequestMetrics("consul-alerts", TimeProvider.System);
        metrics.Attach(consul.Transport);

        await consul.Kv.PutAsync("consul-alerts/config/checks/enabled", "true"u8.ToArray());
        await consul.Kv.GetAsync("consul-alerts/config/checks/enabled");
        agent.Faults.AclDenied = true;
        await Should.ThrowAsync<ConsulAclException>(() => consul.Sessions.RenewAsync("00000000-0000-0000-0000-000000000000"));

        metrics.Requests().ShouldBe([("/v1/kv/*", 2L), ("/v1/session/renew/*", 1L)]);
        metrics.Errors().ShouldBe([("/v1/session/renew/*", "acl_denied", 1L)]);
        metrics.LastAnswer.ShouldNotBeNull();
    }

    private static ConsulRequest Get(string path) => new(HttpMethod.Get, path);

    private static ConsulRequest Put(string path) => new(HttpMethod.Put, path);
}
