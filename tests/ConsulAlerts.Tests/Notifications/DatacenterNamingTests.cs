using ConsulAlerts.Notifications;
using ConsulAlerts.Tests.Notifications.Testing;

namespace ConsulAlerts.Tests.Notifications;

public sealed class DatacenterNamingTests
{
    [Fact]
    public void Stamp_OneDatacenter_LocalNamedButNotShown()
    {
        var stamped = new DatacenterNaming("east", Several: false).Stamp([Messages.Critical()]).ShouldHaveSingleItem();

        (stamped.Datacenter, stamped.NamesDatacenter, stamped.FromOtherDatacenter).ShouldBe(("east", false, false));
    }

    [Fact]
    public void Stamp_SeveralDatacenters_EachNamedAndShownOthersMarked()
    {
        var recorded = new[] { Messages.Critical(), Messages.Critical() with { Datacenter = "dc2" } };

        var stamped = new DatacenterNaming("dc1", Several: true).Stamp(recorded);

        stamped.Select(m => (m.Datacenter, m.NamesDatacenter, m.FromOtherDatacenter)).ShouldBe([("dc1", true, false), ("dc2", true, true)]);
        recorded[0].Datacenter.ShouldBe("", "the recorded message is left as it was");
    }

    [Fact]
    public void Stamp_StampedAgain_Unchanged()
    {
        var naming = new DatacenterNaming("dc1", Several: true);
        var once = naming.Stamp([Messages.Critical(), Messages.Critical() with { Datacenter = "dc2" }]);

        naming.Stamp(once).ShouldBe(once);
    }
}
