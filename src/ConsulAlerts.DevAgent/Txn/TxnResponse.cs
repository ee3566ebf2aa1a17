using System.Text.Json.Serialization;

namespace ConsulAlerts.DevAgent.Txn;

/// <summary>
/// Body of a transaction answer, on 200 and on 409. A read-only transaction also carries its query meta (index, leader,
/// last contact), as Consul's TxnReadResponse does.
/// </summary>
internal sealed record TxnResponse(List<TxnResult>? Results, List<TxnError>? Errors)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ulong? Index { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? LastContact { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? KnownLeader { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ConsistencyLevel { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? NotModified { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Backend { get; init; }
}
