using System.Net;
using System.Text.Json;
using ConsulAlerts.ContractTests.Infrastructure;

namespace ConsulAlerts.ContractTests;

[Collection(ConsulApiGroup.Name)]
public sealed class StatusContractTests(ConsulAgentFixture agent) : ContractTestBase(agent)
{
    [Fact]
    public async Task Leader_HealthyAgent_IsNonEmptyJsonString()
    {
        using var response = await GetAsync("v1/status/leader");

        var leader = await ExpectJsonAsync(response);
        leader.ShouldNotBeNull();
        leader.GetValueKind().ShouldBe(JsonValueKind.String);
        leader.GetValue<string>().ShouldContain(":");
    }

    [Fact]
    public async Task Peers_HealthyAgent_IsArrayOfAddressStrings()
    {
        using var response = await GetAsync("v1/status/peers");

        var peers = await ExpectArrayAsync(response);
        peers.Count.ShouldBeGreaterThan(0);
        Strings(peers).ShouldAllBe(p => p.Contains(':'));
    }

    [Fact]
    public async Task UnknownPath_Returns404()
    {
        using var response = await GetAsync("v1/no-such-endpoint");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
