using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.WebUtilities;

namespace ConsulAlerts.Notifications.Http;

/// <summary>
/// Maps the outcome of a notifier's HTTP request to a <see cref="NotifyResult"/>: 2xx is success; 408, 425, 429 and
/// 5xx are worth retrying (the vendor is busy or briefly broken); any other status is not (the request or its
/// configuration is wrong, and sending it again will fail again). Network errors and timeouts are retryable.
/// Error texts name the status and a fixed reason, never the URL, a header or the response body: webhook URLs carry
/// their credentials, and a vendor's error page may echo the request.
/// </summary>
internal static class HttpStatusClassifier
{
    /// <summary>The result for a response status, with the vendor's <c>Retry-After</c> wait in the text when it gave one.</summary>
    public static NotifyResult Classify(HttpStatusCode status, TimeSpan? retryAfter = null)
    {
        var code = (int)status;
        if (code is >= 200 and <= 299)
        {
            return NotifyResult.Ok;
        }

        var retryable = code is 408 or 425 or 429 or (>= 500 and <= 599);
        // ASP.NET Core's table predates 425 (RFC 8470).
        var reason = code == 425 ? "Too Early" : ReasonPhrases.GetReasonPhrase(code);
        var text = string.IsNullOrEmpty(reason)
            ? string.Create(CultureInfo.InvariantCulture, $"HTTP {code}")
            : string.Create(CultureInfo.InvariantCulture, $"HTTP {code} {reason}");
        if (retryable && retryAfter is { } wait && wait > TimeSpan.Zero)
        {
            text += string.Create(CultureInfo.InvariantCulture, $" (retry after {Math.Ceiling(wait.TotalSeconds)}s)");
            return NotifyResult.Failed(text, retryable) with { RetryAfter = wait };
        }

        return NotifyResult.Failed(text, retryable);
    }

    /// <summary>The result for a response, reading its <c>Retry-After</c> header (seconds or a date relative to <paramref name="now"/>).</summary>
    public static NotifyResult Classify(HttpResponseMessage response, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(response);
        var retryAfter = response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - now,
            _ => (TimeSpan?)null,
        };
        return Classify(response.StatusCode, retryAfter);
    }

    /// <summary>
    /// The result for a request that got no response. Only the error kind is reported: the exception message of a
    /// failed connection names the host and sometimes the whole URL.
    /// </summary>
    public static NotifyResult Classify(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception switch
        {
            HttpRequestException { HttpRequestError: var error } => NotifyResult.Failed($"request failed: {Describe(error)}", retryable: true),
            IOException => NotifyResult.Failed("request failed: connection lost", retryable: true),
            OperationCanceledException or TimeoutException => NotifyResult.Failed("request timed out", retryable: true),
            _ => NotifyResult.Failed($"request failed: {exception.GetType().Name}", retryable: false),
        };
    }

    private static string Describe(HttpRequestError error) => error switch
    {
        HttpRequestError.NameResolutionError => "host name not resolved",
        HttpRequestError.ConnectionError => "cannot connect",
        HttpRequestError.SecureConnectionError => "TLS handshake failed",
        HttpRequestError.HttpProtocolError or HttpRequestError.InvalidResponse => "invalid HTTP response",
        HttpRequestError.ResponseEnded => "connection closed before the response",
        HttpRequestError.ProxyTunnelError => "proxy tunnel failed",
        HttpRequestError.ConfigurationLimitExceeded => "response exceeds a client limit",
        HttpRequestError.VersionNegotiationError => "HTTP version negotiation failed",
        HttpRequestError.UserAuthenticationError => "authentication failed",
        _ => "network error",
    };
}
