using ConsulAlerts.Consul.Errors;
using ConsulAlerts.Consul.Http;
using ConsulAlerts.Consul.Queries;
namespace ConsulAlerts.Consul.Events;

/// <summary>
/// <c>/v1/event/*</c> (docs/ARCHITECTURE.md, "Consul's API"). The list index is a hash of the last event's ID, not a Raft index:
/// compare it only for equality.
/// </summary>
internal sealed class EventEndpoint(ConsulTransport transport)
{
    /// <summary>Fires a user event; the answer carries its new ID. Keep payloads small (gossip limit ~512 bytes).</summary>
    public async Task<UserEvent> FireAsync(
        string name, ReadOnlyMemory<byte> payload = default, EventFireOptions? filters = null, WriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        List<KeyValuePair<string, string?>> parameters = [];
        if (!string.IsNullOrEmpty(filters?.NodeFilter))
        {
            parameters.Add(new("node", filters.NodeFilter));
        }

        if (!string.IsNullOrEmpty(filters?.ServiceFilter))
        {
            parameters.Add(new("service", filters.ServiceFilter));
        }

        if (!string.IsNullOrEmpty(filters?.TagFilter))
        {
            parameters.Add(new("tag", filters.TagFilter));
        }

        var request = new ConsulRequest(HttpMethod.Put, $"v1/event/fire/{ConsulPaths.Segment(name, nameof(name))}")
        {
            Parameters = parameters,
            Datacenter = options?.Datacenter,
            Body = payload,
            ContentType = "application/octet-stream",
        };
        var response = await transport.SendAsync(request, cancellationToken);
        return ConsulJson.Read(request, response, ConsulJsonContext.Default.UserEvent)
            ?? throw new ConsulException(ConsulErrorKind.Http, "PUT", "/" + request.Path, response.StatusCode, "the answer carried no event", isRetryable: false);
    }

    /// <summary>The agent's local buffer of recent events, oldest first, optionally only those named <paramref name="name"/>.</summary>
    public async Task<QueryResult<IReadOnlyList<UserEvent>>> ListAsync(string? name = null, QueryOptions? options = null, CancellationToken cancellationToken = default)
    {
        var request = new ConsulRequest(HttpMethod.Get, "v1/event/list")
        {
            Query = options,
            Parameters = string.IsNullOrEmpty(name) ? [] : [new("name", name)],
        };
        var response = await transport.SendAsync(request, cancellationToken);
        var events = ConsulJson.Read(request, response, ConsulJsonContext.Default.UserEventArray) ?? [];
        return new QueryResult<IReadOnlyList<UserEvent>>(events, response.Meta);
    }
}
