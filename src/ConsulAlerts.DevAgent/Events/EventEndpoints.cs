using System.Text.RegularExpressions;
using ConsulAlerts.DevAgent.Blocking;
using ConsulAlerts.DevAgent.Http;

namespace ConsulAlerts.DevAgent.Events;

/// <summary><c>/v1/event/fire/:name</c> and <c>/v1/event/list</c> (agent-local, equality-based blocking).</summary>
internal static class EventEndpoints
{
    /// <summary>Event list waits default to 10 min, without jitter.</summary>
    private static readonly TimeSpan DefaultWait = TimeSpan.FromMinutes(10);

    public static void Map(Router router)
    {
        router.Prefix("/v1/event/fire/", RouteKind.Agent, FireAsync, "PUT");
        router.Exact("/v1/event/fire", RouteKind.Agent, FireAsync, "PUT");
        router.Exact("/v1/event/list", RouteKind.Agent, ListAsync, "GET");
    }

    private static async Task FireAsync(ApiRequest request)
    {
        var name = request.Tail;
        if (name.Length == 0)
        {
            throw new ConsulHttpException(400, "Missing name");
        }

        var nodeFilter = request.Get("node");
        var serviceFilter = request.Get("service");
        var tagFilter = request.Get("tag");
        if (tagFilter.Length > 0 && serviceFilter.Length == 0)
        {
            throw new ConsulHttpException(500, "cannot provide tag filter without service filter");
        }

        foreach (var filter in new[] { nodeFilter, serviceFilter, tagFilter })
        {
            try
            {
                _ = new Regex(filter, RegexOptions.None, TimeSpan.FromSeconds(1));
            }
            catch (ArgumentException ex)
            {
                throw new ConsulHttpException(500, $"Invalid filter: {ex.Message}");
            }
        }

        var payload = await request.ReadBodyAsync();
        var fired = new UserEvent
        {
            ID = Guid.NewGuid().ToString(),
            Name = name,
            Payload = payload.Length > 0 ? payload : null,
            NodeFilter = nodeFilter,
            ServiceFilter = serviceFilter,
            TagFilter = tagFilter,
        };
        var answer = AppliesHere(request, fired) ? request.Runtime.Events.Fire(fired) : fired;
        await request.WriteJsonAsync(answer);
    }

    /// <summary>An agent only keeps events whose filters match it, as Consul's shouldProcessUserEvent decides.</summary>
    private static bool AppliesHere(ApiRequest request, UserEvent e)
    {
        var store = request.Store;
        if (e.NodeFilter.Length > 0 && !Regex.IsMatch(store.NodeName, e.NodeFilter, RegexOptions.None, TimeSpan.FromSeconds(1)))
        {
            return false;
        }

        if (e.ServiceFilter.Length == 0)
        {
            return true;
        }

        var services = store.Read(() => store.NodeServices(store.NodeName));
        return services.Values.Any(s =>
            Regex.IsMatch(s.Service, e.ServiceFilter, RegexOptions.None, TimeSpan.FromSeconds(1))
            && (e.TagFilter.Length == 0 || s.Tags.Any(t => Regex.IsMatch(t, e.TagFilter, RegexOptions.None, TimeSpan.FromSeconds(1)))));
    }

    private static async Task ListAsync(ApiRequest request)
    {
        var (minIndex, wait) = QueryOptions.ParseWait(request.Query);
        var name = request.Has("name") ? request.Get("name") : null;
        wait = wait <= TimeSpan.Zero ? DefaultWait : wait;
        if (wait > request.Runtime.Options.MaxQueryTime)
        {
            wait = request.Runtime.Options.MaxQueryTime;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(request.Aborted);
        timeout.CancelAfter(wait);
        while (true)
        {
            var (events, index, changed) = request.Runtime.Events.List(name);

            // Blocks only while the client's index equals the current one; any other value returns at once.
            if (minIndex == 0 || index != minIndex || timeout.IsCancellationRequested)
            {
                request.SetIndex(index);
                await request.WriteJsonAsync(events);
                return;
            }

            try
            {
                using (request.Runtime.Requests.Park("GET", "/v1/event/list"))
                {
                    await changed.WaitAsync(timeout.Token);
                }
            }
            catch (OperationCanceledException) when (!request.Aborted.IsCancellationRequested)
            {
                // Timed out: answer with the unchanged list on the next pass.
            }
        }
    }
}
