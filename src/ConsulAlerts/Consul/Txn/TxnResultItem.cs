using System.Text.Json.Serialization;
using ConsulAlerts.Consul.Kv;

namespace ConsulAlerts.Consul.Txn;

/// <summary>One entry of a transaction's <c>Results</c>; delete verbs produce none.</summary>
internal sealed record TxnResultItem
{
    [JsonPropertyName("KV")]
    public KvPair? Kv { get; init; }
}
