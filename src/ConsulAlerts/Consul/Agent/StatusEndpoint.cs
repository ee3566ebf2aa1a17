using ConsulAlerts.Consul.Http;
namespace ConsulAlerts.Consul.Agent;

/// <summary><c>/v1/status/*</c>: needs no ACL, so it doubles as a cheap health ping.</summary>
internal sealed class StatusEndpoint(ConsulTransport transport)
{
    /// <summary>The leader's <c>ip:port</c>, or an empty string when the cluster has none.</summary>
    public async Task<string> LeaderAsync(CancellationToken cancellationToken = default)
    {
        var request = new ConsulRequest(HttpMethod.Get, "v1/status/leader");
        var response = await transport.SendAsync(request, cancellationToken);
        return ConsulJson.Read(request, response, ConsulJsonContext.Default.String) ?? "";
    }
}
