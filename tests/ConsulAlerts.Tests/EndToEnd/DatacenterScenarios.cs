using System.Net.Http.Json;
using System.Text.Json;
using ConsulAlerts.DevAgent;

namespace ConsulAlerts.Tests.EndToEnd;

/// <summary>
/// A daemon attached to dc1 watching dc1 and dc2 (see the subclasses: the dev agent's two datacenters in one process,
/// and two real agents joined over the WAN): a check failing in dc2 is notified once with its datacenter; dc2 going
/// down is one alert of its own and invents no recovery of its checks; dc2 back is one passing for that alert, and its
/// checks' state continues.
/// </summary>
public abstract class DatacenterScenarios(ConsulKind kind)
{
    private const string RemoteNode = "dc2-db";
    private const string DiskCheck = "disk check";
    private const string Reachability = "Consul datacenter dc2";

    [SkippableFact]
    public async Task RemoteCheckFailsThenDatacenterDownAndBack_EachNotifiedOnceWithItsDatacenter()
    {
        await using var remote = await RemoteDatacenter.StartAsync(kind);
        var options = new ClusterOptions { Daemons = 1, Consul = kind, DaemonArguments = ["--consul-dc=dc1", "--datacenters=dc1,dc2"] };
        await using var cluster = await ClusterHarness.CreateAsync(options, remote.Local);
        await using var receiver = await FlakyReceiver.StartAsync();
        using var http = new HttpClient { BaseAddress = cluster.Agent.Address };
        await cluster.Consul.PutAsync("consul-alerts/config/notifiers/webhook/enabled", "true");
        await cluster.Consul.PutAsync("consul-alerts/config/notifiers/webhook/url", receiver.Url("/hook"));
        await cluster.Consul.PutAsync("consul-alerts/config/checks/consul-health/enabled", "false");
        await RegisterAsync(http, "passing", "disk ok");
        await cluster.StartAllAsync();
        await cluster.WaitForLeaderAsync();
        await cluster.WaitUntilAsync(async () => await cluster.Consul.KeyExistsAsync($"consul-alerts/checks/dc2/{RemoteNode}/_/disk"), "dc2's check tracked under its datacenter");

        await RegisterAsync(http, "critical", "disk full");
        await cluster.WaitUntilAsync(() => cluster.Log.Count(DiskCheck, "critical") == 1, "dc2's failing check notified");
        await cluster.WaitUntilAsync(() => receiver.Accepted("disk", "critical") == 1, "dc2's failing check at the webhook");

        await remote.StopAsync(cluster);
        await cluster.WaitUntilAsync(() => cluster.Log.Count(Reachability, "critical") == 1, "dc2 unreachable, notified");
        await cluster.WaitUntilAsync(
            async () => await cluster.StatusAsync(0) is { } status && Datacenter(status.Json, "dc2") is { Reachable: false, Checks: > 0 },
            "dc2 shown unreachable with its checks kept");
        await Task.Delay(TimeSpan.FromSeconds(5)); // the outage goes on: nothing more may be sent

        await remote.StartAsync(cluster);
        await cluster.WaitUntilAsync(() => cluster.Log.Count(Reachability, "passing") == 1, "dc2 reachable again, notified", TimeSpan.FromSeconds(90));
        await RegisterAsync(http, "passing", "disk ok again");
        await cluster.WaitUntilAsync(() => cluster.Log.Count(DiskCheck, "passing") == 1, "dc2's check recovered, notified");
        await cluster.SettleAsync();

        string context = await cluster.DescribeAsync();
        cluster.Log.Statuses(DiskCheck).ShouldBe(["critical", "passing"], context);
        cluster.Log.Statuses(Reachability).ShouldBe(["critical", "passing"], context);
        cluster.Log.Lines().ShouldAllBe(line => line.Contains(DiskCheck, StringComparison.Ordinal) || line.Contains(Reachability, StringComparison.Ordinal), context);
        var disk = receiver.Requests.Where(r => r.Status == 200 && r.Messages.Any(m => m.CheckId == "disk")).ToList();
        disk.Count.ShouldBe(2, context);
        disk.ShouldAllBe(r => r.Body.Contains("\"Datacenter\":\"dc2\"", StringComparison.Ordinal), context);
        receiver.Accepted("consul-datacenter", "critical").ShouldBe(1, context);
        cluster.Daemons.ShouldAllBe(d => d.IsRunning, context);
    }

