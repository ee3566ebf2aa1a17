using ConsulAlerts.DevAgent.Http;
using ConsulAlerts.DevAgent.Raft;
using ConsulAlerts.DevAgent.State;
using ConsulAlerts.DevAgent.Status;

namespace ConsulAlerts.DevAgent.Datacenters;

/// <summary>
/// The agent's datacenter and the extra ones of <see cref="DevAgentOptions.Datacenters"/>, each with its own store, and
/// how <c>?dc=</c> picks one.
/// </summary>
internal sealed class DatacenterMap : IDisposable
{
    private readonly Dictionary<string, Datacenter> _byName = new(StringComparer.Ordinal);

    public DatacenterMap(DevAgentOptions options, StateStore localStore)
    {
        // Checked before any store exists, so a bad list leaves no timers behind.
        var seen = new HashSet<string>(StringComparer.Ordinal) { options.Datacenter };
        if (options.Datacenters.FirstOrDefault(n => string.IsNullOrEmpty(n) || !seen.Add(n)) is { } bad)
        {
            throw new ArgumentException($"datacenter \"{bad}\" is empty or given twice", nameof(options));
        }

        Local = Create(options, options.Datacenter, isLocal: true, localStore);
        _byName[Local.Name] = Local;
        foreach (var name in options.Datacenters)
        {
            // A remote datacenter's catalog holds its own server, as a real one does.
            var remote = options with { Datacenter = name, NodeName = $"{options.NodeName}-{name}" };
            _byName[name] = Create(remote, name, isLocal: false, new StateStore(remote));
        }

        // Consul lists datacenters by round-trip time: the local one (no trip) first; equal estimates fall back to names.
        Names = [Local.Name, .. _byName.Keys.Where(n => n != Local.Name).Order(StringComparer.Ordinal)];
    }

    public Datacenter Local { get; }

    /// <summary>Every datacenter, as <c>/v1/catalog/datacenters</c> lists them.</summary>
    public IReadOnlyList<string> Names { get; }

    public Datacenter? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>
    /// The datacenter a request's <c>?dc=</c> names (the local one when empty), or Consul's error: <c>500 No path to
    /// datacenter</c> for an unknown name, and for an unreachable one the dial error a server gets from a datacenter whose
    /// servers are down.
    /// </summary>
    public Datacenter Resolve(string? name, DevAgentFaults faults)
    {
        if (string.IsNullOrEmpty(name) || name == Local.Name)
        {
            return Local;
        }

        var datacenter = Find(name) ?? throw new ConsulHttpException(500, "No path to datacenter");
        if (faults.IsUnreachable(name))
        {
            var address = datacenter.Servers.Current[0].Address;
            throw new ConsulHttpException(500, $"rpc error getting client: failed to get conn: dial tcp 127.0.0.1:0->{address}: connect: connection refused");
        }

        return datacenter;
    }

    public void Dispose()
    {
        foreach (var datacenter in _byName.Values)
        {
            datacenter.Store.Dispose();
        }
    }

    private static Datacenter Create(DevAgentOptions options, string name, bool isLocal, StateStore store) =>
        new(name, isLocal, store, new DevServerSet(
            new DevServer { Name = options.NodeName, Address = StatusEndpoints.ServerAddress, ID = store.NodeId },
            options.TimeProvider,
            () => store.LastIndex));
}
