using System.Text;
using ConsulAlerts.Cli;

namespace ConsulAlerts.Tests.Cli;

public sealed class ConfigFileContentsTests
{
    [Fact]
    public void Load_ExampleInRepository_ValidWithEveryPart()
    {
        var file = ConfigFileContents.Load(RepositoryRoot.File("config", "consul-kv.json"));

        file.Problems.ShouldBeEmpty();
        file.Root.ShouldBe("consul-alerts/config/");
        string[] keys = [.. file.Entries.Select(e => e.Key[file.Root.Length..])];
        foreach (string part in new[]
        {
            "notifiers/email/", "notifiers/slack/", "notifiers/pagerduty/", "notif-profiles/", "notif-selection/",
            "checks/blacklist/", "checks/change-threshold", "checks/service/", "checks/group-wait", "checks/maintenance-mutes", "inhibit/",
        })
        {
            keys.ShouldContain(k => k.StartsWith(part, StringComparison.Ordinal), $"the example shows {part}");
        }
    }

    [Theory]
    [InlineData("config/checks/enabled", "config/")]
    [InlineData("team-a/alerts/config/checks/enabled", "team-a/alerts/config/")]
    public void Check_KeysUnderOneRoot_RootFound(string key, string root)
    {
        var file = ConfigFileContents.Check(Json((key, "true")));

        file.Problems.ShouldBeEmpty();
        file.Root.ShouldBe(root);
    }

    [Fact]
    public void Check_ValueOverConsulsLimit_ReportedWithItsKeyAndLeftOut()
    {
        var file = ConfigFileContents.Check(Json(("consul-alerts/config/checks/enabled", "true"), ("consul-alerts/config/notifiers/custom/big", new string('x', (512 * 1024) + 1))));

        var problem = file.Problems.ShouldHaveSingleItem();
        problem.Key.ShouldBe("consul-alerts/config/notifiers/custom/big");
        problem.Message.ShouldBe("a value of 524289 bytes is over Consul's limit of 524288 bytes per key");
        file.Entries.ShouldHaveSingleItem().Key.ShouldBe("consul-alerts/config/checks/enabled");
    }

    [Fact]
    public void Check_KeyOutsideConfig_Reported()
    {
        var file = ConfigFileContents.Check(Json(("consul-alerts/config/checks/enabled", "true"), ("consul-alerts/checks/n/_/c", "{}")));

        var problem = file.Problems.ShouldHaveSingleItem();
        problem.Key.ShouldBe("consul-alerts/checks/n/_/c");
        problem.Message.ShouldContain("not a configuration key");
        file.Entries.Count.ShouldBe(1);
    }

    [Fact]
    public void Check_TwoPrefixes_SecondReported()
    {
        var file = ConfigFileContents.Check(Json(("a/config/checks/enabled", "true"), ("b/config/checks/enabled", "true")));

        var problem = file.Problems.ShouldHaveSingleItem();
        problem.Key.ShouldBe("b/config/checks/enabled");
        problem.Message.ShouldContain("not under a/config/");
    }

    internal static string Json(params (string Key, string Value)[] pairs) =>
        KvExportFormat.Write(pairs.Select(p => new KvExportEntry(p.Key, 0, Encoding.UTF8.GetBytes(p.Value))));
}
