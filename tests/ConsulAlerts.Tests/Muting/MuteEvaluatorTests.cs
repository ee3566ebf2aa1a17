using ConsulAlerts.Checks;
using ConsulAlerts.Configuration;
using ConsulAlerts.Muting;
using ConsulAlerts.Tests.Checks;

namespace ConsulAlerts.Tests.Muting;

public sealed class MuteEvaluatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    public static TheoryData<string> BlacklistForms => new()
    {
        "node exact", "node regex", "service exact", "service regex", "check exact", "check regex", "status exact", "status regex", "single",
        "service tag exact", "service tag regex",
    };

    [Theory]
    [MemberData(nameof(BlacklistForms))]
    public void ReasonFor_Blacklisted_BlacklistOnlyForTheMatchingCheck(string form)
    {
        var evaluator = Evaluator(new AlertsConfig { Blacklist = Blacklist(form) });

        evaluator.ReasonFor(Check("node-m", "check-m", "db-1") with { ServiceTags = ["v2", "canary"] }, CheckStatus.Critical).ShouldBe(MuteReason.Blacklisted);
        evaluator.ReasonFor(Check("node-ok", "check-ok", "web-1") with { ServiceTags = ["v2", "stable"] }, CheckStatus.Warning).ShouldBeNull();
    }

    [Fact]
    public void ReasonFor_EverythingMutes_MaintenanceThenSilenceThenInhibitionThenBlacklist()
    {
        var check = Check("n1", "web", "web-1");
        var serf = Check("n1", "serfHealth", "");
        var everything = new[] { serf, Check("n1", "_node_maintenance", "") };
        var silence = FakeSilenceSource.Silence("s-1", Now.AddMinutes(-1), Now.AddMinutes(1), ("node", "n1"));
        var blacklisted = new AlertsConfig { Blacklist = Blacklist("node exact") with { Nodes = Exact("n1") } };

        Evaluator(blacklisted, everything, silence).ReasonFor(check, CheckStatus.Critical)!.Kind.ShouldBe(MuteKind.Maintenance);
        Evaluator(blacklisted, [serf], silence).ReasonFor(check, CheckStatus.Critical)!.Kind.ShouldBe(MuteKind.Silence);
        Evaluator(blacklisted, [serf]).ReasonFor(check, CheckStatus.Critical)!.Kind.ShouldBe(MuteKind.Inhibited);
        Evaluator(blacklisted).ReasonFor(check, CheckStatus.Critical)!.Kind.ShouldBe(MuteKind.Blacklist);
    }

    [Theory]
    [InlineData(-10, -5, false)]
    [InlineData(-5, 5, true)]
    [InlineData(5, 10, false)]
    [InlineData(-5, 0, false)]
    [InlineData(0, 5, true)]
    public void ReasonFor_Silence_OnlyWhileActive(int startMinutes, int endMinutes, bool muted)
    {
        var silence = FakeSilenceSource.Silence("s-1", Now.AddMinutes(startMinutes), Now.AddMinutes(endMinutes), ("check", "web"));

        var reason = Evaluator(AlertsConfig.Default, [], silence).ReasonFor(Check("n1", "web", ""), CheckStatus.Critical);

        (reason is not null).ShouldBe(muted);
    }

    [Fact]
    public void ReasonFor_MaintenanceCheckItself_NotMutedByItsOwnMaintenance()
    {
        var maintenance = Check("n1", "_node_maintenance", "");

        Evaluator(AlertsConfig.Default, [maintenance]).ReasonFor(maintenance, CheckStatus.Critical).ShouldBeNull();
    }

    [Fact]
    public void NextSilenceEnd_SeveralSilences_TheEarliestEndStillAhead()
    {
        var evaluator = Evaluator(
            AlertsConfig.Default,
            [],
            FakeSilenceSource.Silence("past", Now.AddHours(-2), Now.AddHours(-1), ("node", "a")),
            FakeSilenceSource.Silence("later", Now, Now.AddHours(2), ("node", "a")),
            FakeSilenceSource.Silence("soon", Now.AddHours(1), Now.AddHours(1.5), ("node", "a")));

        evaluator.NextSilenceEnd().ShouldBe(Now.AddHours(1.5));
    }

    private static MuteEvaluator Evaluator(AlertsConfig config, IReadOnlyList<CheckInfo>? snapshot = null, params SilenceRule[] silences) =>
        new(MuteFacts.Build(snapshot ?? [], config.InhibitRules, "dc1"), config, silences, "dc1", Now);

    private static CheckInfo Check(string node, string checkId, string serviceId) => CheckTrackerTests.Check(node, checkId, CheckStatus.Critical, serviceId: serviceId);

    private static BlacklistConfig Blacklist(string form) => form switch
    {
        "node exact" => new() { Nodes = Exact("node-m") },
        "node regex" => new() { Nodes = Pattern("^node-m$") },
        "service exact" => new() { Services = Exact("db-1") },
        "service regex" => new() { Services = Pattern("^db-") },
        "check exact" => new() { Checks = Exact("check-m") },
        "check regex" => new() { Checks = Pattern("-m$") },
        "status exact" => new() { Status = Exact("critical") },
        "status regex" => new() { Status = Pattern("^crit") },
        "single" => new() { Single = new HashSet<string>(StringComparer.Ordinal) { "node-m/db-1/check-m" } },
        "service tag exact" => new() { ServiceTags = Exact("canary") },
        "service tag regex" => new() { ServiceTags = Pattern("^can") },
        _ => throw new ArgumentOutOfRangeException(nameof(form)),
    };

    private static NameMatcher Exact(string name) => new() { Exact = new HashSet<string>(StringComparer.Ordinal) { name } };

    private static NameMatcher Pattern(string pattern) => new() { Patterns = [ConfiguredPattern.Compile("k", pattern)] };
}
