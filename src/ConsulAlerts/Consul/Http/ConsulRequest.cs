using System.Net;
using ConsulAlerts.Consul.Queries;

namespace ConsulAlerts.Consul.Http;

/// <summary>One HTTP call to Consul, before the transport adds the address, datacenter, token and timeout.</summary>
/// <param name="Method">HTTP method.</param>
/// <param name="Path">Path below the address prefix, e.g. <c>v1/kv/a%2Fb</c>, already escaped.</param>
internal sealed record ConsulRequest(HttpMethod Method, string Path)
{
    /// <summary>Query parameters; a null value sends a presence flag such as <c>?recurse</c>.</summary>
    public IReadOnlyList<KeyValuePair<string, string?>> Parameters { get; init; } = [];

    /// <summary>Blocking and consistency options of a read; also sets the per-request timeout.</summary>
    public QueryOptions? Query { get; init; }

    /// <summary>Datacenter override of a write.</summary>
    public string? Datacenter { get; init; }

    public ReadOnlyMemory<byte>? Body { get; init; }

    public string? ContentType { get; init; }

    /// <summary>
    /// Reads a successful answer's body as it arrives, while the response is open, instead of buffering it whole
    /// (the response's <see cref="ConsulResponse.Body"/> is then empty); null reads the body into a new array. An
    /// error answer's body is always buffered, for the error message.
    /// </summary>
    public Func<Stream, CancellationToken, Task>? BodyReader { get; init; }

    /// <summary>Non-2xx statuses the caller handles itself (KV 404, txn 409) instead of getting an exception.</summary>
    public IReadOnlyList<HttpStatusCode> AcceptedStatuses { get; init; } = [];
}
