using ConsulAlerts.DevAgent.Kv;

namespace ConsulAlerts.DevAgent.Txn;

/// <summary>One result of a transaction.</summary>
internal sealed record TxnResult(KvEntry KV);
