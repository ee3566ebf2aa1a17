using ConsulAlerts.Notifications;
using ConsulAlerts.Notifications.Summary;
using ConsulAlerts.Tests.Notifications.Testing;

namespace ConsulAlerts.Tests.Notifications.Summary;

public sealed class BatchSummaryTests
{
    [Theory]
    [InlineData(new[] { "passing", "critical", "warning" }, "CRITICAL", 1, 1, 1)]
    [InlineData(new[] { "passing", "warning", "warning" }, "UNSTABLE", 0, 2, 1)]
    [InlineData(new[] { "passing", "passing" }, "HEALTHY", 0, 0, 2)]
    [InlineData(new[] { "maintenance" }, "HEALTHY", 0, 0, 0)]
    public void From_Statuses_GivesSystemStatusAndCounts(string[] statuses, string system, int fail, int warn, int pass)
    {
        var messages = statuses.Select(s => new Message { Status = s }).ToList();

        BatchSummary.From(messages).ShouldBe(new BatchSummary(system, fail, warn, pass));
    }

    [Fact]
    public void Title_IsClusterIsStatus() =>
        new BatchSummary(BatchSummary.Unstable, 0, 1, 0).Title("prod").ShouldBe("prod is UNSTABLE");

    [Fact]
    public void PlainText_IsTheGoDaemonsText()
    {
        var text = BatchSummary.PlainText("Consul Alerts", HttpNotifierTesting.CriticalAndPassing());

        text.ShouldBe(
            "Consul Alerts is CRITICAL.\n\nFail: 1, Warn: 0, Pass: 1\n" +
            "\nnode1:web:HTTP on :80 is critical.\nHTTP GET http://10.0.0.1/: 500" +
            "\nnode2::Serf Health Status is passing.\nAgent alive and reachable");
    }

    [Theory]
    [InlineData(false, "dc2", "node1:web:HTTP on :80 is critical")]
    [InlineData(true, "dc2", "[dc2] node1:web:HTTP on :80 is critical")]
    [InlineData(true, "", "node1:web:HTTP on :80 is critical")]
    public void Headline_SeveralDatacentersWatched_LedByTheDatacenter(bool names, string datacenter, string expected)
    {
        var message = HttpNotifierTesting.CriticalAndPassing()[0] with { Datacenter = datacenter, NamesDatacenter = names };

        BatchSummary.Headline(message).ShouldBe(expected);
    }
}
