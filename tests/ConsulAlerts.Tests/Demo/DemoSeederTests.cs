using System.Text.Json;
using ConsulAlerts.Consul;
using ConsulAlerts.Consul.Http;
using ConsulAlerts.Demo;
using ConsulAlerts.Tests.EndToEnd;

namespace ConsulAlerts.Tests.Demo;

/// <summary>The demo's seeder uses only what a real Consul accepts: the same calls succeed on the dev agent and a real one.</summary>
public sealed class DemoSeederTests
{
    [SkippableTheory]
    [InlineData(ConsulKind.DevAgent)]
    [InlineData(ConsulKind.RealAgent)]
    public async Task RegisterAsync_EveryDemoCheck_AgentHasItWithItsNameAndStatus(ConsulKind kind)
    {
        await using var agent = await ConsulUnderTest.StartAsync(kind);
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = agent.Address };
        using var consul = ConsulClient.Create(new ConsulClientOptions { Address = $"127.0.0.1:{agent.Port}" });
        var seeder = new DemoSeeder(http, consul);

        foreach (var check in DemoSetup.Checks)
        {
            await seeder.RegisterAsync(check, check.BadStatus, CancellationToken.None);
        }

        using var document = JsonDocument.Parse(await http.GetStringAsync(new Uri("v1/agent/checks", UriKind.Relative)));
        foreach (var check in DemoSetup.Checks)
        {
            var registered = document.RootElement.GetProperty(check.CheckId);
            registered.GetProperty("Name").GetString().ShouldBe(check.CheckName);
            registered.GetProperty("ServiceID").GetString().ShouldBe(check.ServiceId);
            registered.GetProperty("Status").GetString().ShouldBe(check.BadStatus);
            registered.GetProperty("Output").GetString().ShouldBe(check.BadOutput);
        }
    }

    [SkippableTheory]
    [InlineData(ConsulKind.DevAgent)]
    [InlineData(ConsulKind.RealAgent)]
    public async Task WriteConfigurationAsync_DemoConfiguration_LandsUnderThePrefix(ConsulKind kind)
    {
        await using var agent = await ConsulUnderTest.StartAsync(kind);
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = agent.Address };
        using var consul = ConsulClient.Create(new ConsulClientOptions { Address = $"127.0.0.1:{agent.Port}" });

        await new DemoSeeder(http, consul).WriteConfigurationAsync(DemoSetup.KvPrefix, "/tmp/demo.log", CancellationToken.None);

        var keys = JsonSerializer.Deserialize<string[]>(await http.GetStringAsync(new Uri($"v1/kv/{DemoSetup.KvPrefix}/config/?keys", UriKind.Relative)))!;
        keys.Length.ShouldBe(DemoSetup.Configuration("/tmp/demo.log").Count);
    }
}
