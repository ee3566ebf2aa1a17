using System.Globalization;
using ConsulAlerts.DevAgent.Blocking;
using ConsulAlerts.DevAgent.Http;

namespace ConsulAlerts.DevAgent.Raft;

/// <summary>
/// <c>GET /v1/operator/autopilot/health</c> and <c>GET /v1/operator/raft/configuration</c> over the simulated server set
/// (ACL <c>operator:read</c>). Neither sends <c>X-Consul-Index</c> or the leader headers, as in Consul 1.10.
/// </summary>
internal static class OperatorEndpoints
{
    /// <summary>Term of a single server that elected itself once, as a fresh dev-mode Consul reports.</summary>
    private const ulong Term = 2;

    /// <summary>What a healthy follower reports; the real figure is a few milliseconds of heartbeat jitter.</summary>
    private static readonly TimeSpan FollowerContact = TimeSpan.FromMilliseconds(10);

    public static void Map(Router router)
    {
        // Autopilot health is the leader's own view: ?stale does not help without one.
        router.Exact("/v1/operator/autopilot/health", RouteKind.Leader, AutopilotHealthAsync, "GET");
        router.Exact("/v1/operator/raft/configuration", RouteKind.Server, RaftConfigurationAsync, "GET");
    }

    /// <summary>Autopilot's figures: healthy when every server is, tolerance = healthy voters − quorum, never below 0.</summary>
    internal static (bool Healthy, int FailureTolerance) Assess(IReadOnlyList<DevServer> servers)
    {
        var voters = servers.Count(s => s.Voter);
        var healthyVoters = servers.Count(s => s.Voter && s.Healthy);
        return (servers.All(s => s.Healthy), Math.Max(0, healthyVoters - ((voters / 2) + 1)));
    }

    private static async Task AutopilotHealthAsync(ApiRequest request)
    {
        var set = request.Servers;
        var (servers, changedAt, indexAtChange) = set.Snapshot();
        var leader = DevServerSet.LeaderOf(servers);
        var now = request.Runtime.Options.TimeProvider.GetUtcNow();
        var lastIndex = request.Store.LastIndex;
        // Consul rounds StableSince to the second.
        var stableSince = new DateTimeOffset((changedAt.UtcTicks + (TimeSpan.TicksPerSecond / 2)) / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, TimeSpan.Zero)
            .ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var entries = servers.Select(s => new AutopilotServer
        {
            ID = s.ID!,
            Name = s.Name,
            Address = s.Address,
            SerfStatus = s.Healthy ? "alive" : "failed",
            Version = request.Runtime.Options.Version,
            Leader = ReferenceEquals(s, leader),
            LastContact = GoDuration.Format(ReferenceEquals(s, leader) ? TimeSpan.Zero
                : s.Healthy ? FollowerContact
                : Max(now - changedAt, FollowerContact)),
            LastTerm = Term,
            LastIndex = s.Healthy ? lastIndex : Math.Min(indexAtChange, lastIndex),
            Healthy = s.Healthy,
            Voter = s.Voter,
            StableSince = stableSince,
        }).ToList();
        var (healthy, tolerance) = Assess(servers);

        // Consul writes 429 for an unhealthy cluster before its JSON encoder sets a content type, so Go sniffs text/plain.
        var body = new AutopilotHealth(healthy, tolerance, entries);
        await (healthy ? request.WriteJsonAsync(body) : request.WriteJsonAsync(body, 429, "text/plain; charset=utf-8"));
    }

    private static async Task RaftConfigurationAsync(ApiRequest request)
    {
        var servers = request.Servers.Current;
        // Read with ?stale while there is no leader, every server says Leader:false.
        var leader = request.WithoutLeader ? null : DevServerSet.LeaderOf(servers);
        var entries = servers.Select(s => new RaftServer
        {
            ID = s.ID!,
            Node = s.Name,
            Address = s.Address,
            Leader = ReferenceEquals(s, leader),
            ProtocolVersion = "3",
            Voter = s.Voter,
        }).ToList();
        await request.WriteJsonAsync(new RaftConfiguration(entries, 0));
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
