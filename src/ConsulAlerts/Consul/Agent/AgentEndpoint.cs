using ConsulAlerts.Consul.Errors;
using ConsulAlerts.Consul.Http;
namespace ConsulAlerts.Consul.Agent;

/// <summary><c>/v1/agent/*</c> calls the daemon needs.</summary>
internal sealed class AgentEndpoint(ConsulTransport transport)
{
    /// <summary>The agent's configuration and membership (needs <c>agent:read</c>).</summary>
    public async Task<AgentSelf> SelfAsync(CancellationToken cancellationToken = default)
    {
        var request = new ConsulRequest(HttpMethod.Get, "v1/agent/self");
        var response = await transport.SendAsync(request, cancellationToken);
        return ConsulJson.Read(request, response, ConsulJsonContext.Default.AgentSelf)
            ?? throw new ConsulException(ConsulErrorKind.Http, "GET", "/" + request.Path, response.StatusCode, "empty answer", isRetryable: true);
    }
}
