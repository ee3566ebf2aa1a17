using System.Collections.Concurrent;
using ConsulAlerts.Checks;

namespace ConsulAlerts.Tests.Testing;

/// <summary>A tracker view the test fills in.</summary>
internal sealed class FakeCheckView : ICheckView
{
    private readonly ConcurrentDictionary<CheckKey, CheckState> _states = new();

    public IReadOnlyCollection<CheckState> All => [.. _states.Values];

    public bool TryGet(CheckKey key, out CheckState state) => _states.TryGetValue(key, out state!);

    /// <summary>A check whose confirmed status and live status are the same.</summary>
    public void Set(string node, string checkId, string current, string output) =>
        Add(node, "", checkId, current, current, output);

    public void Add(string node, string serviceId, string checkId, string current, string status, string output = "", string? name = null, string? serviceName = null) =>
        _states[new CheckKey(node, checkId)] = new CheckState
        {
            Current = current,
            HealthCheck = new CheckInfo
            {
                Node = node,
                CheckId = checkId,
                Name = name ?? checkId,
                Status = status,
                Output = output,
                ServiceId = serviceId,
                ServiceName = serviceName ?? serviceId,
            },
        };

    /// <summary>Any state, e.g. one with a pending status.</summary>
    public void Put(CheckState state) => _states[state.HealthCheck.Key] = state;

    public void Remove(string node, string checkId) => _states.TryRemove(new CheckKey(node, checkId), out _);
}
