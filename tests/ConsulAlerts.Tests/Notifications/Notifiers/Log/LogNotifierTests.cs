using ConsulAlerts.Configuration;
using ConsulAlerts.Notifications;
using ConsulAlerts.Notifications.Notifiers.Log;
using ConsulAlerts.Tests.Notifications.Testing;

namespace ConsulAlerts.Tests.Notifications.Notifiers.Log;

public sealed class LogNotifierTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 3, 4, 23, 6, 7, TimeSpan.Zero);
    private static readonly TimeZoneInfo PlusTwo = TimeZoneInfo.CreateCustomTimeZone("test+02", TimeSpan.FromHours(2), "test+02", "test+02");

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task NotifyAsync_Messages_AppendsOneGoFormattedLinePerMessageInLocalTime()
    {
        var path = Path.Combine(_temp.Path, "alerts.log");
        using var notifier = new LogNotifier(new FakeTimeProvider(Now).InZone(PlusTwo), new FakeLogger<LogNotifier>());
        Message[] messages =
        [
            Messages.Critical(),
            new Message { Node = "node2", Service = "", Check = "Serf Health Status", Status = "warning" },
        ];

        var result = await notifier.NotifyAsync(messages, Config(path), CancellationToken.None);

        result.ShouldBe(NotifyResult.Ok);
        (await File.ReadAllTextAsync(path)).ShouldBe(
            "[consul-notifier] 2026/03/05 01:06:07 Node=node1, Service=web, Check=HTTP on :80, Status=critical\n" +
            "[consul-notifier] 2026/03/05 01:06:07 Node=node2, Service=, Check=Serf Health Status, Status=warning\n");
    }

    [Fact]
    public async Task NotifyAsync_MissingDirectory_CreatesIt()
    {
        var path = Path.Combine(_temp.Path, "a", "b", "alerts.log");
        using var notifier = new LogNotifier(new FakeTimeProvider(Now).InZone(TimeZoneInfo.Utc), new FakeLogger<LogNotifier>());

        var result = await notifier.NotifyAsync([Messages.Critical()], Config(path), CancellationToken.None);

        result.Success.ShouldBeTrue();
        File.ReadAllLines(path).ShouldBe(["[consul-notifier] 2026/03/04 23:06:07 Node=node1, Service=web, Check=HTTP on :80, Status=critical"]);
    }

    [Fact]
    public async Task NotifyAsync_ExistingFile_KeepsWhatWasThere()
    {
        var path = Path.Combine(_temp.Path, "alerts.log");
        await File.WriteAllTextAsync(path, "earlier line\n");
        using var notifier = new LogNotifier(new FakeTimeProvider(Now).InZone(TimeZoneInfo.Utc), new FakeLogger<LogNotifier>());

        await notifier.NotifyAsync([Messages.Critical()], Config(path), CancellationToken.None);

        File.ReadAllLines(path).Length.ShouldBe(2);
        File.ReadAllLines(path)[0].ShouldBe("earlier line");
    }

    [Fact]
    public async Task NotifyAsync_ConcurrentBatches_WritesEveryBatchWholeAndUninterleaved()
    {
        var path = Path.Combine(_temp.Path, "alerts.log");
        using var notifier = new LogNotifier(new FakeTimeProvider(Now).InZone(TimeZoneInfo.Utc), new FakeLogger<LogNotifier>());
        var batches = Enumerable.Range(0, 20)
            .Select(b => Enumerable.Range(0, 50).Select(i => new Message { Node = $"b{b}", Check = $"c{i}", Status = "critical" }).ToArray())
            .ToArray();

        var results = await Task.WhenAll(batches.Select(batch => Task.Run(() => notifier.NotifyAsync(batch, Config(path), CancellationToken.None))));

        results.ShouldAllBe(r => r.Success);
        var lines = File.ReadAllLines(path);
        lines.Length.ShouldBe(1000);
        foreach (var chunk in lines.Chunk(50))
        {
            var node = chunk[0].Split("Node=")[1].Split(',')[0];
            chunk.Select(l => l.Split("Check=")[1].Split(',')[0]).ShouldBe(Enumerable.Range(0, 50).Select(i => $"c{i}"));
            chunk.ShouldAllBe(l => l.Contains($"Node={node},"));
        }
    }

    [Fact]
    public async Task NotifyAsync_PathIsADirectory_FailsAsAValue()
    {
        using var notifier = new LogNotifier(new FakeTimeProvider(Now).InZone(TimeZoneInfo.Utc), new FakeLogger<LogNotifier>());

        var result = await notifier.NotifyAsync([Messages.Critical()], Config(_temp.Path), CancellationToken.None);

        result.Success.ShouldBeFalse();
        result.Error.ShouldNotBeNull().ShouldContain(_temp.Path);
    }

    [Fact]
    public void Name_IsLog() => new LogNotifier(TimeProvider.System, new FakeLogger<LogNotifier>()).Name.ShouldBe("log");

    private static NotifierConfig Config(string path) =>
        new("log") { Enabled = true, Values = new Dictionary<string, string> { ["path"] = path } };

    [Theory]
    [InlineData("evil\n[consul-notifier] 2026/03/05 01:06:07 Node=node1, Service=web, Check=web, Status=passing", "evil\\n[consul-notifier] 2026/03/05 01:06:07 Node=node1, Service=web, Check=web, Status=passing")]
    [InlineData("cr\rover", "cr\\rover")]
    [InlineData("esc\u001b[2Jbell\u0007nul\u0000", "esc\\u001b[2Jbell\\u0007nul\\u0000")]
    [InlineData("sep\u2028\u2029\u0085", "sep\\u2028\\u2029\\u0085")]
    public async Task NotifyAsync_ControlCharactersInNames_EscapedSoEachMessageIsOneLine(string name, string escaped)
    {
        var path = Path.Combine(_temp.Path, "alerts.log");
        using var notifier = new LogNotifier(new FakeTimeProvider(Now).InZone(PlusTwo), new FakeLogger<LogNotifier>());
        var message = new Message { Node = name, Service = name, Check = name, Status = "critical" };

        (await notifier.NotifyAsync([message], Config(path), CancellationToken.None)).ShouldBe(NotifyResult.Ok);

        (await File.ReadAllTextAsync(path)).ShouldBe($"[consul-notifier] 2026/03/05 01:06:07 Node={escaped}, Service={escaped}, Check={escaped}, Status=critical\n");
    }
}
