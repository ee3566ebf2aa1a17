using System.Net;
using ConsulAlerts.Consul.Errors;

namespace ConsulAlerts.Tests.Consul.Errors;

public sealed class ConsulErrorClassifierTests
{
    [Theory]
    [InlineData("GET", 500, "No cluster leader", typeof(ConsulNoLeaderException), "NoLeader", true)]
    [InlineData("PUT", 500, "No cluster leader", typeof(ConsulNoLeaderException), "NoLeader", true)]
    [InlineData("GET", 403, "ACL not found", typeof(ConsulAclException), "AclNotFound", false)]
    [InlineData("GET", 403, "Permission denied: token with AccessorID 'a1' lacks permission 'key:read' on \"x\"", typeof(ConsulAclException), "AclDenied", false)]
    [InlineData("GET", 404, "Invalid URL path: not a recognized HTTP API endpoint", typeof(ConsulNotFoundException), "NotFound", false)]
    [InlineData("PUT", 409, "", typeof(ConsulConflictException), "Conflict", false)]
    [InlineData("GET", 429, "rate limit exceeded", typeof(ConsulRateLimitedException), "RateLimited", true)]
    [InlineData("PUT", 503, "retry later", typeof(ConsulRateLimitedException), "RateLimited", true)]
    [InlineData("GET", 500, "rpc error: EOF", typeof(ConsulHttpException), "Http", true)]
    [InlineData("PUT", 500, "invalid session \"abc\"", typeof(ConsulHttpException), "Http", false)]
    [InlineData("GET", 502, "bad gateway", typeof(ConsulHttpException), "Http", true)]
    [InlineData("GET", 400, "Invalid wait time", typeof(ConsulHttpException), "Http", false)]
    [InlineData("PUT", 413, "Transaction contains too many operations (65 > 64)", typeof(ConsulTooLargeException), "TooLarge", false)]
    [InlineData("PUT", 413, "Request body(524289 bytes) too large, max size: 524288 bytes.", typeof(ConsulTooLargeException), "TooLarge", false)]
    public void FromResponse_StatusAndBody_GivesTypedError(string method, int status, string body, Type expectedType, string expectedKind, bool retryable)
    {
        var error = ConsulErrorClassifier.FromResponse(new HttpMethod(method), "/v1/kv/a", (HttpStatusCode)status, body);

        error.ShouldBeOfType(expectedType);
        error.Kind.ShouldBe(Enum.Parse<ConsulErrorKind>(expectedKind));
        error.IsRetryable.ShouldBe(retryable);
        error.StatusCode.ShouldBe((HttpStatusCode)status);
        error.Message.ShouldStartWith($"Consul {method} /v1/kv/a failed: {status}");
    }

    [Fact]
    public void FromResponse_RateLimitedWithRetryAfter_KeepsIt()
    {
        var error = ConsulErrorClassifier.FromResponse(HttpMethod.Get, "/v1/kv/a", HttpStatusCode.TooManyRequests, "slow down", TimeSpan.FromSeconds(7));

        error.ShouldBeOfType<ConsulRateLimitedException>().RetryAfter.ShouldBe(TimeSpan.FromSeconds(7));
    }

    [Fact]
    public void FromResponse_BodyEchoesSecret_MessageRedactsIt()
    {
        const string token = "3f2504e0-4f89-11d3-9a0c-0305e82c3301";

        var error = ConsulErrorClassifier.FromResponse(
            HttpMethod.Get, "/v1/kv/a", HttpStatusCode.Forbidden, $"ACL not found for {token}", secrets: [token]);

        error.Message.ShouldNotContain(token);
        error.Detail.ShouldContain("[redacted]");
    }

    [Fact]
    public void FromResponse_LongMultilineBody_IsShortenedToOneLine()
    {
        var body = "first line\nsecond line\n" + new string('x', 2000);

        var error = ConsulErrorClassifier.FromResponse(HttpMethod.Get, "/v1/kv/a", HttpStatusCode.BadRequest, body);

        error.Detail.ShouldNotContain("\n");
        error.Detail.Length.ShouldBeLessThanOrEqualTo(301);
        error.Detail.ShouldStartWith("first line second line");
    }
}
