using System.Security.Cryptography;
using System.Text;

namespace ConsulAlerts.DevAgent.Raft;

/// <summary>
/// The simulated server set (Raft configuration) of the agent's datacenter, behind <c>/v1/operator/*</c> and
/// <c>/v1/status/peers</c>. By default the dev agent alone: one healthy voter, the leader. Thread-safe; also reachable
/// over HTTP at <c>GET/PUT/DELETE /_dev/servers</c>.
/// </summary>
public sealed class DevServerSet
{
    private readonly Lock _gate = new();
    private readonly IReadOnlyList<DevServer> _default;
    private readonly TimeProvider _time;
    private readonly Func<ulong> _lastIndex;
    private IReadOnlyList<DevServer> _servers;
    private DateTimeOffset _changedAt;
    private ulong _indexAtChange;

    internal DevServerSet(DevServer self, TimeProvider time, Func<ulong> lastIndex)
    {
        _default = [self with { ID = self.ID ?? DerivedId(self.Name) }];
        _time = time;
        _lastIndex = lastIndex;
        _servers = _default;
        _changedAt = time.GetUtcNow();
    }

    /// <summary>The servers, in the order they were set.</summary>
    public IReadOnlyList<DevServer> Current
    {
        get { lock (_gate) { return _servers; } }
    }

    /// <summary>
    /// Replaces the set. Names must be unique and every server needs a name and an address; at least one server.
    /// Servers without an ID get one derived from their name.
    /// </summary>
    public void Set(IReadOnlyList<DevServer> servers)
    {
        ArgumentNullException.ThrowIfNull(servers);
        if (Invalid(servers) is { } problem)
        {
            throw new ArgumentException(problem, nameof(servers));
        }

        var copy = servers.Select(s => s with { ID = string.IsNullOrEmpty(s.ID) ? DerivedId(s.Name) : s.ID }).ToList();
        lock (_gate)
        {
            _servers = copy;
            _changedAt = _time.GetUtcNow();
            _indexAtChange = _lastIndex();
        }
    }

    /// <summary>Back to the default: the dev agent alone.</summary>
    public void Reset() => Set(_default);

    /// <summary>Why <paramref name="servers"/> cannot be a server set, or null when it can.</summary>
    internal static string? Invalid(IReadOnlyList<DevServer> servers)
    {
        if (servers.Count == 0)
        {
            return "a server set needs at least one server";
        }

        if (servers.FirstOrDefault(s => string.IsNullOrEmpty(s.Name) || string.IsNullOrEmpty(s.Address)) is not null)
        {
            return "every server needs a Name and an Address";
        }

        return servers.GroupBy(s => s.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } duplicate
            ? $"server name \"{duplicate.Key}\" appears twice"
            : null;
    }

    /// <summary>The set with when it last changed and the Raft index the unhealthy servers are stuck at.</summary>
    internal (IReadOnlyList<DevServer> Servers, DateTimeOffset ChangedAt, ulong IndexAtChange) Snapshot()
    {
        lock (_gate)
        {
            return (_servers, _changedAt, _indexAtChange);
        }
    }

    /// <summary>The leader: the first healthy voter (null when the set has none).</summary>
    internal static DevServer? LeaderOf(IReadOnlyList<DevServer> servers) => servers.FirstOrDefault(s => s.Voter && s.Healthy);

    /// <summary>A UUID-shaped ID from the name, so a set written twice keeps its IDs.</summary>
    private static string DerivedId(string name) => new Guid(SHA256.HashData(Encoding.UTF8.GetBytes("dev-server/" + name)).AsSpan(0, 16)).ToString();
}
