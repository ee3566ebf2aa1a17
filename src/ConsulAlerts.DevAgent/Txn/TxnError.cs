namespace ConsulAlerts.DevAgent.Txn;

/// <summary>Why one operation of a rolled-back transaction failed.</summary>
internal sealed record TxnError(int OpIndex, string What);
