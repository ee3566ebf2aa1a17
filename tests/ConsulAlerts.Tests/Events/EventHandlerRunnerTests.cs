using System.Diagnostics;
using System.Text;
using System.Text.Json;
using ConsulAlerts.Events;
using ConsulAlerts.Tests.Notifications.Testing;
using Microsoft.Extensions.Logging;

namespace ConsulAlerts.Tests.Events;

public sealed class EventHandlerRunnerTests : IDisposable
{
    private static readonly EventHandlerInput Deploy = new()
    {
        Id = "b54fe110-7af5-cafc-d1fb-afc8ba432b1c",
        Name = "deploy",
        Payload = Convert.ToBase64String(Encoding.UTF8.GetBytes("v42")),
        Version = 1,
        LTime = 7,
    };

    private readonly TempDirectory _temp = new();
    private readonly FakeLogger<EventHandlerRunner> _log = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task RunAsync_Script_ReceivesTheEventAsJsonOnStdinWithoutArguments()
    {
        var received = Path.Combine(_temp.Path, "stdin.json");
        var args = Path.Combine(_temp.Path, "args");
        var script = _temp.Script("handler.sh", $"cat > '{received}'\necho \"$#\" > '{args}'");

        var outcome = await Runner().RunAsync(script, Deploy, CancellationToken.None);

        outcome.Kind.ShouldBe(EventHandlerOutcomeKind.Succeeded);
        outcome.ExitCode.ShouldBe(0);
        (await File.ReadAllTextAsync(args)).Trim().ShouldBe("0");
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(received));
        document.RootElement.EnumerateObject().Select(p => p.Name).ShouldBe(["ID", "Name", "Payload", "NodeFilter", "ServiceFilter", "TagFilter", "Version", "LTime"]);
        document.RootElement.GetProperty("ID").GetString().ShouldBe(Deploy.Id);
        document.RootElement.GetProperty("Payload").GetString().ShouldBe(Convert.ToBase64String(Encoding.UTF8.GetBytes("v42")));
        document.RootElement.GetProperty("LTime").GetUInt64().ShouldBe(7UL);
    }

    [Fact]
    public async Task RunAsync_Success_LogsStdoutAndStderr()
    {
        var script = _temp.Script("ok.sh", "cat > /dev/null\necho 'deployed v42'\necho 'a warning' >&2");

        await Runner().RunAsync(script, Deploy, CancellationToken.None);

        var entry = _log.Entries.Single(e => e.Id.Id == 6000);
        entry.Level.ShouldBe(LogLevel.Information);
        entry.Message.ShouldContain("deployed v42");
        entry.Message.ShouldContain("a warning");
        entry.Message.ShouldContain(Deploy.Id);
    }

    [Fact]
    public async Task RunAsync_NonZeroExit_IsLoggedAsAWarningWithExitCodeAndOutput()
    {
        var script = _temp.Script("fail.sh", "cat > /dev/null\necho 'to stdout'\necho 'rollout refused' >&2\nexit 3");

        var outcome = await Runner().RunAsync(script, Deploy, CancellationToken.None);

        outcome.Kind.ShouldBe(EventHandlerOutcomeKind.Failed);
        outcome.ExitCode.ShouldBe(3);
        outcome.Stderr.ShouldBe("rollout refused");
        var entry = _log.Entries.Single(e => e.Id.Id == 6001);
        entry.Level.ShouldBe(LogLevel.Warning);
        entry.Message.ShouldContain("exited with code 3");
        entry.Message.ShouldContain("to stdout");
        entry.Message.ShouldContain("rollout refused");
    }

    [Fact]
    public async Task RunAsync_HangingScript_IsKilledWithItsChildrenAtTheTimeout()
    {
        var pids = Path.Combine(_temp.Path, "pids");
        var script = _temp.Script("hang.sh", $"sleep 300 &\necho $$ $! > '{pids}'\nwait");
        var watch = Stopwatch.StartNew();

        var outcome = await Runner(TimeSpan.FromSeconds(1)).RunAsync(script, Deploy, CancellationToken.None);

        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(20));
        outcome.Kind.ShouldBe(EventHandlerOutcomeKind.TimedOut);
        _log.Entries.ShouldContain(e => e.Id.Id == 6002 && e.Message.Contains("did not finish within"));
        var ids = (await File.ReadAllTextAsync(pids)).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(int.Parse).ToArray();
        ids.Length.ShouldBe(2);
        foreach (var id in ids)
        {
            await Eventually.ShouldHoldAsync(() => IsGone(id), $"process {id} is gone");
        }
    }

    [Fact]
    public async Task RunAsync_MissingExecutable_IsNotStartedAndLoggedAsAnError()
    {
        var outcome = await Runner().RunAsync(Path.Combine(_temp.Path, "missing.sh"), Deploy, CancellationToken.None);

        outcome.Kind.ShouldBe(EventHandlerOutcomeKind.NotStarted);
        _log.Entries.ShouldContain(e => e.Id.Id == 6003 && e.Level == LogLevel.Error && e.Message.Contains("missing.sh"));
    }

    [Fact]
    public async Task RunAsync_PathWithShellCharacters_RunsTheFileWithoutAShell()
    {
        var marker = Path.Combine(_temp.Path, "ran");
        var script = _temp.Script("my handler; touch pwned1 $(touch pwned2).sh", $"cat > /dev/null\necho ok > '{marker}'");

        var outcome = await Runner().RunAsync(script, Deploy, CancellationToken.None);

        outcome.Kind.ShouldBe(EventHandlerOutcomeKind.Succeeded);
        File.Exists(marker).ShouldBeTrue();
        Directory.GetFiles(_temp.Path, "pwned*").ShouldBeEmpty();
    }

    [Fact]
    public async Task RunAsync_LongOutput_IsBounded()
    {
        var script = _temp.Script("chatty.sh", "head -c 100000 /dev/zero | tr '\\0' 'x'");

        var outcome = await Runner(maxOutputChars: 100).RunAsync(script, Deploy, CancellationToken.None);

        outcome.Stdout.Length.ShouldBeLessThan(200);
        outcome.Stdout.ShouldEndWith("(truncated)");
    }

    private EventHandlerRunner Runner(TimeSpan? timeout = null, int maxOutputChars = 8192) =>
        new(new EventHandlerRunnerOptions { Timeout = timeout ?? TimeSpan.FromSeconds(30), MaxOutputChars = maxOutputChars }, TimeProvider.System, _log);

    // A killed child may linger as a zombie until it is reaped: that counts as gone.
    private static bool IsGone(int pid)
    {
        var stat = $"/proc/{pid}/stat";
        try
        {
            var text = File.ReadAllText(stat);
            return text[(text.LastIndexOf(')') + 2)..].Split(' ')[0] is "Z" or "X";
        }
        catch (IOException)
        {
            return true; // no such process any more
        }
    }
}
