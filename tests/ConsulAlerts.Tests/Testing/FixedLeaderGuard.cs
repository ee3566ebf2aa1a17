using ConsulAlerts.Consul.Txn;
using ConsulAlerts.Leadership;

namespace ConsulAlerts.Tests.Testing;

/// <summary>An <see cref="ILeaderGuard"/> whose guard a test sets: null is a standby.</summary>
internal sealed class FixedLeaderGuard(TxnOperation? guard) : ILeaderGuard
{
    public TxnOperation? CurrentGuard { get; set; } = guard;
}
