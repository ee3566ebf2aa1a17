using ConsulAlerts.DevAgent.Http;
using ConsulAlerts.DevAgent.Kv;

namespace ConsulAlerts.DevAgent.Txn;

/// <summary>Checks a transaction before it runs (Consul's txn_endpoint convertOps): size, op count, value sizes.</summary>
internal static class TxnValidation
{
    public const int MaxOperations = 64;

    /// <summary>Consul's default <c>txn_max_req_len</c>.</summary>
    public const int MaxRequestLength = BodyLimits.MaxTxnLength;

    /// <summary>KV verbs that write (Consul's isWrite); anything else, unknown verbs included, counts as a read.</summary>
    public static readonly string[] WriteVerbs = ["set", "delete", "delete-cas", "delete-tree", "cas", "lock", "unlock"];

    /// <summary>Throws the 413 Consul answers for too many operations or an oversized value.</summary>
    public static void Validate(IReadOnlyList<TxnOp> ops)
    {
        ArgumentNullException.ThrowIfNull(ops);
        if (ops.Count > MaxOperations)
        {
            throw new ConsulHttpException(413, $"Transaction contains too many operations ({ops.Count} > {MaxOperations})");
        }

        foreach (var op in ops)
        {
            if (op.KV is { Value: { } value } kv && value.Length > KvEndpoint.MaxValueSize)
            {
                throw new ConsulHttpException(413, $"Value for key \"{kv.Key}\" is too large ({value.Length} > {KvEndpoint.MaxValueSize} bytes)");
            }
        }
    }

    /// <summary>True when no operation writes, so the read-only path (with leader headers) applies.</summary>
    public static bool IsReadOnly(IReadOnlyList<TxnOp> ops)
    {
        ArgumentNullException.ThrowIfNull(ops);
        return ops.All(op => op.KV is { } kv
            ? !WriteVerbs.Contains(kv.Verb, StringComparer.Ordinal)
            : (op.Node is null && op.Service is null && op.Check is null) || (op.Node?.Verb ?? op.Service?.Verb ?? op.Check?.Verb) == "get");
    }
}
