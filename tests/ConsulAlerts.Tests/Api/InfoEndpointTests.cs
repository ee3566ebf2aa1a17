using System.Net;
using System.Text.Json;
using ConsulAlerts.Hosting;
using ConsulAlerts.Tests.Cli;
using Microsoft.AspNetCore.Builder;

namespace ConsulAlerts.Tests.Api;

public sealed class InfoEndpointTests : IAsyncLifetime, IDisposable
{
    private int _port;
    private readonly CancellationTokenSource _stop = new();
    private WebApplication? _app;
    private Task? _running;

    public async Task InitializeAsync()
    {
        _app = DaemonHost.Build(new ConsulAlertsOptions { AlertAddress = "127.0.0.1:0" }, TextWriter.Null);
        (_running, _port) = await TestNetwork.RunDaemonAsync(_app, _stop.Token);
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        await _running!;
        await _app!.DisposeAsync();
    }

    public void Dispose() => _stop.Dispose();

    [Fact]
    public async Task Get_Answers201WithVersionHeaderAndJson()
    {
        using var client = TestNetwork.NewClient();

        using var response = await client.GetAsync(new Uri($"http://127.0.0.1:{_port}/v1/info"));

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        response.Headers.GetValues("version").ShouldBe([ProductInfo.Version]);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        body.RootElement.GetProperty("name").GetString().ShouldBe("consul-alerts");
        body.RootElement.GetProperty("version").GetString().ShouldBe(ProductInfo.Version);
    }

    [Fact]
    public async Task Head_Answers201WithVersionHeader()
    {
        using var client = TestNetwork.NewClient();
        using var request = new HttpRequestMessage(HttpMethod.Head, new Uri($"http://127.0.0.1:{_port}/v1/info"));

        using var response = await client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        response.Headers.GetValues("version").ShouldBe([ProductInfo.Version]);
    }

    [Fact]
    public async Task Post_IsNotAllowed()
    {
        using var client = TestNetwork.NewClient();
        using var content = new StringContent("");

        using var response = await client.PostAsync(new Uri($"http://127.0.0.1:{_port}/v1/info"), content);

        response.StatusCode.ShouldBe(HttpStatusCode.MethodNotAllowed);
    }
}
