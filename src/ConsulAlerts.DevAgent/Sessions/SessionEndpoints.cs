using ConsulAlerts.DevAgent.Blocking;
using ConsulAlerts.DevAgent.Http;

namespace ConsulAlerts.DevAgent.Sessions;

/// <summary><c>/v1/session/*</c>: create, renew, destroy, info, list, node.</summary>
internal static class SessionEndpoints
{
    private static readonly TimeSpan MinTtl = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan MaxTtl = TimeSpan.FromHours(24);

    public static void Map(Router router)
    {
        router.Exact("/v1/session/create", RouteKind.Server, CreateAsync, "PUT");
        router.Prefix("/v1/session/renew/", RouteKind.Server, RenewAsync, "PUT");
        router.Prefix("/v1/session/destroy/", RouteKind.Server, DestroyAsync, "PUT");
        router.Prefix("/v1/session/info/", RouteKind.Server, InfoAsync, "GET");
        router.Exact("/v1/session/list", RouteKind.Server, ListAsync, "GET");
        router.Prefix("/v1/session/node/", RouteKind.Server, NodeAsync, "GET");
    }

    /// <summary>Validates a create request and fills Consul's defaults.</summary>
    internal static SessionEntry BuildSession(SessionCreateRequest body, string agentNode)
    {
        var lockDelay = LockDelay.ParseNanoseconds(body.LockDelay)
            ?? throw new ConsulHttpException(400, $"Request decode failed: {GoDuration.ErrorFor(body.LockDelay?.ToString())}");
        var behavior = string.IsNullOrEmpty(body.Behavior) ? SessionBehavior.Release : body.Behavior;
        if (behavior is not (SessionBehavior.Release or SessionBehavior.Delete))
        {
            throw new ConsulHttpException(500, $"Invalid Behavior setting '{behavior}'");
        }

        var ttl = TimeSpan.Zero;
        if (!string.IsNullOrEmpty(body.TTL))
        {
            if (!GoDuration.TryParse(body.TTL, out ttl))
            {
                throw new ConsulHttpException(500, $"Session TTL '{body.TTL}' invalid: {GoDuration.ErrorFor(body.TTL)}");
            }

            if (ttl != TimeSpan.Zero && (ttl < MinTtl || ttl > MaxTtl))
            {
                throw new ConsulHttpException(
                    500,
                    $"Invalid Session TTL '{ttl.Ticks * 100}', must be between [{GoDuration.Format(MinTtl)}={GoDuration.Format(MaxTtl)}]");
            }
        }

        // Checks (pre-1.7) and NodeChecks both name node checks; either one given, even empty, replaces the default.
        var nodeChecks = body.Checks is null && body.NodeChecks is null
            ? ["serfHealth"]
            : (body.Checks ?? []).Concat(body.NodeChecks ?? []).Distinct(StringComparer.Ordinal).ToArray();
        return new SessionEntry
        {
            ID = Guid.NewGuid().ToString(),
            Name = body.Name ?? "",
            Node = string.IsNullOrEmpty(body.Node) ? agentNode : body.Node,
            LockDelay = lockDelay,
            Behavior = behavior,
            TTL = body.TTL ?? "",
            NodeChecks = nodeChecks,
            ServiceChecks = body.ServiceChecks,
            TtlValue = ttl,
        };
    }

    private static async Task CreateAsync(ApiRequest request)
    {
        var body = await request.ReadJsonAsync<SessionCreateRequest>() ?? new SessionCreateRequest();
        var session = BuildSession(body, request.Store.NodeName);
        var created = request.Store.Write(index => request.Store.CreateSession(index, session));
        await request.WriteJsonAsync(new SessionCreated(created.ID));
    }

    private static async Task RenewAsync(ApiRequest request)
    {
        var id = RequireId(request);
        var session = request.Store.Read(() => request.Store.RenewSession(id))
            ?? throw new ConsulHttpException(404, $"Session id '{id}' not found");
        await request.WriteJsonAsync(new List<SessionEntry> { session });
    }

    private static async Task DestroyAsync(ApiRequest request)
    {
        var id = RequireId(request);
        request.Store.Write(index => request.Store.InvalidateSession(index, id));
        await request.WriteJsonAsync(true);
    }

    private static async Task InfoAsync(ApiRequest request)
    {
        var id = RequireId(request);
        var store = request.Store;
        var sessions = await request.BlockAsync(store.SessionsChanged, () =>
        {
            var session = store.GetSession(id);
            return new BlockingResult<List<SessionEntry>>(store.SessionsIndex, session is null ? [] : [session]);
        });
        await request.WriteJsonAsync(sessions);
    }

    private static async Task ListAsync(ApiRequest request)
    {
        var store = request.Store;
        var sessions = await request.BlockAsync(store.SessionsChanged, () => new BlockingResult<List<SessionEntry>>(store.SessionsIndex, store.Sessions()));
        await request.WriteJsonAsync(sessions);
    }

    private static async Task NodeAsync(ApiRequest request)
    {
        var node = request.Tail;
        if (node.Length == 0)
        {
            throw new ConsulHttpException(400, "Missing node name");
        }

        var store = request.Store;
        var sessions = await request.BlockAsync(store.SessionsChanged, () => new BlockingResult<List<SessionEntry>>(store.SessionsIndex, store.NodeSessions(node)));
        await request.WriteJsonAsync(sessions);
    }

    private static string RequireId(ApiRequest request) =>
        request.Tail.Length > 0 ? request.Tail : throw new ConsulHttpException(400, "Missing session");
}