    /// <summary>Registers (or updates) the dc2 node's check through the dc1 agent, which forwards it (the body names dc2; <c>?dc=</c> is ignored there).</summary>
    private static async Task RegisterAsync(HttpClient http, string status, string output)
    {
        var body = new { Datacenter = "dc2", Node = RemoteNode, Address = "127.0.0.1", Checks = new[] { new { CheckID = "disk", Name = DiskCheck, Status = status, Output = output } } };
        using var response = await http.PutAsJsonAsync("/v1/catalog/register", body);
        response.EnsureSuccessStatusCode();
    }

    private static (bool? Reachable, int Checks)? Datacenter(string statusJson, string name)
    {
        using var document = JsonDocument.Parse(statusJson);
        if (!document.RootElement.TryGetProperty("datacenters", out var datacenters))
        {
            return null;
        }

        foreach (var datacenter in datacenters.EnumerateArray())
        {
            if (datacenter.GetProperty("name").GetString() == name)
            {
                var reachable = datacenter.GetProperty("reachable");
                return (reachable.ValueKind == JsonValueKind.Null ? null : reachable.GetBoolean(), datacenter.GetProperty("checks").GetInt32());
            }
        }

        return null;
    }

    /// <summary>dc1 (the agent the daemon uses) and a dc2 that can be stopped and started again.</summary>
    private sealed class RemoteDatacenter : IAsyncDisposable
    {
        private readonly RealConsulAgent? _dc2;
        private bool _localTaken;

        private RemoteDatacenter(ConsulUnderTest local, RealConsulAgent? dc2)
        {
            Local = local;
            _dc2 = dc2;
        }

        /// <summary>The harness disposes it.</summary>
        public ConsulUnderTest Local
        {
            get
            {
                _localTaken = true;
                return field;
            }
        }

        public static async Task<RemoteDatacenter> StartAsync(ConsulKind kind)
        {
            if (kind == ConsulKind.DevAgent)
            {
                return new RemoteDatacenter(await DevConsulUnderTest.StartAsync(new DevAgentOptions { Datacenter = "dc1", Datacenters = ["dc2"] }), null);
            }

            Skip.If(ConsulBinary.Path is null, ConsulBinary.MissingReason);
            var dc1 = await RealConsulAgent.StartAsync(new RealConsulAgentOptions { Datacenter = "dc1" });
            RealConsulAgent? dc2 = null;
            try
            {
                // A server with a data directory: stopped and started again it keeps its catalog.
                dc2 = await RealConsulAgent.StartAsync(new RealConsulAgentOptions { Datacenter = "dc2", Dev = false, RetryJoinWan = [dc1.SerfWanAddress] });
                using var http = new HttpClient { BaseAddress = dc1.Address };
                await Eventually.ShouldHoldAsync(
                    async () => (await http.GetAsync("/v1/catalog/nodes?dc=dc2")).IsSuccessStatusCode,
                    "dc1 reading dc2 over the WAN",
                    TimeSpan.FromSeconds(60));
                return new RemoteDatacenter(new RealConsulUnderTest(dc1), dc2);
            }
            catch
            {
                if (dc2 is not null)
                {
                    await dc2.DisposeAsync();
                }

                await dc1.DisposeAsync();
                throw;
            }
        }

        public async Task StopAsync(ClusterHarness cluster)
        {
            if (_dc2 is null)
            {
                cluster.DevAgent.Faults.UnreachableDatacenters = ["dc2"];
            }
            else
            {
                await _dc2.StopAsync();
            }

            cluster.Record("dc2 stopped");
        }

        public async Task StartAsync(ClusterHarness cluster)
        {
            if (_dc2 is null)
            {
                cluster.DevAgent.Faults.UnreachableDatacenters = [];
            }
            else
            {
                await _dc2.StartAgainAsync();
                await _dc2.WaitForLeaderAsync();
            }

            cluster.Record("dc2 started");
        }

        public async ValueTask DisposeAsync()
        {
            if (!_localTaken)
            {
                await Local.DisposeAsync();
            }

            if (_dc2 is not null)
            {
                await _dc2.DisposeAsync();
            }
        }
    }
}
