using System.Net;

namespace ConsulAlerts.Tests.Api;

public sealed class HealthEndpointTests : IAsyncLifetime
{
    private ApiTestHost _host = null!;

    public async Task InitializeAsync() => _host = await ApiTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("passing", HttpStatusCode.OK)]
    [InlineData("warning", HttpStatusCode.ServiceUnavailable)]
    [InlineData("critical", HttpStatusCode.ServiceUnavailable)]
    public async Task Get_KnownCheck_AnswersCodeForCurrentStatusWithOutput(string current, HttpStatusCode expected)
    {
        _host.Checks.Add("n1", "web", "service:web", current, current, output: "HTTP 200 OK");

        using var response = await _host.Client.GetAsync(new Uri("v1/health?node=n1&service=web&check=service:web", UriKind.Relative));

        response.StatusCode.ShouldBe(expected);
        (await response.Content.ReadAsStringAsync()).ShouldBe($"status: {current}\noutput: HTTP 200 OK\n");
    }

    [Fact]
    public async Task Get_EmptyOutput_OmitsOutputLine()
    {
        _host.Checks.Add("n1", "web", "service:web", "passing", "passing");

        using var response = await _host.Client.GetAsync(new Uri("v1/health?node=n1&service=web&check=service:web", UriKind.Relative));

        (await response.Content.ReadAsStringAsync()).ShouldBe("status: passing\n");
    }

    [Fact]
    public async Task Get_CheckWithoutService_MatchesUnderscoreOrEmptyService()
    {
        _host.Checks.Add("n1", "", "mem", "critical", "critical");

        using var underscore = await _host.Client.GetAsync(new Uri("v1/health?node=n1&service=_&check=mem", UriKind.Relative));
        using var empty = await _host.Client.GetAsync(new Uri("v1/health?node=n1&check=mem", UriKind.Relative));

        underscore.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        empty.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
    }

    [Theory]
    [InlineData("v1/health?node=n2&service=web&check=service:web")]
    [InlineData("v1/health?node=n1&service=api&check=service:web")]
    [InlineData("v1/health?node=n1&service=web&check=other")]
    [InlineData("v1/health")]
    public async Task Get_UnknownCheck_Answers404Unknown(string path)
    {
        _host.Checks.Add("n1", "web", "service:web", "passing", "passing");

        using var response = await _host.Client.GetAsync(new Uri(path, UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).ShouldBe("status: unknown\n");
    }

    [Fact]
    public async Task Get_OnlyPendingStatus_Answers404Unknown()
    {
        _host.Checks.Add("n1", "web", "service:web", current: "", status: "critical");

        using var response = await _host.Client.GetAsync(new Uri("v1/health?node=n1&service=web&check=service:web", UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Get_OutputWithLineBreaksAndControls_StaysOnItsOneOutputLine()
    {
        _host.Checks.Add("n1", "web", "service:web", "critical", "critical", output: "HTTP 500\nstatus: passing\r\n\u001b[0m\u2028done");

        using var response = await _host.Client.GetAsync(new Uri("v1/health?node=n1&service=web&check=service:web", UriKind.Relative));

        (await response.Content.ReadAsStringAsync()).ShouldBe("status: critical\noutput: HTTP 500\\nstatus: passing\\r\\n\\u001b[0m\\u2028done\n");
    }
}
