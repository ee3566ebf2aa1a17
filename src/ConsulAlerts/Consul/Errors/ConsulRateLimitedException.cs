using System.Net;

namespace ConsulAlerts.Consul.Errors;

/// <summary>429 or 503: the server refused the request before doing anything; back off and retry.</summary>
internal sealed class ConsulRateLimitedException(string method, string path, HttpStatusCode statusCode, string detail, TimeSpan? retryAfter)
    : ConsulException(ConsulErrorKind.RateLimited, method, path, statusCode, detail, isRetryable: true)
{
    /// <summary>The server's <c>Retry-After</c>, when it sent one.</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
