using System.Net;
using System.Text;
using ConsulAlerts.Api;

namespace ConsulAlerts.Tests.Api;

public sealed class ApiAccessTests
{
    [Theory]
    [InlineData(null, null, true)]
    [InlineData("", "Bearer anything", true)]
    [InlineData("t0ken", "Bearer t0ken", true)]
    [InlineData("t0ken", "bearer t0ken", true)]
    [InlineData("t0ken", "Bearer  t0ken ", true)]
    [InlineData("t0ken", null, false)]
    [InlineData("t0ken", "", false)]
    [InlineData("t0ken", "Bearer t0ke", false)]
    [InlineData("t0ken", "Bearer t0ken2", false)]
    [InlineData("t0ken", "Bearer T0KEN", false)]
    [InlineData("t0ken", "Basic t0ken", false)]
    [InlineData("t0ken", "t0ken", false)]
    public void IsAuthorized_Header_OnlyTheExactBearerToken(string? token, string? header, bool expected)
    {
        new ApiAccess(token).IsAuthorized(header).ShouldBe(expected);
    }

    [Theory]
    [InlineData("v1/process/checks")]
    [InlineData("v1/process/events")]
    public async Task Post_TokenSet_401WithoutOrWithWrongTokenAnd200WithIt(string path)
    {
        await using var host = await ApiTestHost.StartAsync(apiToken: "s3cret-api-token");
        int woken = 0;
        host.Triggers.ChecksRequested += () => Interlocked.Increment(ref woken);
        host.Triggers.EventsRequested += () => Interlocked.Increment(ref woken);

        using (var missing = await PostAsync(host, path, null))
        {
            missing.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
            missing.Headers.WwwAuthenticate.ToString().ShouldBe("Bearer");
            (await missing.Content.ReadAsStringAsync()).ShouldNotContain("s3cret");
        }

        using (var wrong = await PostAsync(host, path, "Bearer s3cret-api-tokeN"))
        {
            wrong.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        woken.ShouldBe(0);
        using var right = await PostAsync(host, path, "Bearer s3cret-api-token");
        right.StatusCode.ShouldBe(HttpStatusCode.OK);
        woken.ShouldBe(1);
    }

    [Theory]
    [InlineData("v1/info")]
    [InlineData("v1/status")]
    [InlineData("v1/health/wildcard")]
    [InlineData("metrics")]
    [InlineData("healthz")]
    public async Task Get_TokenSet_StaysOpen(string path)
    {
        await using var host = await ApiTestHost.StartAsync(apiToken: "s3cret-api-token");

        using var response = await host.Client.GetAsync(new Uri(path, UriKind.Relative));

        response.StatusCode.ShouldNotBe(HttpStatusCode.Unauthorized);
        ((int)response.StatusCode).ShouldBeLessThan(300);
    }

    [Fact]
    public async Task Post_NoTokenSet_Open()
    {
        await using var host = await ApiTestHost.StartAsync();

        using var response = await PostAsync(host, "v1/process/checks", null);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private static async Task<HttpResponseMessage> PostAsync(ApiTestHost host, string path, string? authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = new StringContent("[]", Encoding.UTF8, "application/json") };
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        return await host.Client.SendAsync(request);
    }
}
