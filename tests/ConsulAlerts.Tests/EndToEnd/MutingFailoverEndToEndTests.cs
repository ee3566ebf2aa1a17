using Xunit.Abstractions;

namespace ConsulAlerts.Tests.EndToEnd;

/// <summary>
/// Muting across a leader's <c>kill -9</c>: what the old leader muted, the new one keeps muted (it reads the stored
/// states with what the notifiers last heard), and what becomes unmuted is sent once by whoever leads then.
/// </summary>
[Trait("Category", "Slow")]
public sealed class MutingFailoverEndToEndTests(ITestOutputHelper output)
{
    private const string Node = "edge-7";

    [Fact]
    public async Task LeaderKilled_WhileASilenceAndNodeDownMute_NewLeaderKeepsThemMutedAndSendsWhatIsUnmutedOnce()
    {
        await using var cluster = await ClusterHarness.CreateAsync(new ClusterOptions
        {
            Daemons = 2,
            ChangeThresholdSeconds = 1,
            SessionTtlMultiplier = 1,
            DaemonArguments = ["--leader-lock-delay=1s"],
        });
        await cluster.StartAllAsync();
        var leader = await cluster.WaitForLeaderAsync();
        var checks = Enumerable.Range(0, 5).Select(i => $"edge-disk-{i}").ToList();
        await cluster.AddTtlCheckAsync("web", "web-ttl");
        using var api = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(10) };
        var silence = await SilenceAsync(api, cluster.Daemons[leader].AlertPort, "web-ttl");
        await cluster.SetCheckAsync("web-ttl", "fail");

        await cluster.Consul.RegisterNodeChecksAsync(Node, [("serfHealth", "critical", "Agent not live or unreachable"), .. checks.Select(c => (c, "critical", "no answer"))]);
        await cluster.WaitUntilAsync(() => cluster.Notified("serfHealth", "critical") == 1, "the node-down alert");
        await cluster.WaitUntilAsync(
            async () => (await Task.WhenAll(checks.Select(c => cluster.Consul.GetRawAsync($"consul-alerts/checks/{Node}/_/{c}")))).All(s => s?.Contains("\"Notified\":\"\"", StringComparison.Ordinal) == true),
            "the node's five checks muted and stored so");
        await cluster.WaitUntilAsync(
            async () => await cluster.Consul.GetRawAsync($"consul-alerts/checks/{cluster.Node}/web/web-ttl") is { } state && state.Contains("\"Notified\":\"passing\"", StringComparison.Ordinal),
            "the silenced check muted and stored so");

        await cluster.KillAsync(leader);
        cluster.Record($"killed daemon {leader}");
        var next = await cluster.WaitForLeaderAsync(TimeSpan.FromSeconds(60), "the other daemon leading");
        next.ShouldNotBe(leader);
        await cluster.SettleAsync();
        checks.ShouldAllBe(c => cluster.Notified(c, "critical") == 0, "the new leader keeps the node's checks muted");
        cluster.Notified("web-ttl", "critical").ShouldBe(0, "the new leader keeps the silenced check muted");

        using (var expire = await api.DeleteAsync(new Uri($"http://127.0.0.1:{cluster.Daemons[next].AlertPort}/v1/silences/{silence}")))
        {
            expire.EnsureSuccessStatusCode();
        }

        await cluster.WaitUntilAsync(() => cluster.Notified("web-ttl", "critical") == 1, "the silenced check sent once the silence expired");

        await cluster.Consul.RegisterNodeChecksAsync(
            Node, [("serfHealth", "passing", "Agent alive and reachable"), .. checks.Select((c, i) => (c, i < 2 ? "critical" : "passing", "ok"))]);
        await cluster.WaitUntilAsync(() => cluster.Notified("serfHealth", "passing") == 1 && checks.Take(2).All(c => cluster.Notified(c, "critical") == 1), "the recovery and the two still failing");
        await cluster.SettleAsync();

        var context = await cluster.DescribeAsync();
        output.WriteLine(cluster.Timeline());
        cluster.Notified("serfHealth", "critical").ShouldBe(1, context);
        cluster.Notified("serfHealth", "passing").ShouldBe(1, context);
        checks.Take(2).ShouldAllBe(c => cluster.Notified(c, "critical") == 1, context);
        checks.ShouldAllBe(c => cluster.Notified(c, "passing") == 0, context);
        checks.Skip(2).ShouldAllBe(c => cluster.Notified(c, "critical") == 0, context);
        cluster.Notified("web-ttl", "critical").ShouldBe(1, context);
    }

    private static async Task<string> SilenceAsync(HttpClient api, int port, string checkId)
    {
        var body = $$"""{"matchers":[{"name":"check","value":"{{checkId}}"}],"startsAt":"{{DateTimeOffset.UtcNow.AddMinutes(-1):O}}","endsAt":"{{DateTimeOffset.UtcNow.AddHours(1):O}}","createdBy":"ops","comment":"deploy"}""";
        using var response = await api.PostAsync(new Uri($"http://127.0.0.1:{port}/v1/silences"), new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.ShouldBeTrue(text);
        using var json = System.Text.Json.JsonDocument.Parse(text);
        return json.RootElement.GetProperty("silenceID").GetString()!;
    }
}
