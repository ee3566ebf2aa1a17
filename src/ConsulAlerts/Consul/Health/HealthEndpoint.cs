using ConsulAlerts.Consul.Catalog;
using ConsulAlerts.Consul.Http;
using ConsulAlerts.Consul.Queries;
namespace ConsulAlerts.Consul.Health;

/// <summary><c>/v1/health/*</c>: every call blocks and supports every consistency mode (docs/ARCHITECTURE.md, "Consul's API").</summary>
internal sealed class HealthEndpoint(ConsulTransport transport)
{
    public Task<QueryResult<IReadOnlyList<HealthCheck>>> StateAsync(HealthState state, QueryOptions? options = null, CancellationToken cancellationToken = default)
    {
        var name = state switch
        {
            HealthState.Any => "any",
            HealthState.Passing => "passing",
            HealthState.Warning => "warning",
            HealthState.Critical => "critical",
            _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Use any, passing, warning or critical."),
        };
        return ReadChecksAsync($"v1/health/state/{name}", options, cancellationToken);
    }

    /// <summary>The node's checks; an unknown node gives an empty list.</summary>
    public Task<QueryResult<IReadOnlyList<HealthCheck>>> NodeAsync(string node, QueryOptions? options = null, CancellationToken cancellationToken = default) =>
        ReadChecksAsync($"v1/health/node/{ConsulPaths.Segment(node, nameof(node))}", options, cancellationToken);

    /// <summary>The checks of every instance of a service.</summary>
    public Task<QueryResult<IReadOnlyList<HealthCheck>>> ChecksAsync(string service, QueryOptions? options = null, CancellationToken cancellationToken = default) =>
        ReadChecksAsync($"v1/health/checks/{ConsulPaths.Segment(service, nameof(service))}", options, cancellationToken);

    /// <summary>Instances of a service with node and checks; every tag given must match.</summary>
    public async Task<QueryResult<IReadOnlyList<ServiceEntry>>> ServiceAsync(
        string service, IEnumerable<string>? tags = null, bool passingOnly = false, QueryOptions? options = null, CancellationToken cancellationToken = default)
    {
        var parameters = (tags ?? []).Select(t => new KeyValuePair<string, string?>("tag", t)).ToList();
        if (passingOnly)
        {
            parameters.Add(new("passing", null));
        }

        var request = new ConsulRequest(HttpMethod.Get, $"v1/health/service/{ConsulPaths.Segment(service, nameof(service))}")
        {
            Query = options,
            Parameters = parameters,
        };
        var response = await transport.SendAsync(request, cancellationToken);
        var entries = ConsulJson.Read(request, response, ConsulJsonContext.Default.ServiceEntryArray) ?? [];
        return new QueryResult<IReadOnlyList<ServiceEntry>>(entries, response.Meta);
    }

    private async Task<QueryResult<IReadOnlyList<HealthCheck>>> ReadChecksAsync(string path, QueryOptions? options, CancellationToken cancellationToken)
    {
        var request = new ConsulRequest(HttpMethod.Get, path) { Query = options };
        var response = await transport.SendAsync(request, cancellationToken);
        var checks = ConsulJson.Read(request, response, ConsulJsonContext.Default.HealthCheckArray) ?? [];
        return new QueryResult<IReadOnlyList<HealthCheck>>(checks, response.Meta);
    }
}
