using ConsulAlerts.Notifications.Http;
using static ConsulAlerts.Tests.Notifications.Testing.HttpNotifierTesting;

namespace ConsulAlerts.Tests.Notifications.Http;

public sealed class NotifierSettingsTests
{
    [Fact]
    public void ClusterName_Unset_IsTheGoDefault() => NotifierSettings.ClusterName(Config("slack")).ShouldBe("Consul Alerts");

    [Fact]
    public void Optional_BlankOrPadded_IsNullOrTrimmed()
    {
        var config = Config("slack", ("channel", "   "), ("username", " bot "));

        NotifierSettings.Optional(config, "channel").ShouldBeNull();
        NotifierSettings.Optional(config, "username").ShouldBe("bot");
        NotifierSettings.Optional(config, "icon-url").ShouldBeNull();
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("1", true)]
    [InlineData("T", true)]
    [InlineData("false", false)]
    [InlineData("yes", false)]
    [InlineData(null, false)]
    public void Flag_GoBooleans(string? text, bool expected)
    {
        var config = text is null ? Config("slack") : Config("slack", ("detailed", text));

        NotifierSettings.Flag(config, "detailed").ShouldBe(expected);
    }
}
