using System.Text;

namespace ConsulAlerts.Tests.EndToEnd;

/// <summary>
/// Consul's size limits in the real daemon: many checks with large outputs failing together, and one with an output
/// far over any limit, are all notified, each once; nothing waits behind them.
/// </summary>
public sealed class SizeLimitsEndToEndTests
{
    private const string Node = "web-node";
    private const int HtmlChecks = 64;

    [Fact]
    public async Task SixtyFourChecksWith4KiBHtmlAnd1MiBOutputFailTogether_AllNotifiedAndTheHugeOneTruncated()
    {
        await using var cluster = await ClusterHarness.CreateAsync(new ClusterOptions { Daemons = 1, ChangeThresholdSeconds = 2 });
        await using var receiver = await FlakyReceiver.StartAsync();
        await cluster.Consul.PutAsync("consul-alerts/config/notifiers/webhook/enabled", "true");
        await cluster.Consul.PutAsync("consul-alerts/config/notifiers/webhook/url", receiver.Url("/hook"));
        await cluster.StartAllAsync();

        // An HTTP check's error page: every '<', '>' and '"' is six bytes in JSON, and base64 adds a third.
        var page = ErrorPage(4096);
        var huge = new string('x', 1024 * 1024);
        var checks = Enumerable.Range(0, HtmlChecks).Select(i => $"http-{i}").Append("huge").ToList();
        await cluster.Consul.RegisterNodeChecksAsync(Node, checks.Select(c => (c, "passing", "HTTP GET: 200 OK")));
        await cluster.Consul.RegisterNodeChecksAsync("db-node", [("unrelated", "passing", "ok")]);
        await cluster.WaitUntilAsync(async () => await cluster.Consul.KeyExistsAsync($"consul-alerts/checks/{Node}/_/huge"), "the checks tracked");

        await cluster.Consul.RegisterNodeChecksAsync(Node, checks.Select(c => (c, "critical", c == "huge" ? huge : page)));
        await cluster.Consul.RegisterNodeChecksAsync("db-node", [("unrelated", "critical", "connection refused")]);
        cluster.Record("66 checks critical");

        // Everything is notified through both notifiers, nothing held up by the large outputs. The patience only
        // guards against a hang (a machine under load may take a while), it asserts no speed; a batch refused as too
        // large would never be notified at all.
        await cluster.WaitUntilAsync(
            () => checks.Append("unrelated").All(c => cluster.Notified(c, "critical") >= 1 && receiver.Accepted(c, "critical") >= 1),
            "all 66 checks notified", TimeSpan.FromSeconds(120));

        var hugeOutput = receiver.Requests.SelectMany(r => r.Messages).First(m => m.CheckId == "huge").Output;
        var stored = await cluster.Consul.GetRawAsync($"consul-alerts/checks/{Node}/_/huge") ?? "";
        await cluster.Consul.RegisterNodeChecksAsync("db-node", [("unrelated", "passing", "ok")]);
        await cluster.WaitUntilAsync(() => cluster.Notified("unrelated", "passing") == 1, "a later change is notified too");
        await cluster.WaitUntilAsync(async () => (await cluster.Consul.KeysAsync("consul-alerts/outbox/")).Count == 0, "the outbox emptied");

        string context = await cluster.DescribeAsync();
        checks.Append("unrelated").Where(c => cluster.Notified(c, "critical") != 1 || receiver.Accepted(c, "critical") != 1).ShouldBeEmpty("each check notified once\n" + context);
        Encoding.UTF8.GetByteCount(hugeOutput).ShouldBeLessThanOrEqualTo(8 * 1024, context);
        hugeOutput.ShouldStartWith("xxxx", Case.Sensitive, context);
        hugeOutput.ShouldContain("… [truncated ", Case.Sensitive, context);
        stored.ShouldContain("[truncated ", Case.Sensitive, context);
        receiver.Requests.SelectMany(r => r.Messages).Where(m => m.CheckId == "http-0").ShouldAllBe(m => m.Output == page, context);
        // The refusal's own wording, not a bare "413" that any timestamp, index or session id may contain.
        cluster.Daemons[0].Process.Output.ShouldNotContain("failed: 413", Case.Sensitive, context);
        cluster.Daemons[0].Process.Output.ShouldNotContain("as too large", Case.Sensitive, context);
    }

    private static string ErrorPage(int size)
    {
        var page = new StringBuilder("<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body>");
        while (page.Length < size)
        {
            page.Append("<p class=\"err\">upstream &lt;timed out&gt;</p>");
        }

        return page.ToString()[..size];
    }
}
