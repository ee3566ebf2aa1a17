using System.Diagnostics;
using System.Net;
using Xunit.Abstractions;

namespace ConsulAlerts.Tests.EndToEnd;

/// <summary>
/// Recovery after Consul goes away long enough for the leader's session to lapse: /readyz tells, the daemon follows
/// Consul again within seconds of its return, and the new term decides on what Consul says now, not on what it said
/// before the outage.
/// </summary>
public sealed class ConsulOutageEndToEndTests(ITestOutputHelper output)
{
    [Fact]
    public async Task ConsulAwayWhileACheckWasPendingAndItWasRemoved_NewTermNeverNotifiesItAndFollowsConsulAtOnce()
    {
        await using var cluster = await ClusterHarness.CreateAsync(new ClusterOptions
        {
            Daemons = 1,
            ThroughProxy = true,
            ChangeThresholdSeconds = 5,
            SessionTtlMultiplier = 1,
            DaemonArguments = ["--leader-lock-delay=1s"],
        });
        var proxy = cluster.Proxy.ShouldNotBeNull();
        using var api = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        await cluster.StartAllAsync();
        await cluster.AddTtlCheckAsync("web", "web-ttl");
        await cluster.AddTtlCheckAsync("gone", "gone-ttl");
        await cluster.WaitUntilAsync(async () => await ReadyzAsync(api, cluster) == HttpStatusCode.OK, "ready before the outage");

        // gone-ttl fails and is recorded as pending; Consul goes away before its 5 s threshold, and while it is away
        // the service is removed: the check no longer exists when Consul comes back.
        await cluster.SetCheckAsync("gone-ttl", "fail");
        await cluster.WaitUntilAsync(
            async () => (await cluster.Consul.GetRawAsync($"consul-alerts/checks/{cluster.Node}/gone/gone-ttl"))?.Contains("\"Pending\":\"critical\"", StringComparison.Ordinal) == true,
            "gone-ttl pending in the stored state");
        proxy.Stop();
        cluster.Record("outage: connection refused");
        await cluster.Consul.DeregisterServiceAsync("gone");
        var notReady = false;
        var outage = Stopwatch.StartNew();
        while (outage.Elapsed < TimeSpan.FromSeconds(15)) // past the session TTL: the term ends
        {
            notReady |= await ReadyzAsync(api, cluster) == HttpStatusCode.ServiceUnavailable;
            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }

        proxy.Start();
        cluster.Record("Consul back");
        var back = Stopwatch.StartNew();

        await cluster.WaitForLeaderAsync(TimeSpan.FromSeconds(40), "a leader again after the outage");
        await cluster.SetCheckAsync("web-ttl", "fail");
        await cluster.WaitUntilAsync(() => cluster.Notified("web-ttl", "critical") == 1, "a failure after the outage notified", TimeSpan.FromSeconds(30));
        var notifiedAfter = back.Elapsed;
        await cluster.WaitUntilAsync(async () => await ReadyzAsync(api, cluster) == HttpStatusCode.OK, "ready again");

        string context = await cluster.DescribeAsync();
        output.WriteLine($"web-ttl notified {notifiedAfter.TotalSeconds:0.0} s after Consul came back (threshold 5 s)");
        cluster.Notified("gone-ttl", "critical").ShouldBe(0, "a check removed during the outage was notified from a stale snapshot\n" + context);
        cluster.Log.Lines().Length.ShouldBe(1, context);
        notReady.ShouldBeTrue("/readyz said ready while the watches could not reach Consul\n" + context);
        cluster.Daemons[0].Process.Output.ShouldContain("Consul watch health/state/any recovered", Case.Sensitive, context);
    }

    private static async Task<HttpStatusCode?> ReadyzAsync(HttpClient api, ClusterHarness cluster)
    {
        try
        {
            using var response = await api.GetAsync(new Uri($"http://127.0.0.1:{cluster.Daemons[0].AlertPort}/readyz"));
            return response.StatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }
}
