using ConsulAlerts.Configuration;

namespace ConsulAlerts.Tests.Configuration;

public sealed class ProfileConfigTests
{
    [Fact]
    public void EnabledNotifiers_OnlyTrueEntries()
    {
        var profile = new ProfileConfig("p") { NotifList = new Dictionary<string, bool> { ["email"] = true, ["log"] = false, ["pager"] = true } };

        profile.EnabledNotifiers.ShouldBe(["email", "pager"], ignoreOrder: true);
        new ProfileConfig("empty").EnabledNotifiers.ShouldBeEmpty();
    }
}
