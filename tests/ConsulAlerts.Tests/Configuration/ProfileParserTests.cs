using ConsulAlerts.Configuration;

namespace ConsulAlerts.Tests.Configuration;

public sealed class ProfileParserTests
{
    private const string Key = "consul-alerts/config/notif-profiles/ops";

    private static (ProfileParser Parser, ConfigValueReader Reader) Create()
    {
        var reader = new ConfigValueReader();
        return (new ProfileParser(reader, new NotifierSettingsParser(reader)), reader);
    }

    [Fact]
    public void Parse_GoFieldNamesInAnyCase_Loaded()
    {
        var (parser, reader) = Create();

        parser.Parse(Key, "ops", """{"interval": 10, "NOTIFLIST": {"slack": true, "email": false}, "VarOverrides": {"PagerDuty": {"service_key": "abc"}}}""");

        reader.Problems.ShouldBeEmpty();
        var profile = parser.Profiles["ops"];
        profile.Interval.ShouldBe(TimeSpan.FromMinutes(10));
        profile.NotifList["slack"].ShouldBeTrue();
        profile.NotifList["email"].ShouldBeFalse();
        profile.VarOverrides["pagerduty"]["service-key"].ShouldBe("abc");
    }

    [Theory]
    [InlineData("""{"Interval": -5}""", "must not be negative")]
    [InlineData("""{"Interval": "5"}""", "not a whole number of minutes")]
    [InlineData("""{"NotifList": ["slack"]}""", "expected an object")]
    [InlineData("""{"NotifList": {"slack": "yes"}}""", "must be true or false")]
    [InlineData("""{"VarOverrides": {"slack": "x"}}""", "must be a JSON object")]
    [InlineData("""{"VarOverrides": {"slack": {"nosuch": "x"}}}""", "is not one of its settings")]
    [InlineData("""{"Other": 1}""", "not a profile property")]
    [InlineData("""{"GroupWait": 2}""", "not a Go duration string")]
    [InlineData("""{"GroupWait": "2"}""", "not a Go duration")]
    [InlineData("""{"GroupWait": "-1s"}""", "must not be negative")]
    [InlineData("""{"GroupWait": "1h"}""", "longer than the limit")]
    public void Parse_BadPart_ProfileLoadedAndThePartReported(string json, string problem)
    {
        var (parser, reader) = Create();

        parser.Parse(Key, "ops", json);

        parser.Profiles.ContainsKey("ops").ShouldBeTrue();
        var reported = reader.Problems.ShouldHaveSingleItem();
        reported.Key.ShouldBe(Key);
        reported.Problem.ShouldContain(problem);
    }

    [Theory]
    [InlineData("""{"GroupWait": "2s"}""", 2000)]
    [InlineData("""{"groupwait": "0"}""", 0)]
    [InlineData("""{"GroupWait": "250ms", "Interval": 5}""", 250)]
    [InlineData("""{"GroupWait": null}""", null)]
    [InlineData("""{"Interval": 5}""", null)]
    public void Parse_GroupWait_GoDurationOrUnset(string json, int? expectedMilliseconds)
    {
        var (parser, reader) = Create();

        parser.Parse(Key, "ops", json);

        reader.Problems.ShouldBeEmpty();
        parser.Profiles["ops"].GroupWait.ShouldBe(expectedMilliseconds is { } ms ? TimeSpan.FromMilliseconds(ms) : null);
    }

    [Theory]
    [InlineData("[1]")]
    [InlineData("{")]
    [InlineData("")]
    public void Parse_NotAnObject_ProfileNotLoaded(string json)
    {
        var (parser, reader) = Create();

        parser.Parse(Key, "ops", json);

        parser.Profiles.ShouldBeEmpty();
        reader.Problems.ShouldHaveSingleItem().Consequence.ShouldNotBeNull().ShouldContain("profile 'ops' is not loaded");
    }

    [Fact]
    public void Parse_VarOverridesOfACustomNotifier_KeptAsTheyAre()
    {
        var reader = new ConfigValueReader();
        var notifiers = new NotifierSettingsParser(reader);
        notifiers.Parse("consul-alerts/config/notifiers/custom/pager", ["notifiers", "custom", "pager"], "/bin/pager"u8.ToArray());
        var parser = new ProfileParser(reader, notifiers);

        parser.Parse(Key, "ops", """{"VarOverrides": {"pager": {"Any_Name": 5}}}""");

        reader.Problems.ShouldBeEmpty();
        parser.Profiles["ops"].VarOverrides["pager"]["Any_Name"].ShouldBe("5");
    }
}
