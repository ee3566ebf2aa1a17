using System.Text.Json.Nodes;
using ConsulAlerts.DevAgent;

namespace ConsulAlerts.ContractTests.Infrastructure;

/// <summary>
/// The agent the contract suite talks to: a real Consul agent when
/// <c>CONSUL_ALERTS_TEST_CONSUL_ADDR</c> is set, otherwise an in-process dev agent.
/// The same assertions run against both.
/// </summary>
public sealed class ConsulAgentFixture : IAsyncLifetime, IAsyncDisposable
{
    /// <summary>Address of a real agent, e.g. <c>http://127.0.0.1:8500</c>.</summary>
    public const string AddressVariable = "CONSUL_ALERTS_TEST_CONSUL_ADDR";

    /// <summary>Optional ACL token sent as <c>X-Consul-Token</c>.</summary>
    public const string TokenVariable = "CONSUL_ALERTS_TEST_CONSUL_TOKEN";

    private DevAgentServer? devAgent;
    private HttpClient? http;
    private JsonNode? self;

    /// <summary>A client whose base address is the agent's address.</summary>
    public HttpClient Http => http ?? throw new InvalidOperationException("The fixture is not initialised.");

    public async Task InitializeAsync()
    {
        var configured = Environment.GetEnvironmentVariable(AddressVariable);
        Uri address;
        if (string.IsNullOrWhiteSpace(configured))
        {
            devAgent = await DevAgentServer.StartAsync(new DevAgentOptions());
            address = devAgent.Address;
        }
        else
        {
            var text = configured.Contains("://", StringComparison.Ordinal) ? configured : "http://" + configured;
            address = new Uri(text.EndsWith('/') ? text : text + "/");
        }

        // Blocking queries in this suite wait a few seconds at most; the timeout only
        // guards against a hung agent.
        http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(120) };
        var token = Environment.GetEnvironmentVariable(TokenVariable);
        if (!string.IsNullOrWhiteSpace(token))
        {
            http.DefaultRequestHeaders.Add("X-Consul-Token", token);
        }
    }

    /// <summary>The agent's node name, from <c>/v1/agent/self</c>.</summary>
    public async Task<string> NodeNameAsync() =>
        (await SelfAsync())["Config"]?["NodeName"]?.GetValue<string>()
        ?? throw new InvalidOperationException("agent/self has no Config.NodeName");

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
        if (devAgent is not null)
        {
            var agent = devAgent;
            devAgent = null;
            await agent.DisposeAsync();
        }
    }

    async ValueTask IAsyncDisposable.DisposeAsync() => await DisposeAsync();
}
