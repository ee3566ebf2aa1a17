using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using ConsulAlerts.Notifications;
using ConsulAlerts.Notifications.Http;

namespace ConsulAlerts.Tests.Notifications.Http;

public sealed class HttpStatusClassifierTests
{
    [Theory]
    [InlineData(200, true, false, null)]
    [InlineData(201, true, false, null)]
    [InlineData(204, true, false, null)]
    [InlineData(408, false, true, "HTTP 408 Request Timeout")]
    [InlineData(425, false, true, "HTTP 425 Too Early")]
    [InlineData(429, false, true, "HTTP 429 Too Many Requests")]
    [InlineData(500, false, true, "HTTP 500 Internal Server Error")]
    [InlineData(502, false, true, "HTTP 502 Bad Gateway")]
    [InlineData(503, false, true, "HTTP 503 Service Unavailable")]
    [InlineData(599, false, true, "HTTP 599")]
    [InlineData(400, false, false, "HTTP 400 Bad Request")]
    [InlineData(401, false, false, "HTTP 401 Unauthorized")]
    [InlineData(403, false, false, "HTTP 403 Forbidden")]
    [InlineData(404, false, false, "HTTP 404 Not Found")]
    [InlineData(410, false, false, "HTTP 410 Gone")]
    [InlineData(302, false, false, "HTTP 302 Found")]
    public void Classify_Status_MapsToResult(int status, bool success, bool retryable, string? error)
    {
        var result = HttpStatusClassifier.Classify((HttpStatusCode)status);

        result.ShouldBe(new NotifyResult(success, retryable, error));
    }

    [Fact]
    public void Classify_RetryAfterSeconds_NamesTheWait()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(30));

        var result = HttpStatusClassifier.Classify(response, DateTimeOffset.UnixEpoch);

        result.ShouldBe(NotifyResult.Failed("HTTP 429 Too Many Requests (retry after 30s)", retryable: true) with { RetryAfter = TimeSpan.FromSeconds(30) });
    }

    [Fact]
    public void Classify_RetryAfterDate_NamesTheWaitFromNow()
    {
        var now = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        using var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        response.Headers.RetryAfter = new RetryConditionHeaderValue(now.AddMinutes(2));

        var result = HttpStatusClassifier.Classify(response, now);

        result.Error.ShouldBe("HTTP 503 Service Unavailable (retry after 120s)");
    }

    [Fact]
    public void Classify_RetryAfterOnNonRetryableStatus_IsNotMentioned() =>
        HttpStatusClassifier.Classify(HttpStatusCode.BadRequest, TimeSpan.FromSeconds(5)).Error.ShouldBe("HTTP 400 Bad Request");

    public static TheoryData<Exception, bool, string> Exceptions() => new()
    {
        { new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (hooks.example.com:443/services/SECRET)"), true, "request failed: cannot connect" },
        { new HttpRequestException(HttpRequestError.NameResolutionError, "Name or service not known (hooks.example.com:443)"), true, "request failed: host name not resolved" },
        { new HttpRequestException(HttpRequestError.SecureConnectionError, "The SSL connection could not be established"), true, "request failed: TLS handshake failed" },
        { new HttpRequestException("https://hooks.example.com/services/SECRET"), true, "request failed: network error" },
        { new IOException("Unable to read data from the transport connection", new SocketException()), true, "request failed: connection lost" },
        { new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout of 100 seconds elapsing.", new TimeoutException()), true, "request timed out" },
        { new TimeoutException(), true, "request timed out" },
        { new InvalidOperationException("https://hooks.example.com/services/SECRET"), false, "request failed: InvalidOperationException" },
    };

    [Theory]
    [MemberData(nameof(Exceptions))]
    public void Classify_Exception_MapsToResultWithoutItsMessage(Exception exception, bool retryable, string error)
    {
        var result = HttpStatusClassifier.Classify(exception);

        result.ShouldBe(NotifyResult.Failed(error, retryable));
        result.Error.ShouldNotBeNull().ShouldNotContain("SECRET");
    }
}
