using System.Net;
using System.Text.Json;
using ConsulAlerts.Api;
using ConsulAlerts.Checks;
using ConsulAlerts.Consul;
using ConsulAlerts.Consul.Http;
using ConsulAlerts.Datacenters;
using ConsulAlerts.DevAgent;
using ConsulAlerts.Hosting;
using ConsulAlerts.Leadership;
using ConsulAlerts.Notifications;
using ConsulAlerts.Tests.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using StatusEndpoint = ConsulAlerts.Api.StatusEndpoint;

namespace ConsulAlerts.Tests.Api;

public sealed class StatusEndpointTests
{
    private static readonly DateTimeOffset Since = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Build_ViewWithPendingAndAlertingChecks_CountsEach()
    {
        var view = new FakeCheckView();
        view.Set("n1", "ok", CheckStatus.Passing, "");
        view.Set("n1", "disk", CheckStatus.Warning, "91%");
        view.Set("n2", "http", CheckStatus.Critical, "503");
        view.Put(State("n2", "flapping", current: CheckStatus.Passing, pending: CheckStatus.Critical));
        view.Put(State("n3", "new", current: "", pending: CheckStatus.Warning));
        view.Put(State("n3", "worse", current: CheckStatus.Warning, pending: CheckStatus.Critical));

        var report = StatusEndpoint.Build(Standby(), view);

        report.Checks.ShouldBe(new CheckCountsReport(Tracked: 6, Pending: 3, Alerting: 3));
    }

    [Fact]
    public void Build_Leader_MapsRoleSessionAndHolder()
    {
        var started = Since.AddMinutes(-5);
        var contact = Since.AddSeconds(30);
        var holder = new LockHolder { Host = "alerts-1", Pid = 4242, Address = "10.0.0.5:9000", Started = started, Version = "1.2.3", Session = "sid-1" };

        var report = StatusEndpoint.Build(new LeadershipStatus(LeadershipRole.Leader, Since, "sid-1", holder, contact), new FakeCheckView());

        report.Version.ShouldBe(ProductInfo.Version);
        report.Leadership.ShouldBe(new LeadershipReport("leader", Since, "sid-1", new HolderReport("alerts-1", 4242, "10.0.0.5:9000", started, "sid-1"), contact));
        report.Checks.ShouldBe(new CheckCountsReport(0, 0, 0));
    }

    [Fact]
    public void Build_StandbyWatchingAnotherHolder_ShowsStandbyWithTheHolder()
    {
        var holder = new LockHolder { Host = "alerts-2", Pid = 7, Session = "sid-other" };

        var report = StatusEndpoint.Build(new LeadershipStatus(LeadershipRole.Standby, Since, "sid-mine", holder, null), new FakeCheckView());

        report.Leadership.Role.ShouldBe("standby");
        report.Leadership.SessionId.ShouldBe("sid-mine");
        report.Leadership.Holder.ShouldNotBeNull().Session.ShouldBe("sid-other");
        report.Leadership.Holder.Host.ShouldBe("alerts-2");
        report.Leadership.LastContact.ShouldBeNull();
    }

    [Fact]
    public void Build_NotifierFailing_ReportsItsCountersAndLastError()
    {
        var stats = new NotificationStats();
        var at = new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
        stats.RecordDelivered("log", 2, at);
        stats.RecordFailedAttempt("slack", 1, "HTTP 500 Internal Server Error", at, willRetry: true);
        stats.SetQueued("slack", 1);
        stats.SetGrouping("slack", 1);

        var report = StatusEndpoint.Build(Standby(), new FakeCheckView(), stats);

        report.Notifiers.ShouldBe(
        [
            new NotifierReport("log", false, 2, 0, 0, 0, 0, null, null, at, 0),
            new NotifierReport("slack", true, 0, 0, 1, 1, 1, "HTTP 500 Internal Server Error", at, null, 1),
        ]);
    }

    [Fact]
    public void Build_StandbyWithoutSession_HasNoHolder()
    {
        var report = StatusEndpoint.Build(Standby(), new FakeCheckView());

        report.Leadership.Role.ShouldBe("standby");
        report.Leadership.SessionId.ShouldBeNull();
        report.Leadership.Holder.ShouldBeNull();
    }

