using System.Net;
using ConsulAlerts.Consul;
using ConsulAlerts.DevAgent;
using ConsulAlerts.Metrics;
using Prometheus;

namespace ConsulAlerts.Tests.Metrics;

public sealed class ConsulRequestMetricsTests
{
    private const string Requests = "consul_alerts_consul_requests_total";
    private const string Errors = "consul_alerts_consul_request_errors_total";
    private const string Duration = "consul_alerts_consul_request_duration_seconds";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero));
    private readonly CollectorRegistry _registry = Prometheus.Metrics.NewCustomRegistry();

    [Fact]
    public async Task Record_RequestsAndErrors_CountedPerTemplateAndKind()
    {
        var metrics = new ConsulRequestMetrics("consul-alerts", _time, _registry);

        metrics.Record(Get("v1/kv/consul-alerts/checks/n1/_/disk"), TimeSpan.FromMilliseconds(3), null);
        metrics.Record(Get("v1/kv/consul-alerts/reminders/n2/mem"), TimeSpan.FromMilliseconds(30), null);
        metrics.Record(Put("v1/txn"), TimeSpan.FromSeconds(2), new ConsulException(ConsulErrorKind.NoLeader, "PUT", "/v1/txn", HttpStatusCode.InternalServerError, "No cluster leader", true));
        metrics.Record(Get("v1/health/state/any"), TimeSpan.FromSeconds(31), new ConsulTransportException("GET", "/v1/health/state/any", "no answer", true, null) { IsTimeout = true });

        var scraped = await Exposition.CollectAsync(_registry);
        scraped.Samples(Requests).Count.ShouldBe(3);
        scraped.Value(Requests, ("endpoint", "/v1/health/state/*")).ShouldBe(1);
        scraped.Value(Requests, ("endpoint", "/v1/kv/*")).ShouldBe(2);
        scraped.Value(Requests, ("endpoint", "/v1/txn")).ShouldBe(1);
        scraped.Samples(Errors).Count.ShouldBe(2);
        scraped.Value(Errors, ("endpoint", "/v1/health/state/*"), ("kind", "timeout")).ShouldBe(1);
        scraped.Value(Errors, ("endpoint", "/v1/txn"), ("kind", "no_leader")).ShouldBe(1);
        scraped.Value(Duration + "_count", ("endpoint", "/v1/kv/*")).ShouldBe(2);
        scraped.Value(Duration + "_sum", ("endpoint", "/v1/kv/*")).ShouldBe(0.033, 1e-9);
        scraped.Value(Duration + "_bucket", ("endpoint", "/v1/kv/*"), ("le", "0.005")).ShouldBe(1);
        scraped.Value(Duration + "_bucket", ("endpoint", "/v1/kv/*"), ("le", "0.05")).ShouldBe(2);
        scraped.Value(Duration + "_bucket", ("endpoint", "/v1/health/state/*"), ("le", "30")).ShouldBe(0);
        scraped.Value(Duration + "_bucket", ("endpoint", "/v1/health/state/*"), ("le", "+Inf")).ShouldBe(1);
    }

    [Fact]
    public async Task Record_BlockingRead_CountedButNotInLatency()
    {
        var metrics = new ConsulRequestMetrics("consul-alerts", _time, _registry);

        metrics.Record(Get("v1/health/state/any") with { Query = new QueryOptions { WaitIndex = 7, WaitTime = TimeSpan.FromMinutes(5) } }, TimeSpan.FromMinutes(5), null);

        var scraped = await Exposition.CollectAsync(_registry);
        scraped.Value(Requests, ("endpoint", "/v1/health/state/*")).ShouldBe(1);
        scraped.Type(Duration).ShouldBe("histogram");
        scraped.Samples(Duration + "_count").ShouldBeEmpty();
    }

    [Fact]
    public void Record_Successes_TrackLastAnswerAndEachWatch()
    {
        var metrics = new ConsulRequestMetrics("alerts-b", _time, _registry);
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
        var metrics = new ConsulRequestMetrics("consul-alerts", TimeProvider.System, _registry);
        metrics.Attach(consul.Transport);

        await consul.Kv.PutAsync("consul-alerts/config/checks/enabled", "true"u8.ToArray());
        await consul.Kv.GetAsync("consul-alerts/config/checks/enabled");
        agent.Faults.AclDenied = true;
        await Should.ThrowAsync<ConsulAclException>(() => consul.Sessions.RenewAsync("00000000-0000-0000-0000-000000000000"));

        var scraped = await Exposition.CollectAsync(_registry);
        scraped.Samples(Requests).Count.ShouldBe(2);
        scraped.Value(Requests, ("endpoint", "/v1/kv/*")).ShouldBe(2);
        scraped.Value(Requests, ("endpoint", "/v1/session/renew/*")).ShouldBe(1);
        scraped.Samples(Errors).ShouldHaveSingleItem();
        scraped.Value(Errors, ("endpoint", "/v1/session/renew/*"), ("kind", "acl_denied")).ShouldBe(1);
        metrics.LastAnswer.ShouldNotBeNull();
    }

    private static ConsulRequest Get(string path) => new(HttpMethod.Get, path);

    private static ConsulRequest Put(string path) => new(HttpMethod.Put, path);
}
