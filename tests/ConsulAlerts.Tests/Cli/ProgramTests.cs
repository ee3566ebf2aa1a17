using System.Net;
using ConsulAlerts.Hosting;
using ConsulAlerts.Tests.Testing;

namespace ConsulAlerts.Tests.Cli;

/// <summary>Runs the built <c>consul-alerts</c> as a real process, as an operator or init system would.</summary>
public sealed class ProgramTests
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Main_StartThenSigterm_ServesInfoAndExits0WithoutLeakingSecrets()
    {
        const string Token = "b7e1d0c4-process-acl-token";
        const string Password = "process-basic-auth-password";
        using var daemon = new DaemonProcess(
            ["start", "--alert-addr=127.0.0.1:0", "--log-level=debug", $"--consul-acl-token={Token}"],
            new Dictionary<string, string> { ["CONSUL_HTTP_AUTH"] = "ops:" + Password });
        int port = await daemon.BoundPortAsync();

        using (var info = await TestNetwork.WaitForInfoAsync(port, daemon.Exited))
        {
            info.StatusCode.ShouldBe(HttpStatusCode.Created);
            info.Headers.GetValues("version").ShouldBe([ProductInfo.Version]);
        }

        await daemon.SignalAsync("TERM");
        int exit = await daemon.WaitForExitAsync(ExitTimeout);

        exit.ShouldBe(0);
        daemon.Stdout.ShouldBeEmpty(); // logs go to stderr, like the Go daemon's
        string output = daemon.Output;
        output.ShouldContain("ACL token set"); // debug output was written, so the checks below are meaningful
        output.ShouldContain("consul-alerts stopped");
        output.ShouldNotContain(Token);
        output.ShouldNotContain(Password);
    }

    [SkippableFact]
    public async Task Main_StartThenSigint_Exits0()
    {
        Skip.If(InheritedSignals.IsIgnored(InheritedSignals.SigInt), "this test run ignores SIGINT (started in the background by a shell without job control), and so would the daemon it starts");
        using var daemon = new DaemonProcess(["start", "--alert-addr=127.0.0.1:0"]);
        int port = await daemon.BoundPortAsync();

        (await TestNetwork.WaitForInfoAsync(port, daemon.Exited)).Dispose();
        await daemon.SignalAsync("INT");

        (await daemon.WaitForExitAsync(ExitTimeout)).ShouldBe(0);
    }

    [Fact]
    public async Task Main_DevAgentThenSigterm_ServesAndExits0()
    {
        using var agent = new DaemonProcess(["dev-agent", "--port=0"]);
        using var client = TestNetwork.NewClient();

        const string Listening = "dev agent listening on http://127.0.0.1:";
        await Eventually.ShouldHoldAsync(
            () => agent.Stdout.Contains(Listening, StringComparison.Ordinal), "the dev agent prints its address", TestNetwork.StartupTimeout,
            broken: () => agent.Exited.IsCompleted ? "the dev agent exited" : null, diagnostics: () => Task.FromResult(agent.Output));
        string printed = agent.Stdout[(agent.Stdout.IndexOf(Listening, StringComparison.Ordinal) + Listening.Length)..];
        int port = int.Parse(printed[..printed.IndexOf('/', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture);

        using (var leader = await client.GetAsync(new Uri($"http://127.0.0.1:{port}/v1/status/leader")))
        {
            leader.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        await agent.SignalAsync("TERM");
        (await agent.WaitForExitAsync(ExitTimeout)).ShouldBe(0);
    }

    [Fact]
    public async Task Main_Version_PrintsVersionAndExits0()
    {
        using var process = new DaemonProcess(["--version"]);

        (await process.WaitForExitAsync(ExitTimeout)).ShouldBe(0);
        process.Stdout.Trim().ShouldBe($"consul-alerts {ProductInfo.Version}");
    }

    [Fact]
    public async Task Main_MisspeltFlag_Exits64WithUsageOnStderr()
    {
        using var process = new DaemonProcess(["start", "--alert-adr=127.0.0.1:9000"]);

        (await process.WaitForExitAsync(ExitTimeout)).ShouldBe(64);
        process.Stdout.ShouldBeEmpty();
        process.Stderr.ShouldStartWith("consul-alerts: unknown option '--alert-adr'");
        process.Stderr.ShouldContain("Usage:");
    }
}
