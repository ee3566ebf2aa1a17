namespace ConsulAlerts.Tests.EndToEnd;

/// <summary>The real daemon against the dev agent: blacklists, profiles and bad configuration.</summary>
public sealed class RoutingEndToEndTests : IAsyncLifetime
{
    private EngineHarness _harness = null!;

    public async Task InitializeAsync()
    {
        _harness = await EngineHarness.StartAsync();
        await _harness.PutAsync("consul-alerts/config/checks/change-threshold", "1");
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task BlacklistedCheck_Fails_NeverNotifies()
    {
        await _harness.PutAsync("consul-alerts/config/checks/blacklist/checks/muted-ttl", "");
        await _harness.RegisterTtlCheckAsync("muted", "muted-ttl");
        await _harness.RegisterTtlCheckAsync("web", "web-ttl");
        await _harness.StartDaemonAsync("web", "web-ttl");

        await _harness.SetCheckAsync("muted-ttl", "fail");
        await _harness.SetCheckAsync("web-ttl", "fail");
        await _harness.WaitUntilAsync(() => _harness.LogLines().Any(l => l.Contains("Check=web-ttl check", StringComparison.Ordinal)), "the other check's notification");
        await _harness.SettleAsync();

        _harness.LogLines().ShouldNotContain(l => l.Contains("muted", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Profile_SelectedByService_RoutesToItsNotifiersOnly()
    {
        string pager = await _harness.AddCustomNotifierAsync("pager");
        string chat = await _harness.AddCustomNotifierAsync("chat");
        await _harness.PutAsync("consul-alerts/config/notif-profiles/ops", """{"Interval": 0, "NotifList": {"pager": true}}""");
        await _harness.PutAsync("consul-alerts/config/notif-selection/services/db", "ops");
        await _harness.RegisterTtlCheckAsync("db", "db-ttl");
        await _harness.RegisterTtlCheckAsync("web", "web-ttl");
        await _harness.StartDaemonAsync("db", "db-ttl");

        await _harness.SetCheckAsync("db-ttl", "fail");
        await _harness.WaitUntilAsync(() => EngineHarness.Calls(pager).Length > 0, "the pager call for db");
        await _harness.SetCheckAsync("web-ttl", "fail");
        await _harness.WaitUntilAsync(() => EngineHarness.Calls(chat).Length > 0, "the chat call for web");
        await _harness.SettleAsync(pager, chat);

        // db uses the ops profile: pager only. web has no profile: every enabled notifier (log, pager, chat).
        EngineHarness.Calls(pager).Length.ShouldBe(2);
        EngineHarness.Calls(pager)[0].ShouldContain("\"CheckId\":\"db-ttl\"");
        EngineHarness.Calls(chat).ShouldHaveSingleItem().ShouldContain("\"CheckId\":\"web-ttl\"");
        _harness.LogLines().ShouldHaveSingleItem().ShouldContain("Check=web-ttl check");
    }

    [Fact]
    public async Task MalformedValue_IsReportedWithItsKey_AndEverythingElseWorks()
    {
        await _harness.PutAsync("consul-alerts/config/notifiers/email/port", "twenty-five");
        await _harness.PutAsync("consul-alerts/config/notif-profiles/broken", "{not json");
        await _harness.RegisterTtlCheckAsync("web", "web-ttl");
        await _harness.StartDaemonAsync("web", "web-ttl");

        await _harness.SetCheckAsync("web-ttl", "fail");
        await _harness.WaitUntilAsync(() => _harness.LogLines().Length > 0, "the notification");

        _harness.Daemon.Output.ShouldContain("consul-alerts/config/notifiers/email/port");
        _harness.Daemon.Output.ShouldContain("consul-alerts/config/notif-profiles/broken");
    }
}
