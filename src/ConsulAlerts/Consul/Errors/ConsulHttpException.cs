using System.Net;

namespace ConsulAlerts.Consul.Errors;

/// <summary>Any other error status (400, 405, 413, 500 with another reason, ...).</summary>
internal sealed class ConsulHttpException(string method, string path, HttpStatusCode statusCode, string detail, bool isRetryable)
    : ConsulException(ConsulErrorKind.Http, method, path, statusCode, detail, isRetryable);
