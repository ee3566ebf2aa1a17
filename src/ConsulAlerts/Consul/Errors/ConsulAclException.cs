using System.Net;

namespace ConsulAlerts.Consul.Errors;

/// <summary>403: the token lacks a permission, or (<see cref="ConsulErrorKind.AclNotFound"/>) is unknown or expired.</summary>
internal sealed class ConsulAclException(ConsulErrorKind kind, string method, string path, string detail)
    : ConsulException(kind, method, path, HttpStatusCode.Forbidden, detail, isRetryable: false)
{
    public bool IsTokenNotFound => Kind == ConsulErrorKind.AclNotFound;
}
