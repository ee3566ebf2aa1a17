namespace ConsulAlerts.Tests.EndToEnd;

/// <summary>The real daemon against the dev agent: reminders at the profile's interval, gone on recovery.</summary>
public sealed class ReminderEndToEndTests : IAsyncLifetime
{
    private EngineHarness _harness = null!;

    public async Task InitializeAsync()
    {
        _harness = await EngineHarness.StartAsync();
        await _harness.PutAsync("consul-alerts/config/checks/change-threshold", "1");
        await _harness.PutAsync("consul-alerts/config/notif-profiles/default", """{"Interval": 1}""");
        await _harness.RegisterTtlCheckAsync("web", "web-ttl");
        await _harness.StartDaemonAsync("web", "web-ttl");
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task FailingCheck_WithOneMinuteInterval_IsRemindedUntilItPasses()
    {
        await _harness.SetCheckAsync("web-ttl", "fail", "first output");
        await _harness.WaitUntilAsync(() => _harness.LogLines().Length == 1, "the critical notification");
        string reminderKey = $"consul-alerts/reminders/{_harness.Node}/web-ttl";
        (await _harness.KeyExistsAsync(reminderKey)).ShouldBeTrue();

        await _harness.SetCheckAsync("web-ttl", "fail", "second output");
        await _harness.WaitUntilAsync(() => _harness.LogLines().Length == 2, "the reminder, a minute later", TimeSpan.FromSeconds(100));
        _harness.LogLines()[1].ShouldContain("Status=critical");

        await _harness.SetCheckAsync("web-ttl", "pass");
        await _harness.WaitUntilAsync(() => _harness.LogLines().Length == 3, "the passing notification");
        _harness.LogLines()[2].ShouldContain("Status=passing");
        await _harness.WaitUntilAsync(async () => !await _harness.KeyExistsAsync(reminderKey), "the reminder to be deleted");
    }
}
