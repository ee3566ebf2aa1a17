using System.Text.Json.Serialization;

namespace ConsulAlerts.Consul;

/// <summary>One entry of a transaction's <c>Results</c>; delete verbs produce none.</summary>
internal sealed record TxnResultItem
{
    [JsonPropertyName("KV")]
    public KvPair? Kv { get; init; }
}
