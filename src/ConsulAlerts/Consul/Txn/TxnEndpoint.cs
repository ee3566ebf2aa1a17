using System.Net;
using ConsulAlerts.Consul.Errors;
using ConsulAlerts.Consul.Http;
using ConsulAlerts.Consul.Queries;

namespace ConsulAlerts.Consul.Txn;

/// <summary><c>PUT /v1/txn</c> (docs/ARCHITECTURE.md, "Consul's API"): up to 64 operations, all or nothing.</summary>
internal sealed class TxnEndpoint(ConsulTransport transport)
{
    public const int MaxOperations = ConsulLimits.MaxTxnOperations;

    private static readonly HttpStatusCode[] ConflictAccepted = [HttpStatusCode.Conflict];

    /// <summary>
    /// Runs the operations; a rollback (409) is a result with <see cref="TxnResult.Committed"/> false and the errors,
    /// not an exception. Consistency options apply only to read-only transactions.
    /// </summary>
    public Task<TxnResult> ExecuteAsync(IReadOnlyList<TxnOperation> operations, QueryOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operations);
        if (operations.Any(o => o?.Kv is null))
        {
            throw new ArgumentException("Every operation needs a KV part.", nameof(operations));
        }

        return ExecuteAsync(operations.Select(TxnBatcher.Encode).ToList(), options, cancellationToken);
    }

    /// <summary>Runs operations already encoded (<see cref="TxnBatcher"/>); the body is exactly their JSON joined.</summary>
    public async Task<TxnResult> ExecuteAsync(IReadOnlyList<EncodedTxnOperation> operations, QueryOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operations);
        if (operations.Count > MaxOperations)
        {
            throw new ArgumentException($"A transaction holds at most {MaxOperations} operations; got {operations.Count}. Split it.", nameof(operations));
        }

        // Transactions never block: keep consistency and datacenter, drop index and wait.
        var query = options is null ? null : options with { WaitIndex = 0, WaitTime = null };
        var request = new ConsulRequest(HttpMethod.Put, "v1/txn")
        {
            Query = query,
            Body = TxnBatcher.Body(operations),
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

    /// <summary>
    /// Writes <paramref name="writes"/> in as few transactions as Consul's limits allow (<see cref="TxnBatcher"/>), in
    /// order, each led by <paramref name="guard"/> (the leader's <c>check-session</c>) when given. A transaction
    /// refused as too large (413, e.g. an agent with lower limits) is split in halves until the operation at fault
    /// stands alone; that one, and any found too large before sending, is left out and reported in
    /// <see cref="TxnWriteResult.Rejected"/>, never sent again as it is, so one bad value never holds up the others.
    /// Each transaction is all or nothing, the whole call is not: a failure part-way leaves earlier transactions
    /// committed, so callers write idempotently (the same keys and values on a retry).
    /// </summary>
    /// <exception cref="ConsulConflictException">A transaction rolled back: the guard no longer holds (this daemon does not lead), or another check failed.</exception>
    /// <exception cref="ConsulException">Consul could not be reached or answered with another error.</exception>
    public async Task<TxnWriteResult> WriteAsync(IReadOnlyList<TxnOperation> writes, TxnOperation? guard, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writes);
        var packing = TxnBatcher.Pack(writes, guard);
        var rejected = new List<TxnOperation>(packing.Oversized);
        var committed = 0;
        var lead = guard is null ? 0 : 1;
        foreach (var transaction in packing.Transactions)
        {
            committed += await CommitAsync(transaction, lead, guard, rejected, cancellationToken);
        }

        return rejected.Count == 0 && committed == packing.Transactions.Count
            ? new TxnWriteResult { Transactions = committed }
            : new TxnWriteResult { Rejected = rejected, Transactions = committed };
    }

    private async Task<int> CommitAsync(IReadOnlyList<EncodedTxnOperation> transaction, int lead, TxnOperation? guard, List<TxnOperation> rejected, CancellationToken cancellationToken)
    {
        TxnResult result;
        try
        {
            result = await ExecuteAsync(transaction, options: null, cancellationToken);
        }
        catch (ConsulTooLargeException)
        {
            var payload = transaction.Count - lead;
            if (payload <= 1)
            {
                rejected.Add(transaction[^1].Operation);
                return 0;
            }

            var half = lead + (payload / 2);
            var first = await CommitAsync([.. transaction.Take(half)], lead, guard, rejected, cancellationToken);
            var second = await CommitAsync([.. transaction.Take(lead), .. transaction.Skip(half)], lead, guard, rejected, cancellationToken);
            return first + second;
        }

        if (!result.Committed)
        {
            var reasons = string.Join("; ", result.Errors.Select(e => $"#{e.OpIndex}: {e.What}"));
            throw new ConsulConflictException(
                "PUT",
                "/v1/txn",
                guard is not null && result.Errors.Any(e => e.OpIndex == 0)
                    ? $"this daemon no longer holds {guard.Kv!.Key} ({reasons})"
                    : $"the transaction rolled back ({reasons})");
        }

        return 1;
    }
}
