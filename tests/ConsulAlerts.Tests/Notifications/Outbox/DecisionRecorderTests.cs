using System.Text;
using ConsulAlerts.Checks;
using ConsulAlerts.Configuration;
using ConsulAlerts.Notifications;
using ConsulAlerts.Tests.Testing;

namespace ConsulAlerts.Tests.Notifications.Outbox;

/// <summary>Decisions recorded with their deliveries, through the leader path of <see cref="LeaderPipeline"/> against the dev agent.</summary>
public sealed class DecisionRecorderTests : IAsyncDisposable
{
    private LeaderPipeline? _p;

    public async ValueTask DisposeAsync()
    {
        if (_p is not null)
        {
            await _p.DisposeAsync();
        }
    }

    [Fact]
    public async Task Record_ProfileOverridesTooLargeForAnyTransaction_MessageIsBoundedRecordedAndSent()
    {
        var huge = new string('o', 600 * 1024);
        _p = await LeaderPipeline.StartAsync(WithDefaultProfile(new Dictionary<string, string> { ["note"] = huge }));
        await StartTermAsync();
        var recorded = new List<string>();
        _p.Faults.FailWhen = (path, body) =>
        {
            if (path == "/v1/txn" && body.Contains("/commit", StringComparison.Ordinal) && !body.Contains("\"delete\"", StringComparison.Ordinal))
            {
                recorded.Add(body);
            }

            return false;
        };

        Decide(Check("web", CheckStatus.Critical, "503"));
        await _p.SettleAsync();

        recorded.ShouldHaveSingleItem().ShouldContain("consul-alerts/checks/n1/_/web");
        var (messages, config) = _p.Notifier.Calls.ShouldHaveSingleItem();
        messages.Single().CheckId.ShouldBe("web");
        config.Get("note").ShouldBe(huge, "the profile's overrides apply at the attempt, read from the profile");
        (await _p.KeysAsync(_p.Layout.Outbox)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Record_ProfileOverridesFixedWhileRetrying_NextAttemptUsesTheOverridesInForce()
    {
        _p = await LeaderPipeline.StartAsync(
            WithDefaultProfile(new Dictionary<string, string> { ["url"] = "http://127.0.0.1:1/wrong" }),
            behaviour: (_, settings, _) => Task.FromResult(settings.Get("url") == "http://127.0.0.1:1/right" ? NotifyResult.Ok : NotifyResult.Failed("connection refused", retryable: true)));
        await StartTermAsync();

        Decide(Check("web", CheckStatus.Critical, "503"));
        await Eventually.ShouldHoldAsync(() => _p.Stats.Snapshot() is [{ Retried: 1 }] && _p.Time.PendingTimers >= 1, "the first attempt failed and waits");
        _p.Config.Publish(WithDefaultProfile(new Dictionary<string, string> { ["url"] = "http://127.0.0.1:1/right" }) with { Revision = 2 });
        await _p.SettleAsync();

        _p.Notifier.Calls.Select(c => c.Config.Get("url")).ShouldBe(["http://127.0.0.1:1/wrong", "http://127.0.0.1:1/right"]);
        _p.Stats.Snapshot().ShouldHaveSingleItem().Sent.ShouldBe(1, "one instance: the profile's overrides name its queue");
        (await _p.KeysAsync(_p.Layout.Outbox)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Record_SixtyFourChecksWith4KiBHtmlOutputs_SplitIntoRecordsThatEachFitATransaction()
    {
        _p = await LeaderPipeline.StartAsync();
        await StartTermAsync();
        var page = ErrorPage(4096);
        var checks = Enumerable.Range(0, 64).Select(i => Check($"http-{i}", CheckStatus.Critical, page)).ToArray();

        Decide(checks);
        await _p.SettleAsync();

        _p.Sent.Select(m => m.CheckId).Order(StringComparer.Ordinal).ShouldBe(checks.Select(c => c.CheckId).Order(StringComparer.Ordinal));
        _p.Sent.ShouldAllBe(m => m.Output == page);
        foreach (var check in checks)
        {
            (await _p.ReadStateAsync("n1", check.CheckId)).ShouldNotBeNull().HealthCheck.Output.ShouldBe(page);
        }

        _p.WriterLog.Entries.ShouldNotContain(e => e.Message.Contains("size limits", StringComparison.Ordinal));
        (await _p.KeysAsync(_p.Layout.Outbox)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Record_ProfileNamingManyUnknownNotifiers_OneWarningWithTheCount()
    {
        var names = Enumerable.Range(1, 100).ToDictionary(i => $"nosuch-{i}", _ => true, StringComparer.Ordinal);
        names["log"] = true;
        _p = await LeaderPipeline.StartAsync(LeaderPipeline.Threshold(30) with
        {
            Profiles = new Dictionary<string, ProfileConfig>(StringComparer.Ordinal) { ["default"] = new("default") { NotifList = names } },
        });
        await StartTermAsync();

        Decide(Check("web", CheckStatus.Critical, "503"));
        await _p.SettleAsync();
        Decide(Check("db", CheckStatus.Critical, "refused"));
        await _p.SettleAsync();

        _p.Sent.Select(m => m.CheckId).ShouldBe(["web", "db"]);
        var warning = _p.RecorderLog.Entries.Where(e => e.Id.Id == 5001).ShouldHaveSingleItem();
        warning.Message.ShouldContain("100");
        warning.Message.ShouldNotContain("nosuch");
    }

    private async Task StartTermAsync()
    {
        var term = await _p!.TakeLockAsync();
        await _p.BeginTermAsync(term);
    }

    /// <summary>Hands the router confirmed changes, as the tracker does.</summary>
    private void Decide(params CheckInfo[] checks)
    {
        var now = _p!.Time.GetUtcNow();
        _p.Router.Accept(new CheckDecisions(
            [],
            checks.Select(c => new DecidedChange(
                new CheckTransition(c, CheckStatus.Passing, c.Status, now),
                new CheckStateChange(CheckStateStore.KeyOf(c), new CheckState { Current = c.Status, CurrentTimestamp = now, HealthCheck = c }))).ToList(),
            []));
    }

    private static CheckInfo Check(string checkId, string status, string output) =>
        new() { Node = "n1", CheckId = checkId, Name = "check " + checkId, Status = status, Output = output };

    private static AlertsConfig WithDefaultProfile(Dictionary<string, string> logOverrides) => LeaderPipeline.Threshold(30) with
    {
        Profiles = new Dictionary<string, ProfileConfig>(StringComparer.Ordinal)
        {
            ["default"] = new("default")
            {
                VarOverrides = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal) { ["log"] = logOverrides },
            },
        },
    };

    private static string ErrorPage(int size)
    {
        var page = new StringBuilder("<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body>");
        while (page.Length < size)
        {
            page.Append("<p class=\"err\">upstream &lt;timed out&gt;</p>");
        }

        return page.ToString()[..size];
    }
}
