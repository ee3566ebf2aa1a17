using System.Net;
using ConsulAlerts.Api;
using ConsulAlerts.Configuration;
using ConsulAlerts.Consul;
using ConsulAlerts.DevAgent;
using ConsulAlerts.Hosting;
using ConsulAlerts.Tests.Cli;
using ConsulAlerts.Tests.Metrics;
using Microsoft.Extensions.Logging;

namespace ConsulAlerts.Tests.Api;

public sealed class ProbeEndpointsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    public static TheoryData<bool, int?, string?> Reasons => new()
    {
        { true, 0, null },
        { true, 30, null },
        { true, 31, "Consul last answered 31 s ago" },
        { true, null, "Consul has not answered yet" },
        { false, 1, "configuration not read from Consul yet" },
        { false, null, "configuration not read from Consul yet; Consul has not answered yet" },
    };

    [Theory]
    [MemberData(nameof(Reasons))]
    public void NotReadyReason_ConfigAndContact_NullOnlyWhenBothFresh(bool loaded, int? secondsSinceContact, string? expected)
    {
        DateTimeOffset? contact = secondsSinceContact is { } s ? Now.AddSeconds(-s) : null;

        ProbeEndpoints.NotReadyReason(loaded, contact, Now).ShouldBe(expected);
    }

    [Fact]
    public async Task Get_Healthz_200WhileServing()
    {
        await using var host = await ApiTestHost.StartAsync();

        using var response = await host.Client.GetAsync(new Uri("healthz", UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldBe("ok\n");
    }

    [Fact]
    public async Task Get_Readyz_503UntilConfigLoadedAndConsulAnswered()
    {
        await using var host = await ApiTestHost.StartAsync();

        using (var before = await host.Client.GetAsync(new Uri("readyz", UriKind.Relative)))
        {
            before.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
            (await before.Content.ReadAsStringAsync()).ShouldBe("not ready: configuration not read from Consul yet; Consul has not answered yet\n");
        }

        host.Config.Publish(AlertsConfig.Default with { Revision = 3 });
        host.ConsulRequests.Record(new ConsulRequest(HttpMethod.Get, "v1/kv/consul-alerts/config/"), TimeSpan.Zero, null);

        using (var noHealthYet = await host.Client.GetAsync(new Uri("readyz", UriKind.Relative)))
        {
            noHealthYet.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
            (await noHealthYet.Content.ReadAsStringAsync()).ShouldBe("not ready: the health watch has not answered yet\n");
        }

        host.ConsulRequests.Record(new ConsulRequest(HttpMethod.Get, "v1/health/state/any"), TimeSpan.Zero, null);

        using var after = await host.Client.GetAsync(new Uri("readyz", UriKind.Relative));
        after.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await after.Content.ReadAsStringAsync()).ShouldBe("ready\n");
    }

    [Fact]
    public async Task Get_Readyz_WatchFailingWhileOtherRequestsSucceed_503UntilTheWatchAnswersAgain()
    {
        await using var host = await ApiTestHost.StartAsync();
        host.Config.Publish(AlertsConfig.Default with { Revision = 3 });
        host.ConsulRequests.Record(new ConsulRequest(HttpMethod.Get, "v1/kv/consul-alerts/config/"), TimeSpan.Zero, null);
        var health = new ConsulRequest(HttpMethod.Get, "v1/health/state/any");
        host.ConsulRequests.Record(health, TimeSpan.Zero, null);
        host.ConsulRequests.Record(health, TimeSpan.Zero, new ConsulTransportException("GET", "/v1/health/state/any", "Connection refused", isRetryable: true, null));

        // A session renewal gets through: Consul answers, but the health watch is still backing off.
        host.ConsulRequests.Record(new ConsulRequest(HttpMethod.Put, "v1/session/renew/abc"), TimeSpan.Zero, null);
        using (var stale = await host.Client.GetAsync(new Uri("readyz", UriKind.Relative)))
        {
            stale.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
            (await stale.Content.ReadAsStringAsync()).ShouldBe("not ready: the health watch's last read failed\n");
        }

        host.ConsulRequests.Record(health, TimeSpan.Zero, null);

        using var current = await host.Client.GetAsync(new Uri("readyz", UriKind.Relative));
        current.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task RunningDaemon_ConsulWithoutLeaderThenBack_Readyz503Then200AndMetricsParse()
    {
        await using var agent = await DevAgentServer.StartAsync(new DevAgentOptions());
        agent.Faults.NoLeader = true;
        var options = new ConsulAlertsOptions
        {
            AlertAddress = "127.0.0.1:0",
            LogLevel = LogLevel.Warning,
            Consul = new ConsulClientOptions { Address = agent.Address.ToString() },
        };
        await using var app = DaemonHost.Build(options, TextWriter.Null);
        using var stop = new CancellationTokenSource();
        var (running, port) = await TestNetwork.RunDaemonAsync(app, stop.Token);
        try
        {
            using var client = TestNetwork.NewClient();
            var readyz = new Uri($"http://127.0.0.1:{port}/readyz");

            using (var notReady = await client.GetAsync(readyz))
            {
                notReady.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
                (await notReady.Content.ReadAsStringAsync()).ShouldStartWith("not ready: configuration not read from Consul yet");
            }

            agent.Faults.NoLeader = false;
            await Eventually.ShouldHoldAsync(
                async () =>
                {
                    using var response = await client.GetAsync(readyz);
                    return response.StatusCode == HttpStatusCode.OK;
                },
                "/readyz to answer 200 once Consul has a leader",
                TimeSpan.FromSeconds(60),
                () => running.IsCompleted ? "the daemon stopped" : null,
                () => Task.FromResult(""));

            var scraped = await Exposition.ScrapeAsync(client, new Uri($"http://127.0.0.1:{port}/metrics"));
            scraped.Value("consul_alerts_config_loaded").ShouldBe(1);
            double noLeader = scraped.Value("consul_alerts_consul_request_errors_total", ("endpoint", "/v1/kv/*"), ("kind", "no_leader"));
            noLeader.ShouldBeGreaterThanOrEqualTo(1);
            scraped.Value("consul_alerts_consul_requests_total", ("endpoint", "/v1/kv/*")).ShouldBeGreaterThan(noLeader);
            scraped.Value("consul_alerts_watch_lag_seconds", ("watch", "config")).ShouldBeLessThan(60);
        }
        finally
        {
            await stop.CancelAsync();
            await running;
        }
    }
}
