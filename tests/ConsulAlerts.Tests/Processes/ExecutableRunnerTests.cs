using System.Diagnostics;
using ConsulAlerts.Processes;
using ConsulAlerts.Tests.Notifications.Testing;

namespace ConsulAlerts.Tests.Processes;

public sealed class ExecutableRunnerTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task RunAsync_Script_GetsStdinAndReportsExitCodeAndOutput()
    {
        var script = _temp.Script("echo.sh", "read line\necho \"got $line\"\necho oops >&2\nexit 4");

        var result = await ExecutableRunner.RunAsync(script, "hello\n"u8.ToArray(), TimeSpan.FromSeconds(10), 1000, ScriptEnvironment.None, TimeProvider.System, CancellationToken.None);

        result.ShouldBe(new ExecutableResult(ExecutableOutcome.Exited, 4, "got hello", "oops", null));
    }

    [Fact]
    public async Task RunAsync_PathWithSpacesAndShellCharacters_IsStartedAsIsWithoutArguments()
    {
        var script = _temp.Script("a b;$(x).sh", "echo \"$#\"");

        var result = await ExecutableRunner.RunAsync(script, [], TimeSpan.FromSeconds(10), 1000, ScriptEnvironment.None, TimeProvider.System, CancellationToken.None);

        (result.Outcome, result.ExitCode, result.Stdout).ShouldBe((ExecutableOutcome.Exited, (int?)0, "0"));
    }

    [Fact]
    public async Task RunAsync_MissingExecutable_IsNotStarted()
    {
        var result = await ExecutableRunner.RunAsync(Path.Combine(_temp.Path, "missing"), [], TimeSpan.FromSeconds(10), 1000, ScriptEnvironment.None, TimeProvider.System, CancellationToken.None);

        result.Outcome.ShouldBe(ExecutableOutcome.NotStarted);
        result.StartError.ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task RunAsync_ChattyScript_KeepsOnlyTheBoundedOutput()
    {
        var script = _temp.Script("chatty.sh", "head -c 100000 /dev/zero | tr '\\0' 'x'");

        var result = await ExecutableRunner.RunAsync(script, [], TimeSpan.FromSeconds(10), 100, ScriptEnvironment.None, TimeProvider.System, CancellationToken.None);

        result.Stdout.ShouldBe(new string('x', 100) + " …(truncated)");
    }

    [Fact]
    public async Task RunAsync_WithheldVariable_NotInTheChildsEnvironment()
    {
        // A name of this test's own: the process environment is shared by every test.
        var name = "CONSUL_ALERTS_TEST_WITHHELD_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(name, "visible");
        try
        {
            var script = _temp.Script("env.sh", $"echo \"[${{{name}:-}}] [${{HOME:+home}}]\"");
            var environment = new ScriptEnvironment([name], () => [], () => []);

            var withheld = await ExecutableRunner.RunAsync(script, [], TimeSpan.FromSeconds(10), 1000, environment, TimeProvider.System, CancellationToken.None);
            var inherited = await ExecutableRunner.RunAsync(script, [], TimeSpan.FromSeconds(10), 1000, ScriptEnvironment.None, TimeProvider.System, CancellationToken.None);

            withheld.Stdout.ShouldBe("[] [home]");
            inherited.Stdout.ShouldBe("[visible] [home]");
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    [Fact]
    public async Task RunAsync_SecretInOutput_RedactedOnBothStreamsEvenAtTheBound()
    {
        const string secret = "b7c3e1d2-token-of-the-daemon";
        var script = _temp.Script("leak.sh", $"printf '%095d{secret}tail' 0\necho \"token={secret}\" >&2");
        var environment = new ScriptEnvironment([], () => [], () => [secret]);

        var result = await ExecutableRunner.RunAsync(script, [], TimeSpan.FromSeconds(10), 100, environment, TimeProvider.System, CancellationToken.None);

        result.Stdout.ShouldBe(new string('0', 95) + "[reda …(truncated)", "the secret starts 5 characters before the bound and is never kept in part");
        result.Stderr.ShouldBe("token=[redacted]");
    }

    [Fact]
    public async Task RunAsync_OverTheTimeout_KillsTheProcessTree()
    {
        var pidFile = Path.Combine(_temp.Path, "child.pid");
        var script = _temp.Script("hang.sh", $"sleep 300 &\necho $! > '{pidFile}'\nwait");
        var watch = Stopwatch.StartNew();

        var result = await ExecutableRunner.RunAsync(script, [], TimeSpan.FromMilliseconds(500), 1000, ScriptEnvironment.None, TimeProvider.System, CancellationToken.None);

        result.Outcome.ShouldBe(ExecutableOutcome.TimedOut);
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10));
        var child = int.Parse(File.ReadAllText(pidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        await Eventually.ShouldHoldAsync(() => !IsRunning(child), "the child was killed with its parent");
    }

    [Fact]
    public async Task RunAsync_CallerCancels_KillsAndThrows()
    {
        var script = _temp.Script("sleep.sh", "sleep 300");
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Should.ThrowAsync<OperationCanceledException>(() => ExecutableRunner.RunAsync(script, [], TimeSpan.FromMinutes(5), 1000, ScriptEnvironment.None, TimeProvider.System, cancel.Token));
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
