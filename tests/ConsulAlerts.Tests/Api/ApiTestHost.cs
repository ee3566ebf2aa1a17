using ConsulAlerts.Api;
using ConsulAlerts.Checks;
using ConsulAlerts.Configuration;
using ConsulAlerts.Tests.Cli;
using ConsulAlerts.Tests.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace ConsulAlerts.Tests.Api;

/// <summary>The daemon's API endpoints on a loopback port, over an in-memory check view and config store.</summary>
internal sealed class ApiTestHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ApiTestHost(WebApplication app, int port)
    {
        _app = app;
        Client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(30) };
    }

    public HttpClient Client { get; }

    public FakeCheckView Checks { get; } = new();

    public AlertsConfigStore Config { get; } = new();

    public ProcessTriggers Triggers { get; } = new();

    public static async Task<ApiTestHost> StartAsync()
    {
        int port = TestNetwork.FreePort();
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, port));
        builder.Services.AddRoutingCore();
        var holder = new Holder();
        builder.Services.AddSingleton<ICheckView>(_ => holder.Host!.Checks);
        builder.Services.AddSingleton(_ => holder.Host!.Config);
        builder.Services.AddSingleton(_ => holder.Host!.Triggers);
        var app = builder.Build();
        app.MapConsulAlertsApi();
        var host = new ApiTestHost(app, port);
        holder.Host = host;
        await app.StartAsync();
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private sealed class Holder
    {
        public ApiTestHost? Host { get; set; }
    }
}
