using System.Collections.Concurrent;
using ConsulAlerts.Checks;

namespace ConsulAlerts.Tests.Routing.Testing;

/// <summary>A tracker view the test fills in.</summary>
internal sealed class FakeCheckView : ICheckView
{
    private readonly ConcurrentDictionary<CheckKey, CheckState> _states = new();

    public IReadOnlyCollection<CheckState> All => [.. _states.Values];

    public void Set(string node, string checkId, string current, string output) =>
        _states[new CheckKey(node, checkId)] = new CheckState
        {
            Current = current,
            HealthCheck = new CheckInfo { Node = node, CheckId = checkId, Status = current, Output = output },
        };

    public void Remove(string node, string checkId) => _states.TryRemove(new CheckKey(node, checkId), out _);

    public bool TryGet(CheckKey key, out CheckState state) => _states.TryGetValue(key, out state!);
}
