namespace ConsulAlerts.DevAgent.Http;

/// <summary>An endpoint: its path (exact or prefix), allowed methods, kind and handler.</summary>
internal sealed record Route(string Path, bool IsPrefix, string[] Methods, RouteKind Kind, Func<ApiRequest, Task> Handler);
