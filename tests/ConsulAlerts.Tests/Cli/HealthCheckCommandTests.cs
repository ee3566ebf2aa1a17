using System.Globalization;
using System.Net;
using System.Net.Sockets;
using ConsulAlerts.Cli;

namespace ConsulAlerts.Tests.Cli;

public sealed class HealthCheckCommandTests
{
    [Theory]
    [InlineData(200, ExitCodes.Success)]
    [InlineData(204, ExitCodes.Success)]
    [InlineData(503, ExitCodes.Failure)]
    [InlineData(404, ExitCodes.Failure)]
    public async Task RunAsync_HealthzStatus_ExitCode(int status, int expected)
    {
        // A bare HTTP responder on port 0: one request, its path returned.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var serving = Task.Run(async () =>
        {
            using var client = await listener.AcceptTcpClientAsync();
            using var stream = client.GetStream();
            using var reader = new StreamReader(stream, leaveOpen: true);
            string path = (await reader.ReadLineAsync())!.Split(' ')[1];
            while (await reader.ReadLineAsync() is { Length: > 0 })
            {
            }

            int code = path == "/healthz" ? status : 500;
            await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes($"HTTP/1.1 {code} X\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));
            return path;
        });
        using var cli = new CliHarness();

        int exit = await cli.RunAsync("healthcheck", $"--alert-addr=127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");

        exit.ShouldBe(expected, cli.Stderr);
        (await serving).ShouldBe("/healthz");
    }

    [Fact]
    public async Task RunAsync_NothingListening_Exit2()
    {
        int port = TestNetwork.FreePort();
        using var cli = new CliHarness();

        int exit = await cli.RunAsync("healthcheck", $"--alert-addr=127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");

        exit.ShouldBe(ExitCodes.DaemonUnreachable);
        cli.Stderr.ShouldContain("not reachable");
    }
}
