using System.Net;

namespace ConsulAlerts.Consul.Errors;

/// <summary>
/// A failed Consul call. The message names the method and path (never the query string, the token
/// or basic-auth credentials) and, for HTTP errors, the status and the start of the plain-text body.
/// </summary>
internal class ConsulException : Exception
{
    public ConsulException(ConsulErrorKind kind, string method, string path, HttpStatusCode? statusCode, string detail, bool isRetryable, Exception? innerException = null)
        : base(FormatMessage(method, path, statusCode, detail), innerException)
    {
        Kind = kind;
        Method = method;
        Path = path;
        StatusCode = statusCode;
        Detail = detail;
        IsRetryable = isRetryable;
    }

    public ConsulErrorKind Kind { get; }

    public string Method { get; }

    /// <summary>The URL path, without query string.</summary>
    public string Path { get; }

    /// <summary>The HTTP status; null for transport errors.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>The server's error text (redacted, truncated) or the transport failure.</summary>
    public string Detail { get; }

    /// <summary>
    /// True when repeating the same call later may succeed and cannot apply a write twice:
    /// no leader, rate limits and connection failures always; other 5xx and mid-request failures only for reads.
    /// </summary>
    public bool IsRetryable { get; }

    private static string FormatMessage(string method, string path, HttpStatusCode? statusCode, string detail) =>
        statusCode is { } status
            ? $"Consul {method} {path} failed: {(int)status} {detail}".TrimEnd()
            : $"Consul {method} {path} failed: {detail}".TrimEnd();
}
