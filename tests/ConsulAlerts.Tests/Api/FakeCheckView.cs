using System.Collections.Concurrent;
using ConsulAlerts.Checks;

namespace ConsulAlerts.Tests.Api;

/// <summary>An <see cref="ICheckView"/> filled by the test.</summary>
internal sealed class FakeCheckView : ICheckView
{
    private readonly ConcurrentDictionary<CheckKey, CheckState> _states = new();

    public IReadOnlyCollection<CheckState> All => [.. _states.Values];

    public bool TryGet(CheckKey key, out CheckState state) => _states.TryGetValue(key, out state!);

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
}
