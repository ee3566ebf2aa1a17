using ConsulAlerts.Consul.Queries;
namespace ConsulAlerts.Consul.Txn;

/// <summary>Outcome of a transaction: committed with results, or rolled back (409) with errors.</summary>
internal sealed record TxnResult
{
    /// <summary>True on 200; false when the server rolled the transaction back (409).</summary>
    public bool Committed { get; init; }

    public IReadOnlyList<TxnResultItem> Results { get; init; } = [];

    public IReadOnlyList<TxnError> Errors { get; init; } = [];

    public QueryMeta Meta { get; init; }
}
