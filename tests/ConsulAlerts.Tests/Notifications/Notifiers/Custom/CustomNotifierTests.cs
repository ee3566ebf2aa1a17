using System.Diagnostics;
using System.Text.Json;
using ConsulAlerts.Configuration;
using ConsulAlerts.Notifications;
using ConsulAlerts.Notifications.Notifiers.Custom;
using ConsulAlerts.Tests.Notifications.Testing;
using Microsoft.Extensions.Logging;

namespace ConsulAlerts.Tests.Notifications.Notifiers.Custom;

public sealed class CustomNotifierTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly FakeLogger<CustomNotifier> _log = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task NotifyAsync_Script_ReceivesTheMessagesAsJsonArrayOnStdin()
    {
        var received = Path.Combine(_temp.Path, "stdin.json");
        var script = _temp.Script("notify.sh", $"cat > '{received}'");
        Message[] messages = [Messages.Critical(), Messages.Critical(node: "node2") with { Status = "warning" }];

        var result = await Notifier().NotifyAsync(messages, Config("pager", script), CancellationToken.None);

        result.ShouldBe(NotifyResult.Ok);
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(received));
        var array = document.RootElement.EnumerateArray().ToArray();
        array.Length.ShouldBe(2);
        array[0].EnumerateObject().Select(p => p.Name).ShouldBe(
            ["Node", "ServiceId", "Service", "CheckId", "Check", "Status", "Output", "Notes", "Interval", "RmdCheck", "NotifList", "VarOverrides", "Timestamp", "ServiceTags"]);
        array[0].GetProperty("Output").GetString().ShouldBe("HTTP GET http://10.0.0.1/: 500");
        array[1].GetProperty("Node").GetString().ShouldBe("node2");
        array[1].GetProperty("Status").GetString().ShouldBe("warning");
    }

    [Fact]
    public async Task NotifyAsync_NonZeroExit_IsANonRetryableFailureLoggedWithItsOutput()
    {
        var script = _temp.Script("fail.sh", "cat > /dev/null\necho 'to stdout'\necho 'smtp relay refused' >&2\nexit 3");

        var result = await Notifier().NotifyAsync([Messages.Critical()], Config("mailer", script), CancellationToken.None);

        result.Success.ShouldBeFalse();
        result.Retryable.ShouldBeFalse();
        result.Error.ShouldNotBeNull().ShouldContain("exited with code 3");
        result.Error.ShouldContain("smtp relay refused");
        var entry = _log.Entries.Single(e => e.Level == LogLevel.Warning);
        entry.Message.ShouldContain("mailer");
        entry.Message.ShouldContain("to stdout");
        entry.Message.ShouldContain("smtp relay refused");
    }

    [Fact]
    public async Task NotifyAsync_LongOutput_IsBoundedInTheLog()
    {
        var script = _temp.Script("chatty.sh", "head -c 100000 /dev/zero | tr '\\0' 'x'\nexit 1");

        var result = await Notifier(maxOutputChars: 100).NotifyAsync([Messages.Critical()], Config("chatty", script), CancellationToken.None);

        result.Success.ShouldBeFalse();
        var entry = _log.Entries.Single(e => e.Level == LogLevel.Warning);
        entry.Message.Length.ShouldBeLessThan(400);
        entry.Message.ShouldContain("(truncated)");
    }

    [Fact]
    public async Task NotifyAsync_HangingScript_IsKilledWithItsChildrenAtTheTimeout()
    {
        var pids = Path.Combine(_temp.Path, "pids");
        var script = _temp.Script("hang.sh", $"sleep 300 &\necho $$ $! > '{pids}'\nwait");
        var watch = Stopwatch.StartNew();

        var result = await Notifier(timeout: TimeSpan.FromSeconds(1)).NotifyAsync([Messages.Critical()], Config("hang", script), CancellationToken.None);

        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(20));
        result.Success.ShouldBeFalse();
        result.Retryable.ShouldBeTrue();
        result.Error.ShouldNotBeNull().ShouldContain("did not finish within 1 s");
        var ids = (await File.ReadAllTextAsync(pids)).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(int.Parse).ToArray();
        ids.Length.ShouldBe(2);
        foreach (var id in ids)
        {
            await Eventually.ShouldHoldAsync(() => IsGone(id), $"process {id} is gone");
        }
    }

    [Fact]
    public async Task NotifyAsync_PathWithShellCharacters_RunsTheFileWithoutAShell()
    {
        var marker = Path.Combine(_temp.Path, "ran");
        var script = _temp.Script("my notifier; touch pwned1 $(touch pwned2) `touch pwned3`.sh", $"cat > /dev/null\necho ok > '{marker}'");

        var result = await Notifier().NotifyAsync([Messages.Critical()], Config("odd", script), CancellationToken.None);

        result.ShouldBe(NotifyResult.Ok);
        File.Exists(marker).ShouldBeTrue();
        Directory.GetFiles(_temp.Path, "pwned*").ShouldBeEmpty();
        Directory.GetFiles(Environment.CurrentDirectory, "pwned*").ShouldBeEmpty();
    }

    [Fact]
    public async Task NotifyAsync_ValueWithArguments_IsOnePathNotSplitIntoArguments()
    {
        var marker = Path.Combine(_temp.Path, "ran");
        var script = _temp.Script("notify.sh", $"echo \"$#\" > '{marker}'");

        var result = await Notifier().NotifyAsync([Messages.Critical()], Config("args", script + " --flag"), CancellationToken.None);

        result.Success.ShouldBeFalse();
        result.Retryable.ShouldBeFalse();
        File.Exists(marker).ShouldBeFalse();
    }

    [Fact]
    public async Task NotifyAsync_MissingExecutable_IsANonRetryableFailure()
    {
        var result = await Notifier().NotifyAsync([Messages.Critical()], Config("gone", Path.Combine(_temp.Path, "missing.sh")), CancellationToken.None);

        result.Success.ShouldBeFalse();
        result.Retryable.ShouldBeFalse();
        result.Error.ShouldNotBeNull().ShouldContain("missing.sh");
    }

    [Fact]
    public async Task NotifyAsync_ScriptIgnoringStdin_StillSucceeds()
    {
        var script = _temp.Script("quiet.sh", "exit 0");
        var many = Enumerable.Range(0, 2000).Select(i => Messages.Critical(checkId: $"check-{i}", output: new string('o', 200))).ToArray();

        var result = await Notifier().NotifyAsync(many, Config("quiet", script), CancellationToken.None);

        result.ShouldBe(NotifyResult.Ok);
    }

    private CustomNotifier Notifier(TimeSpan? timeout = null, int maxOutputChars = 4096) =>
        new(new CustomNotifierOptions { Timeout = timeout ?? TimeSpan.FromSeconds(30), MaxOutputChars = maxOutputChars }, TimeProvider.System, _log);

    private static NotifierConfig Config(string name, string path) =>
        new(name) { Enabled = true, Values = new Dictionary<string, string> { [NotifierSelection.CustomPathKey] = path } };

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

    [Fact]
    public async Task NotifyAsync_MessageWithProfileOverrides_StdinCarriesOnlyItsOwnSettings()
    {
        var received = Path.Combine(_temp.Path, "stdin.json");
        var script = _temp.Script("notify.sh", $"cat > '{received}'");

        var result = await Notifier().NotifyAsync([Messages.WithOverrides()], Config("pager", script), CancellationToken.None);

        result.ShouldBe(NotifyResult.Ok);
        var stdin = await File.ReadAllTextAsync(received);
        foreach (var secret in Messages.ForeignSecrets)
        {
            stdin.ShouldNotContain(secret);
        }

        using var document = JsonDocument.Parse(stdin);
        var overrides = document.RootElement[0].GetProperty("VarOverrides");
        overrides.EnumerateObject().Select(p => p.Name).ShouldBe(["pager"]);
        overrides.GetProperty("pager").GetProperty("team").GetString().ShouldBe("db-oncall");
    }
}
