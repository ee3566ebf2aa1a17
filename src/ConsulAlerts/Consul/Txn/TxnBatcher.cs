using System.Text.Json;
using ConsulAlerts.Consul.Http;

namespace ConsulAlerts.Consul.Txn;

/// <summary>
/// Packs operations into transactions Consul accepts (<see cref="ConsulLimits"/>): at most 64 operations each, the
/// guard included, and a body within <see cref="ConsulLimits.TxnBodyBudget"/>. Sizes are those of the JSON actually
/// sent (each operation is encoded once, and the body is those encodings joined), so base64 and escaping are counted
/// exactly. Order is kept: an operation is never sent before one listed ahead of it. Every writer to Consul packs
/// through here (<see cref="TxnEndpoint.WriteAsync"/>).
/// </summary>
internal static class TxnBatcher
{
    /// <summary>The operation with its JSON encoding.</summary>
    public static EncodedTxnOperation Encode(TxnOperation operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        return new EncodedTxnOperation(operation, JsonSerializer.SerializeToUtf8Bytes(operation, ConsulJsonContext.Default.TxnOperation));
    }

    /// <summary>The size of a body holding these encoded operations: <c>[a,b,...]</c>.</summary>
    public static int BodyBytes(IReadOnlyCollection<EncodedTxnOperation> operations)
    {
        ArgumentNullException.ThrowIfNull(operations);
        return 2 + operations.Sum(o => o.Json.Length) + Math.Max(0, operations.Count - 1);
    }

    /// <summary>Joins encoded operations into the body of one <c>/v1/txn</c> call.</summary>
    public static byte[] Body(IReadOnlyCollection<EncodedTxnOperation> operations)
    {
        ArgumentNullException.ThrowIfNull(operations);
        var body = new byte[BodyBytes(operations)];
        var at = 0;
        body[at++] = (byte)'[';
        foreach (var operation in operations)
        {
            if (at > 1)
            {
                body[at++] = (byte)',';
            }

            operation.Json.Span.CopyTo(body.AsSpan(at));
            at += operation.Json.Length;
        }

        body[at] = (byte)']';
        return body;
    }

    /// <summary>Whether <paramref name="operation"/> fits one transaction alone, after <paramref name="guard"/>.</summary>
    public static bool Fits(TxnOperation operation, TxnOperation? guard, int bodyBudget = ConsulLimits.TxnBodyBudget) =>
        Fits(Encode(operation), guard is null ? null : Encode(guard), bodyBudget);

    /// <summary>
    /// Splits <paramref name="operations"/> into transactions, each led by <paramref name="guard"/> when given.
    /// An operation that cannot be sent at all is listed in <see cref="TxnPacking.Oversized"/> instead.
    /// </summary>
    public static TxnPacking Pack(IReadOnlyList<TxnOperation> operations, TxnOperation? guard, int bodyBudget = ConsulLimits.TxnBodyBudget)
    {
        ArgumentNullException.ThrowIfNull(operations);
        var encodedGuard = guard is null ? null : Encode(guard);
        var lead = encodedGuard is null ? 0 : 1;
        var transactions = new List<IReadOnlyList<EncodedTxnOperation>>();
        var oversized = new List<TxnOperation>();
        var current = Start(encodedGuard);
        var size = BodyBytes(current);
        foreach (var operation in operations)
        {
            var encoded = Encode(operation);
            if (!Fits(encoded, encodedGuard, bodyBudget))
            {
                oversized.Add(operation);
                continue;
            }

            // One more operation adds its JSON and, after the first, a comma.
            var grown = size + encoded.Json.Length + (current.Count > 0 ? 1 : 0);
            if (current.Count == ConsulLimits.MaxTxnOperations || grown > bodyBudget)
            {
                transactions.Add(current);
                current = Start(encodedGuard);
                size = BodyBytes(current);
                grown = size + encoded.Json.Length + (current.Count > 0 ? 1 : 0);
            }

            current.Add(encoded);
            size = grown;
        }

        if (current.Count > lead)
        {
            transactions.Add(current);
        }

        return new TxnPacking(transactions, oversized);
    }

    /// <summary>
    /// Splits <paramref name="groups"/> into transactions, in order, each led by <paramref name="guard"/> when given,
    /// never splitting a group: the operations of a group commit together or not at all. A group that no transaction
    /// can carry (too many operations or bytes, or a value over Consul's limit) is listed in
    /// <see cref="TxnGroupPacking.Oversized"/> instead and never sent.
    /// </summary>
    public static TxnGroupPacking PackGroups(IReadOnlyList<IReadOnlyList<TxnOperation>> groups, TxnOperation? guard, int bodyBudget = ConsulLimits.TxnBodyBudget)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var encodedGuard = guard is null ? null : Encode(guard);
        var lead = encodedGuard is null ? 0 : 1;
        var transactions = new List<PackedTxn>();
        var oversized = new List<int>();
        var current = Start(encodedGuard);
        var members = new List<int>();
        var size = BodyBytes(current);
        for (var index = 0; index < groups.Count; index++)
        {
            var encoded = groups[index].Select(Encode).ToList();
            var bytes = encoded.Sum(e => e.Json.Length) + encoded.Count;
            var alone = BodyBytes(Start(encodedGuard)) + bytes;
            if (encoded.Count + lead > ConsulLimits.MaxTxnOperations || alone > bodyBudget || encoded.Any(e => e.ValueBytes > ConsulLimits.MaxValueBytes))
            {
                oversized.Add(index);
                continue;
            }

            if (current.Count + encoded.Count > ConsulLimits.MaxTxnOperations || size + bytes > bodyBudget)
            {
                transactions.Add(new PackedTxn(current, members));
                current = Start(encodedGuard);
                members = [];
                size = BodyBytes(current);
            }

            current.AddRange(encoded);
            members.Add(index);
            size += bytes;
        }

        if (current.Count > lead)
        {
            transactions.Add(new PackedTxn(current, members));
        }

        return new TxnGroupPacking(transactions, oversized);
    }

    private static List<EncodedTxnOperation> Start(EncodedTxnOperation? guard) => guard is null ? [] : [guard];

    private static bool Fits(EncodedTxnOperation operation, EncodedTxnOperation? guard, int bodyBudget)
    {
        if (operation.ValueBytes > ConsulLimits.MaxValueBytes)
        {
            return false;
        }

        var body = 2 + operation.Json.Length + (guard is null ? 0 : guard.Json.Length + 1);
        return body <= bodyBudget;
    }
}
