using ConsulAlerts.Consul.Txn;

namespace ConsulAlerts.Leadership;

/// <summary>Lets leader-only KV writes prove, inside their transaction, that this daemon still leads.</summary>
internal interface ILeaderGuard
{
    /// <summary>The running term's <c>check-session</c> operation; null while standing by.</summary>
    TxnOperation? CurrentGuard { get; }
}
