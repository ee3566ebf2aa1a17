namespace ConsulAlerts.DevAgent.Http;

/// <summary>An error answered with a status code and a plain-text body, as Consul does.</summary>
internal sealed class ConsulHttpException : Exception
{
    public ConsulHttpException()
        : this(500, "internal error")
    {
    }

    public ConsulHttpException(string message)
        : this(500, message)
    {
    }

    public ConsulHttpException(string message, Exception innerException)
        : base(message, innerException)
    {
        StatusCode = 500;
    }

    public ConsulHttpException(int statusCode, string message)
        : base(message)
    {
        StatusCode = statusCode;
    }

    public int StatusCode { get; }
}
