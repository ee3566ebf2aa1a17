namespace ConsulAlerts.Tests.EndToEnd;

/// <summary>
/// The real daemon against an agent (see the subclasses: the dev agent and a real one): debounce, notification and
/// recovery, seen in the notifiers' output.
/// </summary>
public abstract class CheckNotificationScenarios(ConsulKind kind) : IAsyncLifetime
{
    private EngineHarness _harness = null!;
    private string _calls = "";

    public async Task InitializeAsync()
    {
        _harness = await EngineHarness.StartAsync(kind);
        await _harness.PutAsync("consul-alerts/config/checks/change-threshold", "2");
        _calls = await _harness.AddCustomNotifierAsync("recorder");
        await _harness.RegisterTtlCheckAsync("web", "web-ttl");
        await _harness.StartDaemonAsync("web", "web-ttl");
    }

    public async Task DisposeAsync()
    {
        // A skipped test (no real agent) never got a harness.
        if (_harness is not null)
        {
            await _harness.DisposeAsync();
        }
    }

    [SkippableFact]
    public async Task CheckFails_HeldPastThreshold_NotifiesOnceThroughLogAndCustomNotifier()
    {
        await _harness.SetCheckAsync("web-ttl", "fail", "connection refused");

        await _harness.WaitUntilAsync(() => _harness.LogLines().Length > 0 && EngineHarness.Calls(_calls).Length > 0, "the critical notification");
        await _harness.SettleAsync(_calls); // a duplicate would have arrived by now

        var line = _harness.LogLines().ShouldHaveSingleItem();
        line.ShouldStartWith("[consul-notifier] ");
        line.ShouldContain($"Node={_harness.Node}, Service=web, Check=web-ttl check, Status=critical");
        var call = EngineHarness.Calls(_calls).ShouldHaveSingleItem();
        call.ShouldContain("\"CheckId\":\"web-ttl\"");
        call.ShouldContain("\"Status\":\"critical\"");
        call.ShouldContain("connection refused");
    }

    [SkippableFact]
    public async Task CheckFlaps_FasterThanThreshold_NotifiesNothing()
    {
        // Critical for a second, passing for a second: never critical for the 2 s threshold.
        for (int i = 0; i < 5; i++)
        {
            await _harness.SetCheckAsync("web-ttl", "fail");
            await Task.Delay(TimeSpan.FromMilliseconds(1000));
            await _harness.SetCheckAsync("web-ttl", "pass");
            await Task.Delay(TimeSpan.FromMilliseconds(1000));
        }

        await _harness.SettleAsync(_calls); // the last flip is processed and no threshold still runs

        _harness.LogLines().ShouldBeEmpty();
        EngineHarness.Calls(_calls).ShouldBeEmpty();
    }

    [SkippableFact]
    public async Task CheckRecovers_AfterAlert_NotifiesPassing()
    {
        await _harness.SetCheckAsync("web-ttl", "fail");
        await _harness.WaitUntilAsync(() => _harness.LogLines().Length == 1 && EngineHarness.Calls(_calls).Length == 1, "the critical notification");

        await _harness.SetCheckAsync("web-ttl", "pass");
        await _harness.WaitUntilAsync(() => _harness.LogLines().Length == 2 && EngineHarness.Calls(_calls).Length == 2, "the passing notification");

        _harness.LogLines()[1].ShouldContain("Status=passing");
        EngineHarness.Calls(_calls)[1].ShouldContain("\"Status\":\"passing\"");
    }
}
