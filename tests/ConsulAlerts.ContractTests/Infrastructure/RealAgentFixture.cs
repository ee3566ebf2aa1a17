using ConsulAlerts.TestSupport;

namespace ConsulAlerts.ContractTests.Infrastructure;

/// <summary>
/// A real Consul agent: one already running at <c>CONSUL_ALERTS_TEST_CONSUL_ADDR</c> (token from
/// <c>CONSUL_ALERTS_TEST_CONSUL_TOKEN</c>), else a dev-mode agent started from <see cref="ConsulBinary"/> for the group
/// and stopped after it. With neither, the group's tests are skipped.
/// </summary>
public sealed class RealAgentFixture : ConsulAgentFixture
{
    /// <summary>Address of a running agent, e.g. <c>http://127.0.0.1:8500</c>.</summary>
    public const string AddressVariable = "CONSUL_ALERTS_TEST_CONSUL_ADDR";

    /// <summary>Optional ACL token for that agent, sent as <c>X-Consul-Token</c>.</summary>
    public const string TokenVariable = "CONSUL_ALERTS_TEST_CONSUL_TOKEN";

    private RealConsulAgent? agent;

    protected override async Task<(Uri? Address, string? Token, string? SkipReason)> StartAgentAsync()
    {
        var configured = Environment.GetEnvironmentVariable(AddressVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            var text = configured.Contains("://", StringComparison.Ordinal) ? configured : "http://" + configured;
            var token = Environment.GetEnvironmentVariable(TokenVariable);
            return (new Uri(text.EndsWith('/') ? text : text + "/"), string.IsNullOrWhiteSpace(token) ? null : token, null);
        }

        if (ConsulBinary.Path is null)
        {
            return (null, null, ConsulBinary.MissingReason);
        }

        agent = await RealConsulAgent.StartAsync();
        return (agent.Address, null, null);
    }

    protected override async Task StopAgentAsync()
    {
        if (agent is not null)
        {
            await agent.DisposeAsync();
            agent = null;
        }
    }
}
