using ConsulAlerts.DevAgent.Blocking;
using ConsulAlerts.DevAgent.Catalog;
using ConsulAlerts.DevAgent.Health;
using ConsulAlerts.DevAgent.Http;

namespace ConsulAlerts.DevAgent.Agent;

/// <summary><c>/v1/agent/*</c>: self, checks, services, service and check registration, TTL updates.</summary>
internal static class AgentEndpoints
{
    public static void Map(Router router)
    {
        router.Exact("/v1/agent/self", RouteKind.Agent, SelfAsync, "GET");
        router.Exact("/v1/agent/checks", RouteKind.Agent, ChecksAsync, "GET");
        router.Exact("/v1/agent/services", RouteKind.Agent, ServicesAsync, "GET");
        router.Exact("/v1/agent/service/register", RouteKind.Agent, RegisterServiceAsync, "PUT");
        router.Prefix("/v1/agent/service/deregister/", RouteKind.Agent, DeregisterServiceAsync, "PUT");
        router.Exact("/v1/agent/check/register", RouteKind.Agent, RegisterCheckAsync, "PUT");
        router.Prefix("/v1/agent/check/deregister/", RouteKind.Agent, DeregisterCheckAsync, "PUT");
        router.Prefix("/v1/agent/check/pass/", RouteKind.Agent, r => SetStatusAsync(r, HealthStatus.Passing), "PUT");
        router.Prefix("/v1/agent/check/warn/", RouteKind.Agent, r => SetStatusAsync(r, HealthStatus.Warning), "PUT");
        router.Prefix("/v1/agent/check/fail/", RouteKind.Agent, r => SetStatusAsync(r, HealthStatus.Critical), "PUT");
        router.Prefix("/v1/agent/check/update/", RouteKind.Agent, UpdateAsync, "PUT");
    }

    /// <summary>Builds a check from an agent definition; the type follows from which of TTL/HTTP/TCP/... is set.</summary>
    internal static HealthCheck BuildCheck(AgentCheckRegistration c, string checkId, string name, string serviceId)
    {
        TimeSpan? ttl = null;
        if (!string.IsNullOrEmpty(c.TTL))
        {
            ttl = ParseDuration(c.TTL);
            if (ttl <= TimeSpan.Zero)
            {
                throw new ConsulHttpException(400, "Invalid check: TTL must be > 0 for TTL checks");
            }
        }

        var interval = string.IsNullOrEmpty(c.Interval) ? TimeSpan.Zero : ParseDuration(c.Interval);
        var timeout = string.IsNullOrEmpty(c.Timeout) ? TimeSpan.Zero : ParseDuration(c.Timeout);
        var deregister = string.IsNullOrEmpty(c.DeregisterCriticalServiceAfter) ? TimeSpan.Zero : ParseDuration(c.DeregisterCriticalServiceAfter);
        var type = ttl is not null ? "ttl"
            : !string.IsNullOrEmpty(c.HTTP) ? "http"
            : !string.IsNullOrEmpty(c.TCP) ? "tcp"
            : !string.IsNullOrEmpty(c.UDP) ? "udp"
            : !string.IsNullOrEmpty(c.GRPC) ? "grpc"
            : c.Args is { Length: > 0 } ? "script"
            : "";
        if (!string.IsNullOrEmpty(c.Status) && !HealthStatus.IsValid(c.Status))
        {
            throw new ConsulHttpException(400, "Bad check status");
        }

        if (type is "http" or "tcp" or "udp" or "script" && interval <= TimeSpan.Zero)
        {
            throw new ConsulHttpException(400, "Invalid check: Interval must be > 0 for Script, HTTP, H2PING, TCP or UDP checks");
        }

        return new HealthCheck
        {
            Node = "",
            CheckID = checkId,
            Name = name,
            Status = c.Status ?? "",
            Notes = c.Notes ?? "",
            Output = c.Output ?? "",
            ServiceID = serviceId,
            Type = type,
            Interval = interval > TimeSpan.Zero ? GoDuration.Format(interval) : "",
            Timeout = timeout > TimeSpan.Zero ? GoDuration.Format(timeout) : "",
            Definition = new CheckDefinition
            {
                Interval = GoDuration.Format(interval),
                Timeout = GoDuration.Format(timeout),
                DeregisterCriticalServiceAfter = GoDuration.Format(deregister),
                HTTP = c.HTTP ?? "",
                Method = c.Method ?? "",
                TCP = c.TCP ?? "",
                UDP = c.UDP ?? "",
                GRPC = c.GRPC ?? "",
            },
            Ttl = ttl,
        };
    }

    private static TimeSpan ParseDuration(string text) =>
        GoDuration.TryParse(text, out var value)
            ? value
            : throw new ConsulHttpException(400, $"Request decode failed: time: invalid duration \"{text}\"");

    private static Task SelfAsync(ApiRequest request)
    {
        var store = request.Store;
        var self = new AgentSelf(
            new AgentConfig
            {
                Datacenter = store.Datacenter,
                PrimaryDatacenter = store.Datacenter,
                NodeName = store.NodeName,
                NodeID = store.NodeId,
            },
            new AgentMember
            {
                Name = store.NodeName,
                Tags = new()
                {
                    ["dc"] = store.Datacenter,
                    ["role"] = "consul",
                    ["port"] = "8300",
                    ["id"] = store.NodeId,
                },
            },
            new() { ["consul-network-segment"] = "" });
        return request.WriteJsonAsync(self);
    }

