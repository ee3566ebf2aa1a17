using ConsulAlerts.Consul.Http;

namespace ConsulAlerts.Consul.Operator;

/// <summary><c>/v1/operator/*</c>: needs <c>operator:read</c>; answered by the cluster's leader.</summary>
internal sealed class OperatorEndpoint(ConsulTransport transport)
{
    /// <summary>
    /// Autopilot's health of the servers. Consul answers 429 when the cluster is unhealthy (with the same body), so that
    /// load balancers can use the endpoint: that answer is read like a 200.
    /// </summary>
    public async Task<AutopilotHealth> AutopilotHealthAsync(CancellationToken cancellationToken = default)
    {
        var request = new ConsulRequest(HttpMethod.Get, "v1/operator/autopilot/health") { AcceptedStatuses = [System.Net.HttpStatusCode.TooManyRequests] };
        var response = await transport.SendAsync(request, cancellationToken);
        return ConsulJson.Read(request, response, ConsulJsonContext.Default.AutopilotHealth) ?? new AutopilotHealth();
    }
}
