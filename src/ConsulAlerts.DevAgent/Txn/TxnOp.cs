using System.Text.Json;

namespace ConsulAlerts.DevAgent.Txn;

/// <summary>One operation of <c>PUT /v1/txn</c>.</summary>
internal sealed record TxnOp
{
    public TxnKvOp? KV { get; init; }

    public JsonElement? Node { get; init; }

    public JsonElement? Service { get; init; }

    public JsonElement? Check { get; init; }
}
