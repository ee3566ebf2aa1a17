using ConsulAlerts.Notifications;
using ConsulAlerts.Notifications.Http;
using ConsulAlerts.Tests.Notifications.Testing;

namespace ConsulAlerts.Tests.Notifications.Http;

public sealed class VendorApiTests
{
    [Theory]
    [InlineData(null, "/v2/alerts", "https://api.example.com/v2/alerts")]
    [InlineData("http://127.0.0.1:8080", "/v2/alerts", "http://127.0.0.1:8080/v2/alerts")]
    [InlineData("http://127.0.0.1:8080/", "/v2/alerts", "http://127.0.0.1:8080/v2/alerts")]
    [InlineData("https://proxy.local/jsm/ops/integration/", "/v2/alerts", "https://proxy.local/jsm/ops/integration/v2/alerts")]
    [InlineData("https://proxy.local/base?drop=me", "/v2/alerts/a%3Ab/close?identifierType=alias", "https://proxy.local/base/v2/alerts/a%3Ab/close?identifierType=alias")]
    public void TryEndpoint_BaseAndPath_AreJoined(string? baseUrl, string path, string expected)
    {
        VendorApi.TryEndpoint(baseUrl, "https://api.example.com", path, out var url, out var error).ShouldBeTrue();

        url!.AbsoluteUri.ShouldBe(expected);
        error.ShouldBeNull();
    }

    [Theory]
    [InlineData("api.example.com")]
    [InlineData("ftp://api.example.com")]
    [InlineData(" ")]
    public void TryEndpoint_NotAnHttpUrl_FailsWithoutQuotingIt(string baseUrl)
    {
        VendorApi.TryEndpoint(baseUrl, "https://api.example.com", "/x", out var url, out var error).ShouldBeFalse();

        url.ShouldBeNull();
        error.ShouldBe("base-url is not an absolute http or https URL");
    }

    [Fact]
    public void CheckKey_ServiceCheck_IsNodeServiceIdCheckId() => VendorApi.CheckKey(Messages.Critical()).ShouldBe("node1:web-1:service:web-1");

    [Fact]
    public void CheckKey_AnotherDatacentersCheck_PrefixedWithIt()
    {
        var naming = new DatacenterNaming("dc1", Several: true);
        var stamped = naming.Stamp([Messages.Critical(), Messages.Critical() with { Datacenter = "dc2" }]);

        stamped.Select(VendorApi.CheckKey).ShouldBe(["node1:web-1:service:web-1", "dc2/node1:web-1:service:web-1"]);
    }

    [Fact]
    public void CheckKey_NodeCheck_IsNodeCheckId() => VendorApi.CheckKey(Messages.Critical(checkId: "serfHealth") with { ServiceId = "" }).ShouldBe("node1:serfHealth");

    [Theory]
    [InlineData("abc", 3, "abc")]
    [InlineData("abcd", 3, "ab…")]
    [InlineData("a😀b", 3, "a…")]
    public void Truncate_LongText_IsCutWithAnEllipsis(string text, int max, string expected) => VendorApi.Truncate(text, max).ShouldBe(expected);

    [Fact]
    public async Task SendEachAsync_AllAccepted_IsOkAndSendsEach()
    {
        var sent = new List<int>();

        var result = await VendorApi.SendEachAsync([1, 2, 3], i => $"item {i}", (i, _) => { sent.Add(i); return Task.FromResult(NotifyResult.Ok); }, CancellationToken.None);

        result.ShouldBe(NotifyResult.Ok);
        sent.ShouldBe([1, 2, 3]);
    }

    [Fact]
    public async Task SendEachAsync_Retryable_StopsAtOnce()
    {
        var sent = new List<int>();

        var result = await VendorApi.SendEachAsync(
            [1, 2, 3],
            i => $"item {i}",
            (i, _) =>
            {
                sent.Add(i);
                return Task.FromResult(i == 2 ? NotifyResult.Failed("HTTP 503 Service Unavailable", retryable: true) with { RetryAfter = TimeSpan.FromSeconds(5) } : NotifyResult.Ok);
            },
            CancellationToken.None);

        result.ShouldBe(NotifyResult.Failed("item 2: HTTP 503 Service Unavailable", retryable: true) with { RetryAfter = TimeSpan.FromSeconds(5) });
        sent.ShouldBe([1, 2]);
    }

    [Fact]
    public async Task SendEachAsync_Rejected_SendsTheRestAndReportsTheFirst()
    {
        var sent = new List<int>();

        var result = await VendorApi.SendEachAsync(
            [1, 2, 3],
            i => $"item {i}",
            (i, _) =>
            {
                sent.Add(i);
                return Task.FromResult(i == 2 ? NotifyResult.Ok : NotifyResult.Failed($"HTTP 40{i}", retryable: false));
            },
            CancellationToken.None);

        result.ShouldBe(NotifyResult.Failed("item 1: HTTP 401 (and 1 more rejected)", retryable: false));
        sent.ShouldBe([1, 2, 3]);
    }

    [Fact]
    public async Task SendEachAsync_RejectedThenRetryable_IsRetryable()
    {
        var result = await VendorApi.SendEachAsync(
            [1, 2],
            i => $"item {i}",
            (i, _) => Task.FromResult(NotifyResult.Failed($"failure {i}", retryable: i == 2)),
            CancellationToken.None);

        result.ShouldBe(NotifyResult.Failed("item 2: failure 2", retryable: true));
    }

    [Fact]
    public async Task SendEachAsync_Nothing_IsOk() =>
        (await VendorApi.SendEachAsync<int>([], i => "", (_, _) => throw new InvalidOperationException(), CancellationToken.None)).ShouldBe(NotifyResult.Ok);
}
