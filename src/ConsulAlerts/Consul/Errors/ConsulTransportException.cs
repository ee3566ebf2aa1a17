namespace ConsulAlerts.Consul.Errors;

/// <summary>No HTTP answer: connection failure, TLS failure, dropped connection or request timeout.</summary>
internal sealed class ConsulTransportException(string method, string path, string detail, bool isRetryable, Exception? innerException)
    : ConsulException(ConsulErrorKind.Transport, method, path, statusCode: null, detail, isRetryable, innerException)
{
    /// <summary>True when the request hit its own timeout (not the caller's cancellation).</summary>
    public bool IsTimeout { get; init; }
}
