using System.Text;
using ConsulAlerts.Configuration;

namespace ConsulAlerts.Tests.Configuration;

public sealed class NotifierSettingsParserTests
{
    private const string Secret = "https://hooks.example.invalid/T000/B000/secret";

    private static (NotifierSettingsParser Parser, ConfigValueReader Reader) Create()
    {
        var reader = new ConfigValueReader();
        return (new NotifierSettingsParser(reader), reader);
    }

    private static void Parse(NotifierSettingsParser parser, string key, string value) =>
        parser.Parse("consul-alerts/config/" + key, key.Split('/'), Encoding.UTF8.GetBytes(value));

    [Fact]
    public void Parse_EnabledAndSetting_BuildKeepsTheTextOverTheDefaults()
    {
        var (parser, reader) = Create();

        Parse(parser, "notifiers/slack/enabled", "true");
        Parse(parser, "notifiers/slack/url", $" {Secret}\n");
        var notifiers = parser.Build();

        reader.Problems.ShouldBeEmpty();
        notifiers["slack"].Enabled.ShouldBeTrue();
        notifiers["slack"].Values["url"].ShouldBe(Secret);
        notifiers["email"].ShouldBe(NotifierConfig.Defaults["email"]);
    }

    [Fact]
    public void Parse_BadBoolean_ReportedWithoutTheValue()
    {
        var (parser, reader) = Create();

        Parse(parser, "notifiers/slack/enabled", Secret);

        var problem = reader.Problems.ShouldHaveSingleItem();
        problem.Key.ShouldBe("consul-alerts/config/notifiers/slack/enabled");
        problem.Problem.ShouldNotContain(Secret);
        parser.Build()["slack"].Enabled.ShouldBe(NotifierConfig.Defaults["slack"].Enabled);
    }

    [Fact]
    public void Parse_CustomNotifierWithBuiltInName_Refused()
    {
        var (parser, reader) = Create();

        Parse(parser, "notifiers/custom/slack", "/usr/local/bin/notify");

        parser.Custom.ShouldBeEmpty();
        reader.Problems.ShouldHaveSingleItem().Problem.ShouldContain("built-in notifier 'slack'");
    }

    [Fact]
    public void IsNotifier_CustomReadEarlier_Known()
    {
        var (parser, _) = Create();

        Parse(parser, "notifiers/custom/pager", "/usr/local/bin/pager");

        parser.IsNotifier("pager").ShouldBeTrue();
        parser.IsNotifier("unknown").ShouldBeFalse();
    }

    [Theory]
    [InlineData("slack", "slack")]
    [InlineData("Slack", "slack")]
    [InlineData("PAGERDUTY", "pagerduty")]
    [InlineData("nosuch", null)]
    public void Canonical_Name_MatchesBuiltInsCaseInsensitively(string name, string? expected)
    {
        var (parser, _) = Create();

        parser.Canonical(name).ShouldBe(expected);
    }

    [Fact]
    public void TryValue_JsonArrayForAnObject_Refused()
    {
        var (parser, reader) = Create();

        parser.TryValue("k", "http-endpoint", "payload", NotifierKeyType.JsonObject, "[1]", "value").ShouldBeFalse();

        reader.Problems.ShouldHaveSingleItem().Problem.ShouldContain("expected a JSON object");
    }
}
