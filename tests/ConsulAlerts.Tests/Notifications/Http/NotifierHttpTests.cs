using ConsulAlerts.Notifications;
using ConsulAlerts.Notifications.Http;
using ConsulAlerts.Routing;
using ConsulAlerts.Tests.Notifications.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static ConsulAlerts.Tests.Notifications.Testing.HttpNotifierTesting;

namespace ConsulAlerts.Tests.Notifications.Http;

public sealed class NotifierHttpTests
{
    [Theory]
    [InlineData(null, "no url configured")]
    [InlineData("  ", "no url configured")]
    [InlineData("hooks.example.com/SECRET", "url is not an absolute http or https URL")]
    [InlineData("file:///etc/SECRET", "url is not an absolute http or https URL")]
    [InlineData("/relative/SECRET", "url is not an absolute http or https URL")]
    public void TryParseUrl_MissingOrBad_ExplainsWithoutQuoting(string? text, string error)
    {
        NotifierHttp.TryParseUrl(text, out var url, out var actual).ShouldBeFalse();

        url.ShouldBeNull();
        actual.ShouldBe(error);
    }

    [Theory]
    [InlineData("https://hooks.slack.com/services/T/B/x")]
    [InlineData(" http://127.0.0.1:8080/hook?key=1 ")]
    public void TryParseUrl_HttpOrHttps_IsAccepted(string text)
    {
        NotifierHttp.TryParseUrl(text, out var url, out var error).ShouldBeTrue();

        url.ShouldBe(new Uri(text.Trim()));
        error.ShouldBeNull();
    }

    [Fact]
    public async Task NamedClient_AsTheDaemonRegistersIt_LogsNoRequestUrl()
    {
        var logs = new FakeLoggerProvider();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        services.AddAlertRouting();
        await using var provider = services.BuildServiceProvider();
        await using var receiver = await LoopbackReceiver.StartAsync();
        var url = receiver.Url(SecretPath);
        using var request = new HttpRequestMessage(HttpMethod.Post, url);

        var result = await NotifierHttp.SendAsync(provider.GetRequiredService<IHttpClientFactory>(), request, TimeProvider.System, CancellationToken.None);

        result.ShouldBe(NotifyResult.Ok);
        receiver.Single().PathAndQuery.ShouldBe(SecretPath);
        logs.Messages.ShouldAllBe(m => !m.Contains("SECRET"));
    }

    [Fact]
    public async Task SendAsync_ClientTimeout_IsRetryable()
    {
        var services = new ServiceCollection();
        services.AddHttpClient(NotifierHttp.ClientName, client => client.Timeout = TimeSpan.FromMilliseconds(200)).RemoveAllLoggers();
        await using var provider = services.BuildServiceProvider();
        using var silent = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        silent.Start();
        var port = ((System.Net.IPEndPoint)silent.LocalEndpoint).Port;
        using var request = new HttpRequestMessage(HttpMethod.Post, $"http://127.0.0.1:{port}{SecretPath}");

        // The listener accepts the connection but never answers.
        var result = await NotifierHttp.SendAsync(provider.GetRequiredService<IHttpClientFactory>(), request, TimeProvider.System, CancellationToken.None);

        result.ShouldBe(NotifyResult.Failed("request timed out", retryable: true));
    }
}
