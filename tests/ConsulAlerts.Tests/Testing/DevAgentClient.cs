using System.Text.Json;
using ConsulAlerts.Consul;
using ConsulAlerts.Consul.Http;
using ConsulAlerts.DevAgent;

namespace ConsulAlerts.Tests.Testing;

/// <summary>A dev agent on a free loopback port with the daemon's client for it, and the raw agent calls tests make.</summary>
internal sealed class DevAgentClient : IAsyncDisposable
{
    private DevAgentClient(DevAgentServer agent)
    {
        Agent = agent;
        Client = ConsulClient.Create(new ConsulClientOptions { Address = agent.Address.ToString() });
    }

    public DevAgentServer Agent { get; }

    public ConsulClient Client { get; }

    public static async Task<DevAgentClient> StartAsync(DevAgentOptions? options = null) => new(await DevAgentServer.StartAsync(options ?? new DevAgentOptions()));

    /// <summary><c>GET /v1/agent/checks</c>: the agent's checks keyed by ID.</summary>
    public async Task<JsonDocument> AgentChecksAsync()
    {
        using var http = new HttpClient { BaseAddress = Agent.Address };
        return JsonDocument.Parse(await http.GetStringAsync(new Uri("v1/agent/checks", UriKind.Relative)));
    }

    /// <summary>An empty <c>PUT</c> (check pass/fail, deregistration) that must succeed.</summary>
    public async Task PutAsync(string path)
    {
        using var http = new HttpClient { BaseAddress = Agent.Address };
        using var response = await http.PutAsync(new Uri(path, UriKind.Relative), null);
        response.EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync()
    {
        Agent.Faults.Clear();
        Client.Dispose();
        await Agent.DisposeAsync();
    }
}
