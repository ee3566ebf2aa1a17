using System.Text.Json;

namespace ConsulAlerts.Tests.Testing;

/// <summary>The real Consul launcher the real-agent tests share: what later tests rely on it to do.</summary>
public sealed class RealConsulAgentTests
{
    [SkippableFact]
    public async Task PauseThenResume_FrozenAgentAnswersNothingUntilThawed()
    {
        Skip.If(ConsulBinary.Path is null, ConsulBinary.MissingReason);
        await using var agent = await RealConsulAgent.StartAsync();

        await agent.PauseAsync();
        var whilePaused = await agent.LeaderAsync();
        await agent.ResumeAsync();
        var afterResume = await agent.LeaderAsync();

        whilePaused.ShouldBeNull("a SIGSTOPped agent keeps its socket but never answers");
        afterResume.ShouldBe($"127.0.0.1:{agent.ServerPort}");
    }

    [SkippableFact]
    public async Task RestartAsync_DevMode_ComesBackOnTheSamePortWithoutItsData()
    {
        Skip.If(ConsulBinary.Path is null, ConsulBinary.MissingReason);
        await using var agent = await RealConsulAgent.StartAsync();
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = agent.Address };
        (await http.PutAsync(new Uri("v1/kv/launcher/key", UriKind.Relative), new StringContent("v"))).EnsureSuccessStatusCode();
        var pid = agent.ProcessId;

        await agent.RestartAsync();

        agent.ProcessId.ShouldNotBe(pid);
        agent.Starts.ShouldBe(2);
        using var response = await http.GetAsync(new Uri("v1/kv/launcher/key", UriKind.Relative));
        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.NotFound);
    }

    [SkippableFact]
    public async Task RetryJoinWan_TwoDatacenters_EachSeesTheOther()
    {
        Skip.If(ConsulBinary.Path is null, ConsulBinary.MissingReason);
        await using var first = await RealConsulAgent.StartAsync(new RealConsulAgentOptions { Datacenter = "east" });
        await using var second = await RealConsulAgent.StartAsync(new RealConsulAgentOptions { Datacenter = "west", RetryJoinWan = [first.SerfWanAddress] });
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = first.Address };

        string[] datacenters = [];
        await Eventually.ShouldHoldAsync(
            async () => (datacenters = JsonSerializer.Deserialize<string[]>(await http.GetStringAsync(new Uri("v1/catalog/datacenters", UriKind.Relative)))!).Length >= 2,
            "each datacenter sees the other");

        datacenters.ShouldBe(["east", "west"], ignoreOrder: true);
    }
}
