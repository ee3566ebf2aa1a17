using System.Net;
using System.Net.Sockets;
using ConsulAlerts.Cli;
using ConsulAlerts.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ConsulAlerts.Tests.Cli;

public sealed class RunningDaemonProbeTests
{
    [Fact]
    public async Task FindOccupantAsync_NothingListens_ReturnsNull()
    {
        var address = new ListenAddress("127.0.0.1", TestNetwork.FreePort());

        (await RunningDaemonProbe.FindOccupantAsync(address, CancellationToken.None)).ShouldBeNull();
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    [InlineData("")]
    [InlineData("0.0.0.0")]
    public async Task FindOccupantAsync_PlainListener_ReportsAnotherProcess(string host)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var address = new ListenAddress(host, ((IPEndPoint)listener.LocalEndpoint).Port);

        string? occupant = await RunningDaemonProbe.FindOccupantAsync(address, CancellationToken.None);

        occupant.ShouldBe($"{address} is already in use by another process");
    }

    [Fact]
    public async Task FindOccupantAsync_OtherHttpServer_ReportsAnotherProcess()
    {
        // Something that answers /v1/info, but not as consul-alerts does (201 with a version header).
        await using var server = await StartServerAsync(context =>
        {
            context.Response.StatusCode = StatusCodes.Status200OK;
            return Task.CompletedTask;
        });

        string? occupant = await RunningDaemonProbe.FindOccupantAsync(server.Address, CancellationToken.None);

        occupant.ShouldBe($"{server.Address} is already in use by another process");
    }

    [Fact]
    public async Task FindOccupantAsync_ConsulAlertsDaemon_ReportsItsVersion()
    {
        await using var server = await StartServerAsync(context =>
        {
            context.Response.StatusCode = StatusCodes.Status201Created;
            context.Response.Headers["version"] = "Consul Alerts 0.5.0";
            return Task.CompletedTask;
        });

        string? occupant = await RunningDaemonProbe.FindOccupantAsync(server.Address, CancellationToken.None);

        occupant.ShouldBe($"another consul-alerts daemon (version Consul Alerts 0.5.0) already answers on {server.Address}");
    }

    private static async Task<TestServer> StartServerAsync(RequestDelegate handler)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Services.AddRoutingCore();
        var app = builder.Build();
        app.Map("/v1/info", handler);
        await app.StartAsync();
        int port = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single()).Port;
        return new TestServer(app, new ListenAddress("127.0.0.1", port));
    }

    private sealed record TestServer(WebApplication App, ListenAddress Address) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => App.DisposeAsync();
    }
}
