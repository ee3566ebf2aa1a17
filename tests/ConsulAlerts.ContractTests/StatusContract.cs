using System.Net;
using System.Text.Json;
using ConsulAlerts.ContractTests.Infrastructure;

namespace ConsulAlerts.ContractTests;

public abstract class StatusContract(ConsulAgentFixture agent) : ContractTestBase(agent)
{
    [SkippableFact]
    public async Task Leader_HealthyAgent_IsNonEmptyJsonString()
    {
        using var response = await GetAsync("v1/status/leader");

        var leader = await ExpectJsonAsync(response);
        leader.ShouldNotBeNull();
        leader.GetValueKind().ShouldBe(JsonValueKind.String);
        leader.GetValue<string>().ShouldContain(":");
    }

    [SkippableFact]
    public async Task Peers_HealthyAgent_IsArrayOfAddressStrings()
    {
        using var response = await GetAsync("v1/status/peers");

        var peers = await ExpectArrayAsync(response);
        peers.Count.ShouldBeGreaterThan(0);
        Strings(peers).ShouldAllBe(p => p.Contains(':'));
    }

    [SkippableFact]
    public async Task UnknownPath_Returns404()
    {
        using var response = await GetAsync("v1/no-such-endpoint");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
