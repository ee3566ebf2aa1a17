using System.Diagnostics;
using System.Globalization;
using ConsulAlerts.Cli;
using ConsulAlerts.Tests.Testing;

namespace ConsulAlerts.Tests.Cli;

public sealed class DevCommandTests
{
    [Fact]
    public async Task Dev_AsProcess_NotifiesWithin30SecondsAndStopsCleanlyOnSigterm()
    {
        using var files = new TempFiles();
        string notifications = Path.Combine(files.Directory, DevCommand.DemoFolderName, DevCommand.NotificationLogName);
        var watch = Stopwatch.StartNew();
        using var dev = new DaemonProcess(
            ["dev", "--consul-port=0", "--alert-addr=127.0.0.1:0"],
            new Dictionary<string, string> { ["TMPDIR"] = files.Directory });
        int alertPort = await dev.BoundPortAsync();

        await Eventually.ShouldHoldAsync(
            () => Task.FromResult(File.Exists(notifications) && File.ReadAllText(notifications).Contains("[consul-notifier] ", StringComparison.Ordinal)),
            "a notification line in " + notifications,
            TimeSpan.FromSeconds(30),
            () => dev.ExitCode is { } code ? $"consul-alerts dev exited with {code}" : null,
            () => Task.FromResult(dev.Output));
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(30));

        File.ReadAllText(notifications).ShouldContain("Service=web, Check=HTTP on :8080, Status=critical");
        dev.Stdout.ShouldContain($"http://127.0.0.1:{Text(alertPort)}/");
        dev.Stdout.ShouldContain(notifications);
        ConsulPort(dev.Stdout).ShouldBeGreaterThan(0);
        using (var client = TestNetwork.NewClient())
        {
            (await client.GetStringAsync(new Uri($"http://127.0.0.1:{Text(alertPort)}/v1/status"))).ShouldContain("\"leader\"");
        }

        await dev.SignalAsync("TERM");
        (await dev.WaitForExitAsync(TimeSpan.FromSeconds(30))).ShouldBe(ExitCodes.Success, dev.Output);
    }

    [Fact]
    public async Task Dev_InProcess_ShutdownStopsDaemonAndAgentExit0()
    {
        using var files = new TempFiles();
        using var cli = new CliHarness();
        using var stop = new CancellationTokenSource();
        cli.Context = cli.Context with { Shutdown = stop.Token, TempDirectory = files.Directory };

        var running = cli.RunAsync("dev", "--consul-port=0", "--alert-addr=127.0.0.1:0");
        int alertPort = await cli.BoundPortAsync(running);
        (await TestNetwork.WaitForInfoAsync(alertPort, running)).Dispose();
        int consulPort = ConsulPort(cli.Stdout);
        await stop.CancelAsync();

        (await running).ShouldBe(ExitCodes.Success, cli.Stderr);
        cli.Stdout.ShouldContain("Press Ctrl-C to stop.");
        cli.Stdout.ShouldContain(Path.Combine(files.Directory, DevCommand.DemoFolderName, DevCommand.NotificationLogName));
        Directory.Exists(Path.Combine(files.Directory, DevCommand.DemoFolderName)).ShouldBeTrue();
        using var client = TestNetwork.NewClient();
        await Should.ThrowAsync<HttpRequestException>(() => client.GetAsync(new Uri($"http://127.0.0.1:{Text(consulPort)}/v1/status/leader")));
    }

    [Fact]
    public async Task Dev_AlertAddressTaken_Exit1BeforeStartingAnything()
    {
        using var occupant = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        occupant.Start();
        int alertPort = ((System.Net.IPEndPoint)occupant.LocalEndpoint).Port;
        using var cli = new CliHarness();

        int exit = await cli.RunAsync("dev", "--consul-port=0", $"--alert-addr=127.0.0.1:{Text(alertPort)}");

        exit.ShouldBe(ExitCodes.Failure);
        cli.Stderr.ShouldContain("already in use");
        cli.Stdout.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("--consul-port=abc")]
    [InlineData("--consul-port=70000")]
    [InlineData("--alert-addr=nowhere:port")]
    [InlineData("--log-level=loud")]
    [InlineData("--port=1")]
    public async Task Dev_BadOption_Exit64(string option)
    {
        using var cli = new CliHarness();

        (await cli.RunAsync("dev", option)).ShouldBe(ExitCodes.Usage);
    }

    [Fact]
    public async Task Dev_LogFormatJson_WritesJsonLines()
    {
        using var files = new TempFiles();
        using var cli = new CliHarness();
        using var stop = new CancellationTokenSource();
        cli.Context = cli.Context with { Shutdown = stop.Token, TempDirectory = files.Directory };

        var running = cli.RunAsync("dev", "--consul-port=0", "--alert-addr=127.0.0.1:0", "--log-format=json");
        await cli.BoundPortAsync(running);
        await stop.CancelAsync();

        (await running).ShouldBe(ExitCodes.Success, cli.Stderr);
        var lines = cli.Log.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.ShouldNotBeEmpty();
        foreach (string line in lines)
        {
            using var document = System.Text.Json.JsonDocument.Parse(line);
            document.RootElement.GetProperty("@m").GetString().ShouldNotBeNull(line);
        }

        lines.ShouldContain(l => l.Contains("\"@m\":\"consul-alerts stopped\"", StringComparison.Ordinal));
    }

    private static string Text(int port) => port.ToString(CultureInfo.InvariantCulture);

    // The banner names the dev agent's address: "Consul (dev agent)  http://127.0.0.1:<port>/".
    private static int ConsulPort(string banner)
    {
        var match = System.Text.RegularExpressions.Regex.Match(banner, @"Consul \(dev agent\)\s+http://127\.0\.0\.1:(\d+)/");
        match.Success.ShouldBeTrue(banner);
        return int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }
}
