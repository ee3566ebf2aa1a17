namespace ConsulAlerts.Consul;

/// <summary>
/// What one request to Consul may carry, at the agent's defaults (measured against Consul 1.10): a KV value of at most
/// <see cref="MaxValueBytes"/> (<c>kv_max_value_size</c>), a <c>/v1/txn</c> body of at most
/// <see cref="MaxTxnBodyBytes"/> (<c>txn_max_req_len</c>, counted on the JSON with base64 values) and at most
/// <see cref="MaxTxnOperations"/> operations. Anything larger is refused with 413.
/// </summary>
internal static class ConsulLimits
{
    public const int MaxTxnOperations = 64;

    public const int MaxValueBytes = 512 * 1024;

    public const int MaxTxnBodyBytes = 512 * 1024;

    /// <summary>
    /// The body size the daemon packs transactions up to: below <see cref="MaxTxnBodyBytes"/> with a margin, so a
    /// body that is measured exactly still never lands on the edge.
    /// </summary>
    public const int TxnBodyBudget = 480 * 1024;
}
