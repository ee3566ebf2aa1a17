using ConsulAlerts.Checks;
using ConsulAlerts.Muting;
using ConsulAlerts.Tests.Checks;

namespace ConsulAlerts.Tests.Muting;

public sealed class MuteFactsTests
{
    [Fact]
    public void Build_MaintenanceChecks_NodeAndServiceInMaintenance()
    {
        var facts = MuteFacts.Build(
            [Check("n1", "_node_maintenance"), Check("n2", "_service_maintenance:api-1", serviceId: "api-1")], [], "dc1");

        facts.MaintenanceOf(Check("n1", "anything")).ShouldBe("_node_maintenance");
        facts.MaintenanceOf(Check("n2", "api-check", serviceId: "api-1")).ShouldBe("_service_maintenance:api-1");
        facts.MaintenanceOf(Check("n2", "db-check", serviceId: "db-1")).ShouldBeNull();
        facts.MaintenanceOf(Check("n3", "api-check", serviceId: "api-1")).ShouldBeNull();
    }

    [Fact]
    public void InhibitorOf_SerfHealthCritical_InhibitsTheNodesOtherChecksNotItselfNorOtherNodes()
    {
        var serf = Check("n1", "serfHealth", CheckStatus.Critical);
        var facts = MuteFacts.Build([serf, Check("n2", "serfHealth", CheckStatus.Passing)], [InhibitRule.NodeDown], "dc1");

        facts.InhibitorOf(Subject(Check("n1", "web"))).ShouldBe(InhibitRule.NodeDown);
        facts.InhibitorOf(Subject(serf)).ShouldBeNull();
        facts.InhibitorOf(Subject(Check("n2", "web"))).ShouldBeNull();
        facts.FiringSources.ShouldBe(1);
    }

    [Fact]
    public void Build_SameNodeNameInTwoDatacenters_MaintenanceAndNodeDownStayInTheirOwn()
    {
        var remoteSerf = Check("n1", "serfHealth", CheckStatus.Critical) with { Datacenter = "dc2" };
        var remoteMaintenance = Check("n2", "_node_maintenance") with { Datacenter = "dc2" };
        var facts = MuteFacts.Build([remoteSerf, remoteMaintenance, Check("n1", "serfHealth", CheckStatus.Passing)], [InhibitRule.NodeDown], "dc1");

        facts.InhibitorOf(Subject(Check("n1", "web") with { Datacenter = "dc2" })).ShouldBe(InhibitRule.NodeDown);
        facts.InhibitorOf(Subject(Check("n1", "web"))).ShouldBeNull();
        facts.MaintenanceOf(Check("n2", "web") with { Datacenter = "dc2" }).ShouldBe("_node_maintenance");
        facts.MaintenanceOf(Check("n2", "web")).ShouldBeNull();
    }

    [Fact]
    public void SameAs_SameMaintenancesAndSources_TrueWhateverElseChanged()
    {
        IReadOnlyList<InhibitRule> rules = [InhibitRule.NodeDown];
        var before = MuteFacts.Build([Check("n1", "serfHealth", CheckStatus.Critical), Check("n1", "web", CheckStatus.Passing), Check("n2", "_node_maintenance")], rules, "dc1");
        var outputOnly = MuteFacts.Build([Check("n1", "serfHealth", CheckStatus.Critical, output: "x"), Check("n1", "web", CheckStatus.Critical), Check("n2", "_node_maintenance")], rules, "dc1");
        var recovered = MuteFacts.Build([Check("n1", "serfHealth", CheckStatus.Passing), Check("n2", "_node_maintenance")], rules, "dc1");
        var maintenanceOver = MuteFacts.Build([Check("n1", "serfHealth", CheckStatus.Critical)], rules, "dc1");

        before.SameAs(outputOnly).ShouldBeTrue();
        before.SameAs(recovered).ShouldBeFalse();
        before.SameAs(maintenanceOver).ShouldBeFalse();
        before.SameAs(MuteFacts.Build([Check("n1", "serfHealth", CheckStatus.Critical), Check("n2", "_node_maintenance")], [], "dc1")).ShouldBeFalse("other rules");
    }

    private static AlertSubject Subject(CheckInfo check) => new(check, CheckStatus.Critical, "dc1");

    private static CheckInfo Check(string node, string checkId, string status = CheckStatus.Critical, string serviceId = "", string output = "") =>
        CheckTrackerTests.Check(node, checkId, status, output, serviceId);
}