    [Fact]
    public async Task Get_ElectionNotStarted_AnswersStandbyAndCountsInCamelCaseJson()
    {
        await using var host = await ApiTestHost.StartAsync();
        host.Checks.Set("n1", "ok", CheckStatus.Passing, "");
        host.Checks.Set("n1", "disk", CheckStatus.Critical, "99%");

        using var response = await host.Client.GetAsync(new Uri("v1/status", UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        root.EnumerateObject().Select(p => p.Name).ShouldBe(["version", "apiAddress", "leadership", "checks", "notifiers", "datacenters"]);
        root.GetProperty("apiAddress").GetString().ShouldBe($"127.0.0.1:{host.Client.BaseAddress!.Port}");
        root.GetProperty("version").GetString().ShouldBe(ProductInfo.Version);
        var leadership = root.GetProperty("leadership");
        leadership.GetProperty("role").GetString().ShouldBe("standby");
        leadership.GetProperty("sessionId").ValueKind.ShouldBe(JsonValueKind.Null);
        leadership.GetProperty("holder").ValueKind.ShouldBe(JsonValueKind.Null);
        var checks = root.GetProperty("checks");
        checks.GetProperty("tracked").GetInt32().ShouldBe(2);
        checks.GetProperty("pending").GetInt32().ShouldBe(0);
        checks.GetProperty("alerting").GetInt32().ShouldBe(1);
        var datacenter = root.GetProperty("datacenters").EnumerateArray().ShouldHaveSingleItem();
        datacenter.GetProperty("name").GetString().ShouldBe("dc1");
        datacenter.GetProperty("local").GetBoolean().ShouldBeTrue();
        datacenter.GetProperty("checks").GetInt32().ShouldBe(2);
    }

    [Fact]
    public void Build_SeveralDatacenters_EachWithItsTrackedChecks()
    {
        var view = new FakeCheckView();
        view.Set("n1", "ok", CheckStatus.Passing, "");
        view.Put(new CheckState { Current = CheckStatus.Critical, HealthCheck = new CheckInfo { Node = "n1", CheckId = "ok", Datacenter = "dc2" } });
        view.Put(new CheckState { Current = CheckStatus.Passing, HealthCheck = new CheckInfo { Node = "n2", CheckId = "ok", Datacenter = "dc2" } });
        var failing = Since.AddMinutes(-1);

        var report = StatusEndpoint.Build(Standby(), view, datacenters:
        [
            new DatacenterStatus("dc1", true, true, Since, 0, null, null),
            new DatacenterStatus("dc2", false, false, failing, 0, failing, "500 No path to datacenter"),
        ]);

        report.Datacenters.ShouldBe(
        [
            new DatacenterStatus("dc1", true, true, Since, 1, null, null),
            new DatacenterStatus("dc2", false, false, failing, 2, failing, "500 No path to datacenter"),
        ]);
    }

    [Fact]
    public async Task Get_Leading_AnswersLeaderWithItsSessionAsHolder()
    {
        await using var agent = await DevAgentServer.StartAsync(new DevAgentOptions());
        using var consul = ConsulClient.Create(new ConsulClientOptions { Address = agent.Address.ToString() });
        var self = new LockHolder { Host = "alerts-1", Pid = 4242, Address = "127.0.0.1:9000", Started = Since, Version = "test" };
        using var election = new LeaderElection(consul, "consul-alerts", self, new LeaderElectionOptions(), NullLogger<LeaderElection>.Instance, TimeProvider.System);
        await election.StartAsync(CancellationToken.None);
        try
        {
            var term = await election.WaitForTermAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
            await using var host = await ApiTestHost.StartAsync(election);

            using var response = await host.Client.GetAsync(new Uri("v1/status", UriKind.Relative));

            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var leadership = json.RootElement.GetProperty("leadership");
            leadership.GetProperty("role").GetString().ShouldBe("leader");
            leadership.GetProperty("sessionId").GetString().ShouldBe(term.SessionId);
            var holder = leadership.GetProperty("holder");
            holder.GetProperty("session").GetString().ShouldBe(term.SessionId);
            holder.GetProperty("host").GetString().ShouldBe("alerts-1");
            holder.GetProperty("pid").GetInt32().ShouldBe(4242);
            holder.GetProperty("address").GetString().ShouldBe("127.0.0.1:9000");
            leadership.GetProperty("lastContact").ValueKind.ShouldBe(JsonValueKind.String);
        }
        finally
        {
            await election.StopAsync(CancellationToken.None);
        }
    }

    private static LeadershipStatus Standby() => new(LeadershipRole.Standby, Since, null, null, null);

    private static CheckState State(string node, string checkId, string current, string pending) => new()
    {
        Current = current,
        Pending = pending,
        PendingTimestamp = Since,
        HealthCheck = new CheckInfo { Node = node, CheckId = checkId, Status = pending },
    };
}
