using System.Text.RegularExpressions;
using ConsulAlerts.Tests.EndToEnd;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ConsulAlerts.Tests.Dashboard;

/// <summary>
/// The dashboard in real headless Chromium (Debian's, at <see cref="ChromiumPath"/>) against the real daemon and the
/// dev agent: what an operator sees, with every console error and failed request counted as a failure.
/// </summary>
public sealed class DashboardBrowserTests
{
    private const float Patience = 45_000;

    /// <summary>Debian's chromium; <c>CONSUL_ALERTS_TEST_CHROMIUM</c> points elsewhere.</summary>
    private static string ChromiumPath => Environment.GetEnvironmentVariable("CONSUL_ALERTS_TEST_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    [Fact]
    public async Task Dashboard_SilenceCreatedThroughTheForm_ListedWithTheCheckItMutesThenExpired()
    {
        File.Exists(ChromiumPath).ShouldBeTrue($"Chromium is needed for the dashboard tests and was not found at {ChromiumPath}: install Debian's chromium (apt-get install -y chromium)");
        await using var harness = await EngineHarness.StartAsync();
        await harness.PutAsync("consul-alerts/config/checks/change-threshold", "1");
        await harness.RegisterTtlCheckAsync("web", "web-ttl");
        await harness.StartDaemonAsync("web", "web-ttl");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
        var problems = Watch(page);
        await page.GotoAsync($"http://127.0.0.1:{harness.AlertPort}/");
        await harness.SetCheckAsync("web-ttl", "fail", "down");
        await Expect(page.Locator("#checks tr.check[data-check-id='web-ttl'] .badge.critical")).ToHaveTextAsync("critical", new() { Timeout = Patience });
        await Expect(page.Locator("#silences")).ToContainTextAsync("No active or pending silence.");

        await page.Locator("#silence-matchers").FillAsync("check=web-ttl service=~\"web|api\"");
        await page.Locator("#silence-author").FillAsync("ops");
        await page.Locator("#silence-comment").FillAsync("maintenance window");
        await page.Locator("#silence-create").ClickAsync();

        var row = page.Locator("#silences tr.silence");
        await Expect(row).ToHaveCountAsync(1, new() { Timeout = Patience });
        await Expect(row.Locator(".badge").First).ToHaveTextAsync("active");
        await Expect(row).ToContainTextAsync("check=\"web-ttl\"");
        await Expect(row).ToContainTextAsync("service=~\"web|api\"");
        await Expect(row).ToContainTextAsync("ops");
        await Expect(row).ToContainTextAsync("maintenance window");
        await Expect(row.Locator("td.mutes")).ToContainTextAsync("web-ttl", new() { Timeout = Patience });
        await Expect(page.Locator("#silence-errors")).ToBeEmptyAsync();
        using var api = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{harness.AlertPort}/") };
        var endsBefore = EndOfOnlySilence(await api.GetStringAsync(new Uri("v1/silences", UriKind.Relative)));

        await row.Locator("button.extend").ClickAsync();

        await Eventually.ShouldHoldAsync(
            async () => EndOfOnlySilence(await api.GetStringAsync(new Uri("v1/silences", UriKind.Relative))) >= endsBefore.AddMinutes(59),
            "the silence ending an hour later, updated in place",
            TimeSpan.FromMilliseconds(Patience));
        await Expect(page.Locator("#silences tr.silence")).ToHaveCountAsync(1);
        // The page shows the new end before the next click: the row is drawn again with it, and a click while that
        // moves the buttons could land on the wrong one.
        var endsAfter = System.Text.Json.JsonDocument.Parse(await api.GetStringAsync(new Uri("v1/silences", UriKind.Relative)))
            .RootElement[0].GetProperty("endsAt").GetString()!;
        await Expect(row.Locator("time").First).ToHaveAttributeAsync("datetime", endsAfter, new() { Timeout = Patience });

        await row.Locator("button.expire").ClickAsync();

        await Expect(page.Locator("#silences tr.silence")).ToHaveCountAsync(0, new() { Timeout = Patience });
        await Expect(page.Locator("#silences")).ToContainTextAsync("No active or pending silence.");
        var all = await api.GetStringAsync(new Uri("v1/silences", UriKind.Relative));
        all.ShouldContain("\"state\":\"expired\"", customMessage: "expired, and kept for the retention period");
        lock (problems)
        {
            problems.ShouldBeEmpty();
        }
    }

    [Fact]
    public async Task Dashboard_FailingCheck_ShowsRoleCheckDeliveryConfigAndBlacklistWithoutErrors()
    {
        File.Exists(ChromiumPath).ShouldBeTrue($"Chromium is needed for the dashboard tests and was not found at {ChromiumPath}: install Debian's chromium (apt-get install -y chromium)");
        const string hostile = "<script>window.injected = 1</script><b>bold</b> & more";

        await using var harness = await EngineHarness.StartAsync();
        await harness.PutAsync("consul-alerts/config/checks/change-threshold", "3");
        await harness.PutAsync("consul-alerts/config/checks/blacklist/nodes/muted-node", "");
        await harness.PutAsync("consul-alerts/config/checks/blacklist/checks", "[\"^noisy-.*$\"]");
        await harness.PutAsync("consul-alerts/config/checks/blacklist/service-tags/canary", "");
        await harness.PutAsync("consul-alerts/config/checks/node/other/change-threshold", "soon");
        // A secret pasted where a boolean belongs: reported by key, never shown.
        await harness.PutAsync("consul-alerts/config/notifiers/slack/detailed", "hunter2-secret");
        // A check that stays pending for the whole test: the page says when it will fire.
        await harness.PutAsync("consul-alerts/config/checks/check/slow-ttl/change-threshold", "600");
        await harness.RegisterTtlCheckAsync("web", "web-ttl");
        await harness.RegisterTtlCheckAsync("slow", "slow-ttl");
        await harness.StartDaemonAsync("web", "web-ttl");

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
        var problems = Watch(page);

        await page.GotoAsync($"http://127.0.0.1:{harness.AlertPort}/");

        await Expect(page.Locator("#role")).ToHaveTextAsync("leader", new() { Timeout = Patience });
        await Expect(page.Locator("#holder")).Not.ToHaveTextAsync("none", new() { Timeout = Patience });
        await Expect(page.Locator("#consul")).ToContainTextAsync("last contact", new() { Timeout = Patience });
        await Expect(page.Locator("#cluster")).ToHaveTextAsync("leader ok · 1 servers, failure tolerance 0", new() { Timeout = Patience });
        await Expect(page.Locator("#datacenters [data-datacenter='dc1']")).ToContainTextAsync(new Regex("^dc1 \\(own\\): [0-9]+ checks$"), new() { Timeout = Patience });

        await harness.SetCheckAsync("slow-ttl", "warn", "slow to answer");
        var slow = page.Locator("#checks tr.check[data-check-id='slow-ttl']");
        await Expect(slow.Locator(".badge.pending")).ToHaveTextAsync("pending warning", new() { Timeout = Patience });
        await Expect(slow).ToContainTextAsync(new Regex("fires in (9m|10m)"));
        await Expect(slow).ToContainTextAsync("threshold 10m 0s");

        await harness.SetCheckAsync("web-ttl", "fail", hostile);
        var row = page.Locator("#checks tr.check[data-check-id='web-ttl']");
        await Expect(row).ToBeVisibleAsync(new() { Timeout = Patience });
        await Expect(row.Locator(".badge.critical, .badge.pending").First).ToBeVisibleAsync();
        await Expect(row.Locator(".badge.critical")).ToHaveTextAsync("critical", new() { Timeout = Patience });
        await Expect(row).ToContainTextAsync("critical for");

        // Untrusted output is text: the markup shows literally and nothing of it runs or renders.
        await Expect(row.Locator("pre.output")).ToHaveTextAsync(hostile);
        (await row.Locator("pre.output b").CountAsync()).ShouldBe(0);
        (await page.EvaluateAsync<bool>("() => window.injected === undefined")).ShouldBeTrue();

        var delivery = page.Locator("#notifiers .notifier[data-notifier='log'] tr.delivery[data-outcome='delivered']");
        await Expect(delivery.First).ToBeVisibleAsync(new() { Timeout = Patience });
        await Expect(delivery.First).ToContainTextAsync(AgentClient.CheckName("web-ttl"));
        await Expect(page.Locator("#notifiers .notifier[data-notifier='log'] .counters")).ToContainTextAsync("sent 1", new() { Timeout = Patience });

        await Expect(page.Locator("#config-errors tr[data-key='consul-alerts/config/checks/node/other/change-threshold']")).ToBeVisibleAsync();
        await Expect(page.Locator("#config-errors tr[data-key='consul-alerts/config/notifiers/slack/detailed']")).ToBeVisibleAsync();
        await Expect(page.Locator("#blacklist")).ToContainTextAsync("muted-node");
        await Expect(page.Locator("#blacklist")).ToContainTextAsync("/^noisy-.*$/");
        await Expect(page.Locator("#blacklist")).ToContainTextAsync("canary");
        (await page.ContentAsync()).ShouldNotContain("hunter2");

        string screenshot = Path.Combine(AppContext.BaseDirectory, "TestResults", "dashboard.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        File.Delete(screenshot);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
        new FileInfo(screenshot).Length.ShouldBeGreaterThan(0);

        // A few more refreshes, so an error in a later render is caught too.
        string updated = await page.Locator("#updated").TextContentAsync() ?? "";
        await Expect(page.Locator("#updated")).Not.ToHaveTextAsync(updated, new() { Timeout = Patience });
        lock (problems)
        {
            problems.ShouldBeEmpty();
        }
    }

    private static DateTimeOffset EndOfOnlySilence(string silences) =>
        DateTimeOffset.Parse(
            System.Text.Json.JsonDocument.Parse(silences).RootElement.EnumerateArray().Single().GetProperty("endsAt").GetString()!,
            System.Globalization.CultureInfo.InvariantCulture);

    private static Task<IBrowser> LaunchAsync(IPlaywright playwright) =>
        playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--headless=new", "--disable-gpu", "--no-first-run", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-quic"],
            Timeout = 60_000,
        });

    // Every console error or warning, page error, failed request and HTTP error, as a failure to assert on.
    private static List<string> Watch(IPage page)
    {
        var problems = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                lock (problems)
                {
                    problems.Add($"console {message.Type}: {message.Text}");
                }
            }
        };
        page.PageError += (_, error) => { lock (problems) { problems.Add($"page error: {error}"); } };
        page.RequestFailed += (_, request) => { lock (problems) { problems.Add($"request failed: {request.Url} {request.Failure}"); } };
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                lock (problems)
                {
                    problems.Add($"HTTP {response.Status}: {response.Url}");
                }
            }
        };
        return problems;
    }
}
