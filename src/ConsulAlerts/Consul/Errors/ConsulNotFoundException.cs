using System.Net;

namespace ConsulAlerts.Consul.Errors;

/// <summary>404 where the API has no "absent" answer, e.g. an unknown URL path.</summary>
internal class ConsulNotFoundException(ConsulErrorKind kind, string method, string path, string detail)
    : ConsulException(kind, method, path, HttpStatusCode.NotFound, detail, isRetryable: false);
