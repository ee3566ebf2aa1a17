namespace ConsulAlerts.Consul.Errors;

/// <summary>A session renewal answered 404: the session expired or was destroyed; any lock it held is lost.</summary>
internal sealed class ConsulSessionNotFoundException(string method, string path, string sessionId, string detail)
    : ConsulNotFoundException(ConsulErrorKind.SessionNotFound, method, path, detail)
{
    public string SessionId { get; } = sessionId;
}
