namespace ConsulAlerts.DevAgent.Http;

/// <summary>Maps decoded paths to routes: exact paths first, then the longest matching prefix.</summary>
internal sealed class Router
{
    private readonly Dictionary<string, Route> _exact = new(StringComparer.Ordinal);
    private readonly List<Route> _prefixes = [];

    public void Exact(string path, RouteKind kind, Func<ApiRequest, Task> handler, params string[] methods) =>
        _exact[path] = new Route(path, false, methods, kind, handler);

    public void Prefix(string prefix, RouteKind kind, Func<ApiRequest, Task> handler, params string[] methods)
    {
        _prefixes.Add(new Route(prefix, true, methods, kind, handler));
        _prefixes.Sort((a, b) => b.Path.Length.CompareTo(a.Path.Length));
    }

    /// <summary>Finds the route; <paramref name="tail"/> is the part of the path after a prefix route.</summary>
    public Route? Match(string path, out string tail)
    {
        tail = "";
        if (_exact.TryGetValue(path, out var route))
        {
            return route;
        }

        foreach (var prefix in _prefixes)
        {
            if (path.StartsWith(prefix.Path, StringComparison.Ordinal))
            {
                tail = path[prefix.Path.Length..];
                return prefix;
            }
        }

        return null;
    }
}
