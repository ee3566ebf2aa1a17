using System.Net;
using System.Net.Sockets;
using ConsulAlerts.Api;
using ConsulAlerts.Consul.Http;
using ConsulAlerts.Hosting;
using ConsulAlerts.Tests.Cli;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ConsulAlerts.Tests.Hosting;

public sealed class DaemonHostTests
{
    [Fact]
    public async Task RunAsync_UntilCancelled_ServesInfoThenStops()
    {
        using var log = new StringWriter();
        await using var app = DaemonHost.Build(new ConsulAlertsOptions { AlertAddress = "127.0.0.1:0", LogLevel = LogLevel.Information }, TextWriter.Synchronized(log));
        using var stop = new CancellationTokenSource();

        var (running, port) = await TestNetwork.RunDaemonAsync(app, stop.Token);
        using (var info = await TestNetwork.WaitForInfoAsync(port, running))
        {
            info.StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        await stop.CancelAsync();
        await running;

        log.ToString().ShouldContain("consul-alerts stopping");
        log.ToString().ShouldContain("consul-alerts stopped");
        using var client = TestNetwork.NewClient();
        await Should.ThrowAsync<HttpRequestException>(() => client.GetAsync(new Uri($"http://127.0.0.1:{port}/v1/info")));
    }

    [Fact]
    public async Task Build_Options_AreComposedIntoServices()
    {
        var options = new ConsulAlertsOptions { AlertAddress = "127.0.0.1:1", Consul = new ConsulClientOptions { Address = "consul:8500" } };
        await using var app = DaemonHost.Build(options, TextWriter.Null);

        app.Services.GetRequiredService<ConsulAlertsOptions>().ShouldBeSameAs(options);
        app.Services.GetRequiredService<ConsulClientOptions>().Address.ShouldBe("consul:8500");
        app.Services.GetRequiredService<TimeProvider>().ShouldBeSameAs(TimeProvider.System);
    }

    [Fact]
    public async Task RunAsync_AddressInUse_ThrowsIOException()
    {
        using var occupant = new TcpListener(IPAddress.Loopback, 0);
        occupant.Start();
        int port = ((IPEndPoint)occupant.LocalEndpoint).Port;
        await using var app = DaemonHost.Build(new ConsulAlertsOptions { AlertAddress = $"127.0.0.1:{port}" }, TextWriter.Null);

        await Should.ThrowAsync<IOException>(() => DaemonHost.RunAsync(app, CancellationToken.None));
    }

    [Fact]
    public async Task RunAsync_PortZero_ReportsTheBoundPortInTheLogAndStatus()
    {
        using var log = new StringWriter();
        await using var app = DaemonHost.Build(new ConsulAlertsOptions { AlertAddress = "127.0.0.1:0" }, TextWriter.Synchronized(log));
        using var stop = new CancellationTokenSource();

        var (running, port) = await TestNetwork.RunDaemonAsync(app, stop.Token);
        using var client = TestNetwork.NewClient();
        string status = await client.GetStringAsync(new Uri($"http://127.0.0.1:{port}/v1/status"));
        await stop.CancelAsync();
        await running;

        port.ShouldBeGreaterThan(0);
        System.Text.Json.JsonDocument.Parse(status).RootElement.GetProperty("apiAddress").GetString().ShouldBe($"127.0.0.1:{port}");
        log.ToString().ShouldContain($"[WRN] ConsulAlerts.Daemon: The API listens on 127.0.0.1:{port}: port {port} was given for port 0");
        TestNetwork.TryFindBoundPort(log.ToString(), out int logged).ShouldBeTrue();
        logged.ShouldBe(port);
    }

    [Fact]
    public async Task RunAsync_Localhost_ListensOnLoopback()
    {
        // Kestrel takes no port 0 for localhost (it binds it on two addresses), so this one test picks a port; one taken
        // by another process in the meantime is answered by trying another, not by failing.
        for (int attempt = 1; ; attempt++)
        {
            int port = TestNetwork.FreePort();
            await using var app = DaemonHost.Build(new ConsulAlertsOptions { AlertAddress = $"localhost:{port}" }, TextWriter.Null);
            using var stop = new CancellationTokenSource();
            Task running;
            try
            {
                (running, int bound) = await TestNetwork.RunDaemonAsync(app, stop.Token);
                bound.ShouldBe(port);
            }
            catch (IOException) when (attempt < 5)
            {
                continue;
            }

            (await TestNetwork.WaitForInfoAsync(port, running)).Dispose();
            await stop.CancelAsync();
            await running;
            return;
        }
    }

    [Fact]
    public async Task RunAsync_ConsulAddressWithUserInfo_StartLineOmitsIt()
    {
        using var log = new StringWriter();
        var options = new ConsulAlertsOptions
        {
            AlertAddress = "127.0.0.1:0",
            LogLevel = LogLevel.Debug,
            Consul = new ConsulClientOptions { Address = "http://ops:ADDR-SECRET@127.0.0.1:1" },
        };
        await using var app = DaemonHost.Build(options, TextWriter.Synchronized(log));
        using var stop = new CancellationTokenSource();

        var (running, _) = await TestNetwork.RunDaemonAsync(app, stop.Token);
        await stop.CancelAsync();
        await running;

        log.ToString().ShouldContain("Consul at http://127.0.0.1:1");
        log.ToString().ShouldNotContain("ADDR-SECRET");
    }

    [Fact]
    public async Task RunAsync_ConnectionsBeyondTheLimit_ClosedUnansweredUntilOneEnds()
    {
        var limits = new ApiLimits { MaxConcurrentConnections = 2 };
        await using var app = DaemonHost.Build(new ConsulAlertsOptions { AlertAddress = "127.0.0.1:0" }, TextWriter.Null, limits);
        using var stop = new CancellationTokenSource();
        var (running, port) = await TestNetwork.RunDaemonAsync(app, stop.Token);

        // Two kept-alive connections, each proven held by an answer on it.
        var held = new List<TcpClient>();
        for (int i = 0; i < limits.MaxConcurrentConnections; i++)
        {
            var client = new TcpClient();
            held.Add(client);
            await client.ConnectAsync(IPAddress.Loopback, port);
            (await GetInfoAsync(client, port)).ShouldStartWith("HTTP/1.1 201");
        }

        using (var third = new TcpClient())
        {
            await third.ConnectAsync(IPAddress.Loopback, port);
            (await GetInfoAsync(third, port)).ShouldBeEmpty();
        }

        held[0].Dispose();
        await Eventually.ShouldHoldAsync(
            async () =>
            {
                using var next = new TcpClient();
                await next.ConnectAsync(IPAddress.Loopback, port);
                return (await GetInfoAsync(next, port)).StartsWith("HTTP/1.1 201", StringComparison.Ordinal);
            },
            "a connection answered once a held one ended");

        held[1].Dispose();
        await stop.CancelAsync();
        await running;
    }

    // Sends GET /v1/info and reads until the answer's headers end or the server closes; empty when it closed unanswered.
    private static async Task<string> GetInfoAsync(TcpClient client, int port)
    {
        var stream = client.GetStream();
        var answer = new System.Text.StringBuilder();
        try
        {
            await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes($"GET /v1/info HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n"));
            var buffer = new byte[4096];
            int read;
            while (!answer.ToString().Contains("\r\n\r\n", StringComparison.Ordinal)
                && (read = await stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(30))) > 0)
            {
                answer.Append(System.Text.Encoding.ASCII.GetString(buffer, 0, read));
            }
        }
        catch (IOException)
        {
            // Closed by the server.
        }

        return answer.ToString();
    }
}
