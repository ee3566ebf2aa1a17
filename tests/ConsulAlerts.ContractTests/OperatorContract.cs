using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using ConsulAlerts.ContractTests.Infrastructure;

namespace ConsulAlerts.ContractTests;

/// <summary>
/// <c>/v1/operator/autopilot/health</c>, <c>/v1/operator/raft/configuration</c> and <c>/v1/status/peers</c> on a single
/// healthy server (what a dev-mode agent is): the shape the daemon's cluster-health checks read.
/// </summary>
public abstract class OperatorContract(ConsulAgentFixture agent) : ContractTestBase(agent)
{
    private static readonly string[] AutopilotServerFields =
        ["ID", "Name", "Address", "SerfStatus", "Version", "Leader", "LastContact", "LastTerm", "LastIndex", "Healthy", "Voter", "StableSince"];

    private static readonly string[] RaftServerFields = ["ID", "Node", "Address", "Leader", "ProtocolVersion", "Voter"];

    [SkippableFact]
    public async Task AutopilotHealth_SingleServer_HealthyWithNoFailureTolerance()
    {
        using var response = await GetAsync("v1/operator/autopilot/health");

        var body = (await ExpectJsonAsync(response))!.AsObject();
        Keys(body).ShouldBe(["Healthy", "FailureTolerance", "Servers"]);
        body["Healthy"]!.GetValue<bool>().ShouldBeTrue();
        body["FailureTolerance"]!.GetValue<int>().ShouldBe(0);
        Header(response, "Content-Type").ShouldBe("application/json");
        body["Servers"]!.AsArray().Count.ShouldBe(1);
    }

    [SkippableFact]
    public async Task AutopilotHealth_SingleServer_DescribesTheLeaderInConsulsFields()
    {
        using var response = await GetAsync("v1/operator/autopilot/health");

        var server = (await ExpectJsonAsync(response))!["Servers"]!.AsArray().Single()!.AsObject();
        Keys(server).ShouldBe(AutopilotServerFields);
        Str(server["Name"]).ShouldBe(await Agent.NodeNameAsync());
        Guid.TryParse(Str(server["ID"]), out _).ShouldBeTrue();
        (Str(server["Address"]) ?? "").ShouldContain(":");
        Str(server["SerfStatus"]).ShouldBe("alive");
        Str(server["Version"]).ShouldBe((await Agent.VersionAsync()).ToString());
        server["Leader"]!.GetValue<bool>().ShouldBeTrue();
        Str(server["LastContact"]).ShouldBe("0s");
        server["LastTerm"]!.GetValue<ulong>().ShouldBeGreaterThan(0UL);
        server["LastIndex"]!.GetValue<ulong>().ShouldBeGreaterThan(0UL);
        server["Healthy"]!.GetValue<bool>().ShouldBeTrue();
        server["Voter"]!.GetValue<bool>().ShouldBeTrue();
        // Go's time.Time, rounded to the second and in UTC.
        var stableSince = Str(server["StableSince"]);
        DateTime.TryParseExact(stableSince, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
            .ShouldBeTrue($"StableSince was {stableSince}");
    }

    [SkippableFact]
    public async Task RaftConfiguration_SingleServer_ListsOneLeaderVoterWithIndexZero()
    {
        using var response = await GetAsync("v1/operator/raft/configuration");

        var body = (await ExpectJsonAsync(response))!.AsObject();
        Keys(body).ShouldBe(["Servers", "Index"]);
        // Consul 1.10.12 reports Index 0 whatever the configuration's history.
        body["Index"]!.GetValue<ulong>().ShouldBe(0UL);
        var server = body["Servers"]!.AsArray().Single()!.AsObject();
        Keys(server).ShouldBe(RaftServerFields);
        Str(server["Node"]).ShouldBe(await Agent.NodeNameAsync());
        server["Leader"]!.GetValue<bool>().ShouldBeTrue();
        Str(server["ProtocolVersion"]).ShouldBe("3");
        server["Voter"]!.GetValue<bool>().ShouldBeTrue();
    }

    [SkippableFact]
    public async Task OperatorEndpoints_Read_SendNoIndexOrLeaderHeaders()
    {
        foreach (var path in new[] { "v1/operator/autopilot/health", "v1/operator/raft/configuration" })
        {
            using var response = await GetAsync(path);

            await ExpectJsonAsync(response);
            Header(response, "X-Consul-Index").ShouldBeNull(path);
            Header(response, "X-Consul-KnownLeader").ShouldBeNull(path);
        }
    }

    [SkippableFact]
    public async Task RaftConfigurationAndAutopilot_SameServer_AgreeOnIdAndAddress()
    {
        using var raft = await GetAsync("v1/operator/raft/configuration");
        using var health = await GetAsync("v1/operator/autopilot/health");

        var raftServer = (await ExpectJsonAsync(raft))!["Servers"]![0]!;
        var healthServer = (await ExpectJsonAsync(health))!["Servers"]![0]!;
        Str(raftServer["ID"]).ShouldBe(Str(healthServer["ID"]));
        Str(raftServer["Address"]).ShouldBe(Str(healthServer["Address"]));
    }

    [SkippableFact]
    public async Task StatusPeersAndLeader_SingleServer_AreTheRaftAddress()
    {
        using var raft = await GetAsync("v1/operator/raft/configuration");
        using var peers = await GetAsync("v1/status/peers");
        using var leader = await GetAsync("v1/status/leader");

        var address = Str((await ExpectJsonAsync(raft))!["Servers"]![0]!["Address"]);
        Strings(await ExpectArrayAsync(peers)).ShouldBe([address!]);
        Str(await ExpectJsonAsync(leader)).ShouldBe(address);
    }

    [SkippableFact]
    public async Task AutopilotHealth_Put_Returns405()
    {
        using var response = await PutAsync("v1/operator/autopilot/health");

        response.StatusCode.ShouldBe(HttpStatusCode.MethodNotAllowed);
    }

    private static string[] Keys(JsonObject json) => [.. json.Select(p => p.Key)];
}
