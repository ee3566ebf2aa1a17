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

    /// <summary>Registers (or replaces) a service of the agent's node with its check (needs <c>service:write</c>).</summary>
    public async Task RegisterServiceAsync(AgentServiceRegistration service, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(service);
        var request = new ConsulRequest(HttpMethod.Put, "v1/agent/service/register")
        {
            Body = ConsulJson.Write(service, ConsulJsonContext.Default.AgentServiceRegistration),
            ContentType = "application/json",
        };
        await transport.SendAsync(request, cancellationToken);
    }

    /// <summary>Removes a service of the agent's node and its checks; an unknown ID is an error (404 or 500 by version).</summary>
    public async Task DeregisterServiceAsync(string serviceId, CancellationToken cancellationToken = default)
    {
        var request = new ConsulRequest(HttpMethod.Put, $"v1/agent/service/deregister/{ConsulPaths.Segment(serviceId, nameof(serviceId))}");
        await transport.SendAsync(request, cancellationToken);
    }

    /// <summary>Sets a TTL check passing and restarts its TTL; an unknown check is an error (404 or 500 by version).</summary>
    public async Task PassCheckAsync(string checkId, CancellationToken cancellationToken = default)
    {
        var request = new ConsulRequest(HttpMethod.Put, $"v1/agent/check/pass/{ConsulPaths.Segment(checkId, nameof(checkId))}");
        await transport.SendAsync(request, cancellationToken);
    }
}
