using System.Globalization;
using System.Net;
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
        int port = TestNetwork.FreePort();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var serving = Task.Run(async () =>
        {
            var context = await listener.GetContextAsync();
            string path = context.Request.Url!.AbsolutePath;
            context.Response.StatusCode = path == "/healthz" ? status : 500;
            context.Response.Close();
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
