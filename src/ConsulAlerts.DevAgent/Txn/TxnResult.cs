using System.Text.Json.Serialization;
using ConsulAlerts.DevAgent.Catalog;
using ConsulAlerts.DevAgent.Health;
using ConsulAlerts.DevAgent.Kv;

namespace ConsulAlerts.DevAgent.Txn;

/// <summary>One result of a transaction; exactly one member is set.</summary>
internal sealed record TxnResult
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public KvEntry? KV { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public NodeEntry? Node { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ServiceEntry? Service { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public HealthCheck? Check { get; init; }
}