    private static Task ChecksAsync(ApiRequest request) =>
        request.WriteJsonAsync(request.Store.Read(request.Store.AgentChecks));

    private static Task ServicesAsync(ApiRequest request) =>
        request.WriteJsonAsync(request.Store.Read(() => request.Store.NodeServices(request.Store.NodeName)));

    private static async Task RegisterServiceAsync(ApiRequest request)
    {
        var body = await request.ReadJsonAsync<AgentServiceRegistration>()
            ?? throw new ConsulHttpException(400, "Request decode failed: empty body");
        if (string.IsNullOrEmpty(body.Name))
        {
            throw new ConsulHttpException(400, "Missing service name");
        }

        var serviceId = string.IsNullOrEmpty(body.ID) ? body.Name : body.ID;
        var service = new ServiceEntry
        {
            ID = serviceId,
            Service = body.Name,
            Tags = body.Tags ?? [],
            Address = body.Address ?? "",
            Meta = body.Meta ?? [],
            Port = body.Port,
            Weights = body.Weights ?? new ServiceWeights(),
            EnableTagOverride = body.EnableTagOverride,
        };
        var definitions = (body.Check is null ? [] : new[] { body.Check }).Concat(body.Checks ?? []).ToList();
        var checks = new List<HealthCheck>();
        for (var i = 0; i < definitions.Count; i++)
        {
            var c = definitions[i];
            var checkId = !string.IsNullOrEmpty(c.CheckID) ? c.CheckID
                : !string.IsNullOrEmpty(c.ID) ? c.ID
                : definitions.Count == 1 ? $"service:{serviceId}" : $"service:{serviceId}:{i + 1}";
            var name = string.IsNullOrEmpty(c.Name) ? $"Service '{body.Name}' check" : c.Name;
            checks.Add(BuildCheck(c, checkId, name, serviceId));
        }

        var replace = request.Has("replace-existing-checks");
        request.Store.Write(index =>
        {
            request.Store.RegisterAgentService(index, service, checks, replace);
            return true;
        });
        request.Http.Response.StatusCode = 200;
    }

    private static Task DeregisterServiceAsync(ApiRequest request)
    {
        var serviceId = request.Tail;
        if (serviceId.Length == 0)
        {
            throw new ConsulHttpException(400, "Missing service ID");
        }

        request.Store.Write(index =>
        {
            request.Store.DeregisterAgentService(index, serviceId);
            return true;
        });
        request.Http.Response.StatusCode = 200;
        return Task.CompletedTask;
    }

    private static async Task RegisterCheckAsync(ApiRequest request)
    {
        var body = await request.ReadJsonAsync<AgentCheckRegistration>()
            ?? throw new ConsulHttpException(400, "Request decode failed: empty body");
        if (string.IsNullOrEmpty(body.Name))
        {
            throw new ConsulHttpException(400, "Missing check name");
        }

        var checkId = !string.IsNullOrEmpty(body.CheckID) ? body.CheckID : !string.IsNullOrEmpty(body.ID) ? body.ID : body.Name;
        var serviceId = body.ServiceID ?? "";
        var check = BuildCheck(body, checkId, body.Name, serviceId);
        request.Store.Write(index =>
        {
            if (serviceId.Length > 0 && request.Store.GetService(request.Store.NodeName, serviceId) is null)
            {
                throw new ConsulHttpException(404, $"ServiceID \"{serviceId}\" does not exist");
            }

            request.Store.RegisterAgentCheck(index, check, statusGiven: !string.IsNullOrEmpty(body.Status));
            return true;
        });
        request.Http.Response.StatusCode = 200;
    }

    private static Task DeregisterCheckAsync(ApiRequest request)
    {
        var checkId = request.Tail;
        if (checkId.Length == 0)
        {
            throw new ConsulHttpException(400, "Missing check ID");
        }

        request.Store.Write(index => request.Store.DeleteCheck(index, request.Store.NodeName, checkId)
            ? true
            : throw new ConsulHttpException(404, $"Unknown check ID \"{checkId}\". Ensure that the check ID is passed, not the check name."));
        request.Http.Response.StatusCode = 200;
        return Task.CompletedTask;
    }

    private static Task SetStatusAsync(ApiRequest request, string status)
    {
        var checkId = request.Tail;
        var note = request.Get("note");
        request.Store.Write(index => request.Store.UpdateTtlCheck(index, checkId, status, note));
        request.Http.Response.StatusCode = 200;
        return Task.CompletedTask;
    }

    private static async Task UpdateAsync(ApiRequest request)
    {
        var checkId = request.Tail;
        var body = await request.ReadJsonAsync<CheckUpdate>()
            ?? throw new ConsulHttpException(400, "Request decode failed: empty body");
        if (!HealthStatus.IsValid(body.Status))
        {
            throw new ConsulHttpException(400, $"Invalid check status: '{body.Status}'");
        }

        request.Store.Write(index => request.Store.UpdateTtlCheck(index, checkId, body.Status!, body.Output ?? ""));
        request.Http.Response.StatusCode = 200;
    }
}
