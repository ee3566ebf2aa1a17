using System.Net;
using System.Net.Sockets;
using ConsulAlerts.Cli;
using ConsulAlerts.Hosting;

namespace ConsulAlerts.Tests.Cli;

public sealed class CommandLineTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("start", "--help")]
    [InlineData("watch", "checks", "--help")]
    public async Task RunAsync_Help_PrintsFullUsageToStdoutAndExits0(params string[] args)
    {
        using var cli = new CliHarness();

        int exit = await cli.RunAsync(args);

        exit.ShouldBe(ExitCodes.Success);
        cli.Stderr.ShouldBeEmpty();
        cli.Stdout.ShouldContain("consul-alerts start [--alert-addr=<addr>]");
        cli.Stdout.ShouldContain("consul-alerts watch (checks|event)");
        cli.Stdout.ShouldContain("CONSUL_HTTP_TOKEN_FILE");
        cli.Stdout.ShouldContain("option, the config file, the environment, the default");
    }

    [Theory]
    [InlineData("64", "EX_USAGE")]
    [InlineData("66", "EX_NOINPUT")]
    [InlineData("78", "EX_CONFIG")]
    [InlineData("2 ", "not reachable")]
    public async Task RunAsync_Help_DocumentsExitCodes(string code, string meaning)
    {
        using var cli = new CliHarness();

        await cli.RunAsync("--help");

        cli.Stdout.Split('\n').ShouldContain(line => line.TrimStart().StartsWith(code, StringComparison.Ordinal) && line.Contains(meaning));
    }

    [Fact]
    public async Task RunAsync_Version_PrintsNameAndInformationalVersion()
    {
        using var cli = new CliHarness();

        int exit = await cli.RunAsync("--version");

        exit.ShouldBe(ExitCodes.Success);
        cli.Stdout.ShouldBe($"consul-alerts {ProductInfo.Version}{Environment.NewLine}");
        ProductInfo.Version.ShouldStartWith("0.1.0");
    }

    [Fact]
    public async Task RunAsync_UnexpectedFailure_Exits70WithMessage()
    {
        using var cli = new CliHarness();
        cli.Context = cli.Context with { Stdout = new FailingWriter() };

        int exit = await cli.RunAsync("--version");

        exit.ShouldBe(ExitCodes.Software);
        cli.Stderr.ShouldStartWith("consul-alerts: unexpected error: System.IO.IOException: stdout is closed");
    }

    [Theory]
    [InlineData("unknown option '--bogus'", "start", "--bogus")]
    [InlineData("no command given")]
    [InlineData("unknown command 'run'", "run")]
    [InlineData("--alert-addr needs a value", "start", "--alert-addr")]
    [InlineData("invalid --log-level 'chatty'", "start", "--log-level=chatty")]
    [InlineData("invalid --log-level 'chatty'", "watch", "checks", "--log-level=chatty")]
    [InlineData("invalid --alert-addr 'nohost'", "watch", "event", "--alert-addr=nohost")]
    [InlineData("invalid --port '70000'", "dev-agent", "--port=70000")]
    [InlineData("invalid --port 'abc'", "dev-agent", "--port", "abc")]
    [InlineData("invalid --port '-1'", "dev-agent", "--port=-1")]
    [InlineData("watch needs 'checks' or 'event'", "watch")]
    public async Task RunAsync_BadCommandLine_PrintsReasonAndUsageToStderrAndExits64(string reason, params string[] args)
    {
        using var cli = new CliHarness();

        int exit = await cli.RunAsync(args);

        exit.ShouldBe(ExitCodes.Usage);
        cli.Stdout.ShouldBeEmpty();
        string[] lines = cli.Stderr.Split(Environment.NewLine);
        lines[0].ShouldStartWith("consul-alerts: ");
        lines[0].ShouldContain(reason);
        cli.Stderr.ShouldContain("Usage:");
        cli.Stderr.ShouldContain("consul-alerts --help");
    }

    [Fact]
    public async Task RunAsync_UnreadableConfigFile_Exits66WithoutUsage()
    {
        using var cli = new CliHarness();
        string missing = Path.Combine(_files.Directory, "nope.json");

        int exit = await cli.RunAsync("start", $"--config-file={missing}");

        exit.ShouldBe(ExitCodes.NoInput);
        cli.Stderr.ShouldStartWith($"consul-alerts: cannot read config file '{missing}'");
        cli.Stderr.ShouldNotContain("Usage:");
    }

    [Theory]
    [InlineData("{\"log-level\": \"loud\"}", "'log-level' in config file")]
    [InlineData("{\"consul-addr\": 1}", "'consul-addr' must be a string")]
    [InlineData("{\"colour\": true}", "unknown key 'colour'")]
    [InlineData("{", "not valid JSON")]
    public async Task RunAsync_InvalidConfigFile_Exits78NamingFile(string json, string message)
    {
        using var cli = new CliHarness();
        string path = _files.Write("bad.json", json);

        int exit = await cli.RunAsync("start", "--config-file", path);

        exit.ShouldBe(ExitCodes.Config);
        cli.Stderr.ShouldContain(path);
        cli.Stderr.ShouldContain(message);
        cli.Stderr.ShouldNotContain("Usage:");
    }

    [Fact]
    public async Task RunAsync_BadEnvironmentVariable_Exits78NamingVariable()
    {
        using var cli = new CliHarness(new Dictionary<string, string> { ["CONSUL_HTTP_SSL"] = "sometimes" });

        int exit = await cli.RunAsync("start");

        exit.ShouldBe(ExitCodes.Config);
        cli.Stderr.ShouldStartWith("consul-alerts: invalid CONSUL_HTTP_SSL 'sometimes'");
    }

    [Fact]
    public async Task RunAsync_StartOnAddressTakenByAnotherProcess_Exits1()
    {
        using var occupant = new TcpListener(IPAddress.Loopback, 0);
        occupant.Start();
        int port = ((IPEndPoint)occupant.LocalEndpoint).Port;
        using var cli = new CliHarness();

        int exit = await cli.RunAsync("start", $"--alert-addr=127.0.0.1:{port}");

        exit.ShouldBe(ExitCodes.Failure);
        cli.Stderr.ShouldBe($"consul-alerts: 127.0.0.1:{port} is already in use by another process{Environment.NewLine}");
    }

    [Fact]
    public async Task RunAsync_StartWhileAnotherDaemonAnswers_Exits1NamingItsVersion()
    {
        using var first = new CliHarness();
        using var stop = new CancellationTokenSource();
        first.Context = first.Context with { Shutdown = stop.Token };
        var running = first.RunAsync("start", "--alert-addr=127.0.0.1:0");
        int port = await first.BoundPortAsync(running);
        (await TestNetwork.WaitForInfoAsync(port, running)).Dispose();
        using var second = new CliHarness();

        int exit = await second.RunAsync("start", $"--alert-addr=localhost:{port}");

        exit.ShouldBe(ExitCodes.Failure);
        second.Stderr.ShouldBe(
            $"consul-alerts: another consul-alerts daemon (version {ProductInfo.Version}) already answers on localhost:{port}{Environment.NewLine}");
        await stop.CancelAsync();
        (await running).ShouldBe(ExitCodes.Success);
    }

    [Fact]
    public async Task RunAsync_StartThenShutdown_ServesInfoAndExits0()
    {
        using var cli = new CliHarness();
        using var stop = new CancellationTokenSource();
        cli.Context = cli.Context with { Shutdown = stop.Token };

        var running = cli.RunAsync("start", "--alert-addr=127.0.0.1:0", "--log-level=info");
        int port = await cli.BoundPortAsync(running);
        using var info = await TestNetwork.WaitForInfoAsync(port, running);
        await stop.CancelAsync();
        int exit = await running;

        exit.ShouldBe(ExitCodes.Success);
        info.Headers.GetValues("version").ShouldBe([ProductInfo.Version]);
        cli.Log.ShouldContain($"API on 127.0.0.1:{port}");
        cli.Log.ShouldContain("consul-alerts stopped");
        cli.Stderr.ShouldBeEmpty();
    }

    [Fact]
    public async Task RunAsync_StartAtDebugLevel_NeverWritesSecrets()
    {
        const string Token = "9f3c2b1a-acl-token-never-logged";
        const string Password = "basic-auth-password-never-logged";
        using var cli = new CliHarness(new Dictionary<string, string> { ["CONSUL_HTTP_AUTH"] = "operator:" + Password });
        using var stop = new CancellationTokenSource();
        cli.Context = cli.Context with { Shutdown = stop.Token };

        var running = cli.RunAsync("start", "--alert-addr=127.0.0.1:0", "--log-level=debug", $"--consul-acl-token={Token}");
        int port = await cli.BoundPortAsync(running);
        (await TestNetwork.WaitForInfoAsync(port, running)).Dispose();
        await stop.CancelAsync();
        (await running).ShouldBe(ExitCodes.Success);

        // The debug line about the token proves debug output was written, so its absence below means something.
        cli.Log.ShouldContain("ACL token set");
        cli.Log.ShouldContain("basic auth True");
        foreach (string output in new[] { cli.Log, cli.Stdout, cli.Stderr })
        {
            output.ShouldNotContain(Token);
            output.ShouldNotContain(Password);
        }
    }

    private sealed class FailingWriter : StringWriter
    {
        public override Task WriteLineAsync(string? value) => throw new IOException("stdout is closed");
    }
}
