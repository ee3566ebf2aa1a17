namespace ConsulAlerts.DevAgent.Txn;

/// <summary>Body of a transaction answer, on 200 and on 409.</summary>
internal sealed record TxnResponse(List<TxnResult>? Results, List<TxnError>? Errors);
