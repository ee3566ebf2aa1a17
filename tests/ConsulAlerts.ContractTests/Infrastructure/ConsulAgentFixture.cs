using System.Text.Json.Nodes;
using ConsulAlerts.TestSupport;

namespace ConsulAlerts.ContractTests.Infrastructure;

/// <summary>
/// The agent a group of contract tests talks to, shared by the group. The same tests run against every kind
/// (dev agent, real agent); what tells them apart is only the version the agent reports. An agent that cannot be had
/// (no Consul binary) leaves <see cref="SkipReason"/> set, and every test of the group is skipped with it.
/// </summary>
public abstract class ConsulAgentFixture : IAsyncLifetime, IAsyncDisposable
{
    private HttpClient? http;
    private JsonNode? self;

    /// <summary>A client whose base address is the agent's address (and which sends the fixture's token).</summary>
    public HttpClient Http => http ?? throw new InvalidOperationException(SkipReason ?? "The fixture is not initialised.");

    /// <summary>The agent's base address.</summary>
    public Uri Address => Http.BaseAddress!;

    /// <summary>Why this agent is not available, or null when it is.</summary>
    public string? SkipReason { get; private set; }

    /// <summary>The token sent with every request (the bootstrap token on an ACL-enabled agent), or null.</summary>
    public string? Token { get; private set; }

    public async Task InitializeAsync()
    {
        var (address, token, skipReason) = await StartAgentAsync();
        if (address is null)
        {
            SkipReason = skipReason ?? "agent not available";
            return;
        }

        Token = token;
        // Blocking queries in this suite wait a few seconds at most; the timeout only guards against a hung agent.
        http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(120) };
        if (!string.IsNullOrEmpty(token))
        {
            http.DefaultRequestHeaders.Add("X-Consul-Token", token);
        }
    }

    /// <summary>The agent's node name, from <c>/v1/agent/self</c>.</summary>
    public async Task<string> NodeNameAsync() =>
        (await SelfAsync())["Config"]?["NodeName"]?.GetValue<string>()
        ?? throw new InvalidOperationException("agent/self has no Config.NodeName");

    /// <summary>The agent's datacenter, from <c>/v1/agent/self</c>.</summary>
    public async Task<string> DatacenterAsync() =>
        (await SelfAsync())["Config"]?["Datacenter"]?.GetValue<string>()
        ?? throw new InvalidOperationException("agent/self has no Config.Datacenter");

    /// <summary>The Consul version the agent reports in <c>/v1/agent/self</c>: what version-gated tests look at.</summary>
    public async Task<Version> VersionAsync() =>
        ConsulVersions.Parse((await SelfAsync())["Config"]?["Version"]?.GetValue<string>()
            ?? throw new InvalidOperationException("agent/self has no Config.Version"));

    /// <summary>The agent's <c>/v1/agent/self</c> document.</summary>
    public async Task<JsonNode> SelfAsync()
    {
        if (self is null)
        {
            var body = await Http.GetStringAsync(new Uri("v1/agent/self", UriKind.Relative));
            self = JsonNode.Parse(body) ?? throw new InvalidOperationException("agent/self returned null");
        }

        return self;
    }

    public async Task DisposeAsync()
    {
        http?.Dispose();
        http = null;
        await StopAgentAsync();
    }

    async ValueTask IAsyncDisposable.DisposeAsync()
    {
        await DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>Starts (or finds) the agent: its address and token, or no address and why.</summary>
    protected abstract Task<(Uri? Address, string? Token, string? SkipReason)> StartAgentAsync();

    protected abstract Task StopAgentAsync();
}
