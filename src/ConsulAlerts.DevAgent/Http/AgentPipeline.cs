using ConsulAlerts.DevAgent.Acl;
using ConsulAlerts.DevAgent.Agent;
using ConsulAlerts.DevAgent.Blocking;
using ConsulAlerts.DevAgent.Catalog;
using ConsulAlerts.DevAgent.Datacenters;
using ConsulAlerts.DevAgent.Dev;
using ConsulAlerts.DevAgent.Events;
using ConsulAlerts.DevAgent.Health;
using ConsulAlerts.DevAgent.Kv;
using ConsulAlerts.DevAgent.Raft;
using ConsulAlerts.DevAgent.Sessions;
using ConsulAlerts.DevAgent.Status;
using ConsulAlerts.DevAgent.Txn;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace ConsulAlerts.DevAgent.Http;

/// <summary>
/// The request delegate: decodes the path, records the request, applies faults and the token check, dispatches, and turns
/// errors into Consul's plain-text answers.
/// </summary>
internal sealed class AgentPipeline
{
    private readonly AgentRuntime _runtime;
    private readonly Router _router = new();

    public AgentPipeline(AgentRuntime runtime)
    {
        _runtime = runtime;
        KvEndpoint.Map(_router);
        AclEndpoints.Map(_router);
        CatalogEndpoints.Map(_router);
        HealthEndpoints.Map(_router);
        AgentEndpoints.Map(_router);
        MaintenanceEndpoints.Map(_router);
        SessionEndpoints.Map(_router);
        EventEndpoints.Map(_router);
        TxnEndpoint.Map(_router);
        StatusEndpoints.Map(_router);
        OperatorEndpoints.Map(_router);
        DatacenterEndpoints.Map(_router);
        DevEndpoints.Map(_router);
    }

    public async Task InvokeAsync(HttpContext context)
    {
        using var aborted = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _runtime.Shutdown.Token);
        try
        {
            await DispatchAsync(context, aborted.Token);
        }
        catch (ConsulHttpException ex) when (!context.Response.HasStarted)
        {
            context.Response.Headers.Clear();
            context.Response.Headers["X-Consul-Default-ACL-Policy"] = _runtime.Acl.DefaultPolicy;
            await ApiRequest.WriteText(context, ex.StatusCode, ex.Message, aborted.Token);
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            context.Abort();
        }
    }

    /// <summary>The request path with percent-escapes decoded, %2F included, as Go's URL.Path has it.</summary>
    private static string DecodedPath(HttpContext context)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(raw) || raw[0] != '/')
        {
            return context.Request.Path.Value ?? "/";
        }

        var query = raw.IndexOf('?', StringComparison.Ordinal);
        return Uri.UnescapeDataString(query >= 0 ? raw[..query] : raw);
    }

    private static bool IsCacheable(string path) =>
        path == "/v1/catalog/services"
        || path.StartsWith("/v1/catalog/service/", StringComparison.Ordinal)
        || path.StartsWith("/v1/health/service/", StringComparison.Ordinal);

    /// <summary>Catalog writes take the datacenter from the body's <c>Datacenter</c>; Consul 1.10 ignores their <c>?dc=</c>.</summary>
    private static bool DatacenterInBody(string path) => path is "/v1/catalog/register" or "/v1/catalog/deregister";

    private static string? Token(HttpRequest request)
    {
        if (request.Query.TryGetValue("token", out var query) && !string.IsNullOrEmpty(query))
        {
            return query[0];
        }

        if (request.Headers.TryGetValue("X-Consul-Token", out var header) && !string.IsNullOrEmpty(header))
        {
            return header[0];
        }

        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization[7..].Trim() : null;
    }

    private async Task DispatchAsync(HttpContext context, CancellationToken aborted)
    {
        var path = DecodedPath(context);
        var method = context.Request.Method;
        var isApi = path.StartsWith("/v1/", StringComparison.Ordinal);
        if (isApi)
        {
            _runtime.Requests.Record(method, path);
            var faults = _runtime.Faults;
            if (faults.DropConnections)
            {
                context.Abort();
                return;
            }

            var latency = faults.Latency;
            if (latency > TimeSpan.Zero)
            {
                await Task.Delay(latency, aborted);
            }

            if (faults.TryTakeFailure(out var status, out var body))
            {
                await ApiRequest.WriteText(context, status, body, aborted);
                return;
            }
        }
        else if (!path.StartsWith("/_dev/", StringComparison.Ordinal))
        {
            // Consul 1.10 answers a path it does not serve with an empty 404.
            context.Response.StatusCode = 404;
            return;
        }

        var route = _router.Match(path, out var tail);
        if (route is null)
        {
            // Consul 1.10 answers a path it does not serve with an empty 404.
            context.Response.StatusCode = 404;
            return;
        }

        context.Response.Headers["X-Consul-Default-ACL-Policy"] = _runtime.Acl.DefaultPolicy;

        // Like Consul's wrap(): OPTIONS lists the methods, anything else not declared is a 405 with the same Allow list.
        if (HttpMethods.IsOptions(method))
        {
            context.Response.Headers.Allow = "OPTIONS," + string.Join(",", route.Methods);
            context.Response.StatusCode = 200;
            return;
        }

        if (!route.Methods.Contains(method, StringComparer.Ordinal))
        {
            context.Response.Headers.Allow = "OPTIONS," + string.Join(",", route.Methods);
            await ApiRequest.WriteText(context, 405, $"method {method} not allowed", aborted);
            return;
        }

        // Parameters are parsed before anything reaches the servers, so a bad index beats a missing leader.
        var staleRead = false;
        if (route.Kind == RouteKind.Server && HttpMethods.IsGet(method))
        {
            staleRead = QueryOptions.Parse(context.Request.Query).Stale;
            if (context.Request.Query.ContainsKey("cached") && IsCacheable(path))
            {
                // The agent cache is not modelled: every cached read is a miss that goes to the servers.
                context.Response.Headers["X-Cache"] = "MISS";
            }
        }

        var isServer = route.Kind is RouteKind.Server or RouteKind.Leader;
        var routed = route.Kind != RouteKind.Agent && !DatacenterInBody(path);
        var request = new ApiRequest(context, tail, _runtime, routed, aborted);
        if (isServer && routed)
        {
            // An unknown or unreachable ?dc= is answered before the ACL check, as the forwarding server does.
            _ = request.Datacenter;
        }

        if (isApi && route.Kind != RouteKind.Status)
        {
            var required = _runtime.Options.RequiredToken;
            if (required is not null && Token(context.Request) != required)
            {
                await ApiRequest.WriteText(context, 403, "ACL not found", aborted);
                return;
            }

            if (_runtime.Acl.Refusal(Token(context.Request)) is { } refusal)
            {
                await ApiRequest.WriteText(context, 403, refusal, aborted);
                return;
            }

            if (_runtime.Faults.AclDenied)
            {
                await ApiRequest.WriteText(context, 403, "Permission denied", aborted);
                return;
            }

            if (isServer && request.WithoutLeader && !staleRead)
            {
                await ApiRequest.WriteText(context, 500, "No cluster leader", aborted);
                return;
            }
        }

        await route.Handler(request);
    }
}
