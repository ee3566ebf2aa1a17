using System.Net;

namespace ConsulAlerts.Consul;

/// <summary><c>PUT /v1/txn</c> (consul-api.md §2.4): up to 64 operations, all or nothing.</summary>
internal sealed class TxnEndpoint(ConsulTransport transport)
{
    public const int MaxOperations = 64;

    private static readonly HttpStatusCode[] ConflictAccepted = [HttpStatusCode.Conflict];

    /// <summary>
    /// Runs the operations; a rollback (409) is a result with <see cref="TxnResult.Committed"/> false and the errors,
    /// not an exception. Consistency options apply only to read-only transactions.
    /// </summary>
    public async Task<TxnResult> ExecuteAsync(IReadOnlyList<TxnOperation> operations, QueryOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operations);
        if (operations.Count > MaxOperations)
        {
            throw new ArgumentException($"A transaction holds at most {MaxOperations} operations; got {operations.Count}. Split it.", nameof(operations));
        }

        if (operations.Any(o => o?.Kv is null))
        {
            throw new ArgumentException("Every operation needs a KV part.", nameof(operations));
        }

        // Transactions never block: keep consistency and datacenter, drop index and wait.
        var query = options is null ? null : options with { WaitIndex = 0, WaitTime = null };
        var request = new ConsulRequest(HttpMethod.Put, "v1/txn")
        {
            Query = query,
            Body = ConsulJson.Write(operations.ToArray(), ConsulJsonContext.Default.TxnOperationArray),
            ContentType = "application/json",
            AcceptedStatuses = ConflictAccepted,
        };
        var response = await transport.SendAsync(request, cancellationToken);
        var body = ConsulJson.Read(request, response, ConsulJsonContext.Default.TxnResponse);
        return new TxnResult
        {
            Committed = response.StatusCode != HttpStatusCode.Conflict && body?.Errors is null or { Count: 0 },
            Results = body?.Results ?? [],
            Errors = body?.Errors ?? [],
            Meta = response.Meta,
        };
    }
}
