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
        // Durations are decoded like Go's: absent is zero, but an empty string is an invalid duration.
        TimeSpan? ttl = null;
        if (c.TTL is not null)
        {
            ttl = ParseDuration(c.TTL);
            if (ttl <= TimeSpan.Zero)
            {
                ttl = null;
            }
        }

        var interval = c.Interval is null ? TimeSpan.Zero : ParseDuration(c.Interval);
        var timeout = c.Timeout is null ? TimeSpan.Zero : ParseDuration(c.Timeout);
        var deregister = c.DeregisterCriticalServiceAfter is null ? TimeSpan.Zero : ParseDuration(c.DeregisterCriticalServiceAfter);
        if (!string.IsNullOrEmpty(c.Status) && !HealthStatus.IsValid(c.Status))
        {
            throw new ConsulHttpException(400, "Bad check status");
        }

        // Consul 1.10 validates a definition that names an HTTP, TCP, H2PING or script target as that kind of check first,
        // even when it also has a TTL.
        var needsInterval = !string.IsNullOrEmpty(c.HTTP) || !string.IsNullOrEmpty(c.TCP) || !string.IsNullOrEmpty(c.H2PING) || c.Args is { Length: > 0 };
        if (needsInterval && interval <= TimeSpan.Zero)
        {
            throw new ConsulHttpException(400, "Invalid check: Interval must be > 0 for Script, HTTP, H2PING, or TCP checks");
        }

        var type = ttl is not null ? "ttl"
            : !string.IsNullOrEmpty(c.HTTP) ? "http"
            : !string.IsNullOrEmpty(c.TCP) ? "tcp"
            : !string.IsNullOrEmpty(c.H2PING) ? "h2ping"
            : !string.IsNullOrEmpty(c.GRPC) ? "grpc"
            : c.Args is { Length: > 0 } ? "script"
            : !string.IsNullOrEmpty(c.AliasService) || !string.IsNullOrEmpty(c.AliasNode) ? "alias"
            : "";

        return new HealthCheck
        {
            Node = "",
            CheckID = checkId,
            Name = name,
            Status = c.Status ?? "",
            Notes = c.Notes ?? "",
            Output = "",
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
                GRPC = c.GRPC ?? "",
            },
            Ttl = ttl,
        };
    }

    private static TimeSpan ParseDuration(string text) =>
        GoDuration.TryParse(text, out var value)
            ? value
            : throw new ConsulHttpException(400, $"Request decode failed: {GoDuration.ErrorFor(text)}");

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
                Version = request.Runtime.Options.Version,
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

    // The servers' own "consul" service lives in the catalog only, never in the agent's local state.
    private static Task ServicesAsync(ApiRequest request) =>
        request.WriteJsonAsync(request.Store.Read(() => request.Store.NodeServices(request.Store.NodeName)
            .Where(s => s.Key != "consul")
            .ToDictionary(s => s.Key, s => s.Value, StringComparer.Ordinal)));

    private static async Task RegisterServiceAsync(ApiRequest request)
    {
        var body = await request.ReadStrictJsonAsync<AgentServiceRegistration>("structs.ServiceDefinition");
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
        if (definitions.Any(c => !string.IsNullOrEmpty(c.Status) && !HealthStatus.IsValid(c.Status)))
        {
            throw new ConsulHttpException(400, "Status for checks must 'passing', 'warning', 'critical'");
        }

        var checks = new List<HealthCheck>();
        for (var i = 0; i < definitions.Count; i++)
        {
            var c = definitions[i];
            var checkId = !string.IsNullOrEmpty(c.CheckID) ? c.CheckID
                : definitions.Count == 1 ? $"service:{serviceId}" : $"service:{serviceId}:{i + 1}";
            var name = string.IsNullOrEmpty(c.Name) ? $"Service '{body.Name}' check" : c.Name;
            checks.Add(BuildCheck(c.ToCheckRegistration(), checkId, name, serviceId));
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
            throw new ConsulHttpException(500, "ServiceID missing");
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
        var body = await request.ReadStrictJsonAsync<AgentCheckRegistration>("structs.CheckDefinition");
        if (string.IsNullOrEmpty(body.Name))
        {
            throw new ConsulHttpException(400, "Missing check name");
        }

        var checkId = !string.IsNullOrEmpty(body.ID) ? body.ID : body.Name;
        var serviceId = body.ServiceID ?? "";
        var check = BuildCheck(body, checkId, body.Name, serviceId);
        request.Store.Write(index =>
        {
            if (serviceId.Length > 0 && request.Store.GetService(request.Store.NodeName, serviceId) is null)
            {
                throw new ConsulHttpException(500, $"ServiceID \"{serviceId}\" does not exist");
            }

            request.Store.RegisterAgentCheck(index, check);
            return true;
        });
        request.Http.Response.StatusCode = 200;
    }

    private static Task DeregisterCheckAsync(ApiRequest request)
    {
        var checkId = request.Tail;
        if (checkId.Length == 0)
        {
            throw new ConsulHttpException(500, "CheckID missing");
        }

        // Removing a check the agent does not have succeeds, as on Consul 1.10.
        request.Store.Write(index => request.Store.DeleteCheck(index, request.Store.NodeName, checkId));
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
        var body = await request.ReadStrictJsonAsync<CheckUpdate>("structs.checkUpdate");
        if (!HealthStatus.IsValid(body.Status))
        {
            throw new ConsulHttpException(400, $"Invalid check status: '{body.Status}'");
        }

        request.Store.Write(index => request.Store.UpdateTtlCheck(index, checkId, body.Status!, body.Output ?? ""));
        request.Http.Response.StatusCode = 200;
    }
}
