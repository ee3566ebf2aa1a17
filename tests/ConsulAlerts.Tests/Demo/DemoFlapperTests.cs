using System.Text.Json;
using ConsulAlerts.Consul;
using ConsulAlerts.Consul.Http;
using ConsulAlerts.Demo;
using ConsulAlerts.DevAgent;

namespace ConsulAlerts.Tests.Demo;

public sealed class DemoFlapperTests
{
    [Fact]
    public async Task StepAsync_ScheduleChanges_AgentCheckFollows()
    {
        await using var agent = await DevAgentServer.StartAsync(new DevAgentOptions());
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = agent.Address };
        using var consul = ConsulClient.Create(new ConsulClientOptions { Address = $"127.0.0.1:{agent.Port}" });
        var check = new DemoCheck("svc", "svc-check", "Svc", TimeSpan.FromSeconds(40), TimeSpan.Zero, TimeSpan.FromSeconds(20), "critical", "down", "up");
        using var errors = new StringWriter();
        var flapper = new DemoFlapper(new DemoSeeder(http, consul), [check], TimeProvider.System, errors);

        await flapper.RegisterAsync(CancellationToken.None);
        (await StatusAsync(http)).ShouldBe(("critical", "down"));

        await flapper.StepAsync(TimeSpan.FromSeconds(25), CancellationToken.None);
        (await StatusAsync(http)).ShouldBe(("passing", "up"));

        await flapper.StepAsync(TimeSpan.FromSeconds(41), CancellationToken.None);
        (await StatusAsync(http)).ShouldBe(("critical", "down"));
        errors.ToString().ShouldBeEmpty();
    }

    [Fact]
    public async Task StepAsync_AgentGone_ReportsOnceAndKeepsGoing()
    {
        var agent = await DevAgentServer.StartAsync(new DevAgentOptions());
        var address = agent.Address;
        await agent.DisposeAsync();
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = address };
        using var consul = ConsulClient.Create(new ConsulClientOptions { Address = $"127.0.0.1:{address.Port}" });
        using var errors = new StringWriter();
        var flapper = new DemoFlapper(new DemoSeeder(http, consul), DemoSetup.Checks, TimeProvider.System, errors);

        await flapper.StepAsync(TimeSpan.FromSeconds(1), CancellationToken.None);
        await flapper.StepAsync(TimeSpan.FromSeconds(2), CancellationToken.None);

        errors.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).ShouldHaveSingleItem().ShouldContain("cannot update the demo checks");
    }

    private static async Task<(string Status, string Output)> StatusAsync(HttpClient http)
    {
        using var document = JsonDocument.Parse(await http.GetStringAsync(new Uri("v1/health/checks/svc", UriKind.Relative)));
        var check = document.RootElement.EnumerateArray().Single();
        return (check.GetProperty("Status").GetString()!, check.GetProperty("Output").GetString()!);
    }
}
