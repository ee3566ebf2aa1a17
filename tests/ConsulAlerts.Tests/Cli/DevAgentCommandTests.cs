using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using ConsulAlerts.Cli;

namespace ConsulAlerts.Tests.Cli;

public sealed partial class DevAgentCommandTests
{
    [Fact]
    public async Task RunAsync_PortZero_PrintsAddressAndServesConsulApiUntilShutdown()
    {
        using var cli = new CliHarness();
        using var stop = new CancellationTokenSource();
        cli.Context = cli.Context with { Shutdown = stop.Token };

        var running = cli.RunAsync("dev-agent", "--port", "0");
        var address = await WaitForAddressAsync(cli, running);
        using (var client = TestNetwork.NewClient())
        using (var leader = await client.GetAsync(new Uri(address, "v1/status/leader")))
        {
            leader.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        await stop.CancelAsync();

        (await running).ShouldBe(ExitCodes.Success);
        address.Host.ShouldBe("127.0.0.1");
        address.Port.ShouldBeGreaterThan(0);
        cli.Stderr.ShouldBeEmpty();
    }

    [Fact]
    public async Task RunAsync_PortInUse_Exits1()
    {
        using var occupant = new TcpListener(IPAddress.Loopback, 0);
        occupant.Start();
        int port = ((IPEndPoint)occupant.LocalEndpoint).Port;
        using var cli = new CliHarness();

        int exit = await cli.RunAsync("dev-agent", $"--port={port}");

        exit.ShouldBe(ExitCodes.Failure);
        cli.Stderr.ShouldStartWith($"consul-alerts: cannot start the dev agent on 127.0.0.1:{port}");
    }

    [Fact]
    public void DefaultPort_IsConsulsPort()
    {
        DevAgentCommand.DefaultPort.ShouldBe(8500);
    }

    private static async Task<Uri> WaitForAddressAsync(CliHarness cli, Task<int> running)
    {
        await Eventually.ShouldHoldAsync(
            () => AddressLine().IsMatch(cli.Stdout), "the dev agent prints its address", TestNetwork.StartupTimeout,
            broken: () => running.IsCompleted ? $"dev-agent ended: {cli.Stderr}" : null);
        return new Uri(AddressLine().Match(cli.Stdout).Groups[1].Value);
    }

    [GeneratedRegex(@"^dev agent listening on (\S+)$", RegexOptions.Multiline)]
    private static partial Regex AddressLine();
}
