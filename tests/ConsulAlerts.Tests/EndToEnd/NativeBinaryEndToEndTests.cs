using System.Globalization;
using System.Net;
using System.Text.Json;
using ConsulAlerts.Cli;
using ConsulAlerts.Tests.Cli;
using ConsulAlerts.Tests.Notifications.Testing;

namespace ConsulAlerts.Tests.EndToEnd;

/// <summary>
/// The native (AOT) binary, as the container image ships it, end to end: its commands, its API, notifications through
/// the log, email and http-endpoint notifiers (the latter two render Go templates), the demo, and a clean SIGTERM. The
/// publish is shared with the Dockerfile test (once per run), then one dev agent and one daemon serve the class.
/// </summary>
[Trait("Category", "Slow")]
public sealed class NativeBinaryEndToEndTests(NativeDaemonFixture native) : IClassFixture<NativeDaemonFixture>
{
    [Fact]
    public async Task Version_NativeBinary_PrintsNameAndVersion()
    {
        using var version = native.Run("--version");

        (await version.WaitForExitAsync(TimeSpan.FromSeconds(30))).ShouldBe(ExitCodes.Success, version.Output);
        version.Stdout.ShouldStartWith("consul-alerts 0.");
    }

    [Fact]
    public async Task ConfigValidate_ExampleFile_Valid()
    {
        using var validate = native.Run("config", "validate", RepositoryRoot.File("config", "consul-kv.json"));

        (await validate.WaitForExitAsync(TimeSpan.FromSeconds(30))).ShouldBe(ExitCodes.Success, validate.Output);
        validate.Stdout.ShouldContain(": valid (");
    }

    [Fact]
    public async Task Info_RunningDaemon_201WithVersionHeaderAndJsonBody()
    {
        using var client = TestNetwork.NewClient();

        using var response = await client.GetAsync(new Uri(native.Api, "v1/info"));

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        response.Headers.GetValues("version").ShouldHaveSingleItem().ShouldStartWith("0.");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        body.RootElement.GetProperty("name").GetString().ShouldBe("consul-alerts");
    }

    [Fact]
    public async Task HealthCheck_RunningDaemon_Exit0()
    {
        using var probe = native.Run("healthcheck", $"--alert-addr=127.0.0.1:{native.AlertPort.ToString(CultureInfo.InvariantCulture)}");

        (await probe.WaitForExitAsync(TimeSpan.FromSeconds(30))).ShouldBe(ExitCodes.Success, probe.Output);
    }

    [Fact]
    public async Task Status_RunningDaemon_LeaderWithNotifiers()
    {
        using var client = TestNetwork.NewClient();

        await RoundTripAsync(); // notifiers are listed once they have had a delivery

        using var status = JsonDocument.Parse(await client.GetStringAsync(new Uri(native.Api, "v1/status")));

        status.RootElement.GetProperty("leadership").GetProperty("role").GetString().ShouldBe("leader");
        status.RootElement.GetProperty("notifiers").EnumerateArray().Select(n => n.GetProperty("name").GetString())
            .ShouldBe(["email", "http-endpoint", "log"], ignoreOrder: true);
    }

    [Fact]
    public async Task Metrics_RunningDaemon_PrometheusText()
    {
        using var client = TestNetwork.NewClient();

        using var response = await client.GetAsync(new Uri(native.Api, "metrics"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/plain");
        string text = await response.Content.ReadAsStringAsync();
        text.ShouldContain("# TYPE consul_alerts_");
        text.ShouldContain("consul_alerts_consul_requests_total{");
    }

    [Fact]
    public async Task Dashboard_RunningDaemon_PageAndData()
    {
        using var client = TestNetwork.NewClient();

        using var page = await client.GetAsync(native.Api);
        using var data = await client.GetAsync(new Uri(native.Api, "v1/dashboard"));

        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        page.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        (await page.Content.ReadAsStringAsync()).ShouldContain("<title>consul-alerts</title>");
        data.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var json = JsonDocument.Parse(await data.Content.ReadAsStringAsync());
        json.RootElement.ValueKind.ShouldBe(JsonValueKind.Object);
    }

    [Fact]
    public async Task FailingCheck_NativeDaemon_NotifiedOnceThroughLogEmailAndTemplatedHttpEndpoint()
    {
        await RoundTripAsync();

        native.LogLines().Count(l => l.Contains("Check=web-ttl check, Status=critical", StringComparison.Ordinal)).ShouldBe(1);
        native.Smtp.Mails.Count(m => Mailed(m, "critical")).ShouldBe(1);
        var hooks = native.Receiver.Requests.Where(r => r.PathAndQuery == "/hook").Select(r => r.Json()).ToList();
        hooks.Count(h => h.GetProperty("text").GetString() == "web-ttl check is critical;").ShouldBe(1);
        hooks[0].GetProperty("summary").GetString().ShouldBe("CRITICAL fail=1 pass=0");
        hooks.ShouldContain(h => h.GetProperty("text").GetString() == "web-ttl check is passing;" && h.GetProperty("summary").GetString() == "HEALTHY fail=0 pass=1");
    }

    [Fact]
    public async Task Dev_NativeBinary_NotifiesWithoutOpenSslAndExits0OnSigterm()
    {
        using var files = new TempFiles();
        string notifications = Path.Combine(files.Directory, DevCommand.DemoFolderName, DevCommand.NotificationLogName);
        using var dev = native.Run(
            new Dictionary<string, string> { ["TMPDIR"] = files.Directory },
            "dev", "--consul-port=0", "--alert-addr=127.0.0.1:0");

        await Eventually.ShouldHoldAsync(
            () => Task.FromResult(File.Exists(notifications) && File.ReadAllText(notifications).Contains("Service=web, Check=HTTP on :8080, Status=critical", StringComparison.Ordinal)),
            "the demo's first notification in " + notifications,
            NativeDaemonFixture.Patience,
            () => dev.ExitCode is { } code ? $"consul-alerts dev exited with {code}" : null,
            () => Task.FromResult(dev.Output));

        // OpenSSL costs about 4 MB resident; with plain-HTTP Consul and the log notifier nothing needs it (outbox keys
        // are not SHA-256 digests), so it must not be loaded; notifiers that use TLS load it when they
        // need it.
        var libraries = File.ReadAllLines($"/proc/{dev.Id}/maps")
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Where(f => f.Length >= 6).Select(f => Path.GetFileName(f[5])).Distinct().ToList();
        libraries.ShouldNotContain(l => l.StartsWith("libssl", StringComparison.Ordinal) || l.StartsWith("libcrypto", StringComparison.Ordinal), string.Join(", ", libraries));

        await dev.SignalAsync("TERM");

        (await dev.WaitForExitAsync(TimeSpan.FromSeconds(30))).ShouldBe(ExitCodes.Success, dev.Output);
    }

    [Fact]
    public async Task Start_Sigterm_Exit0AndLeaderLockReleased()
    {
        // A second daemon with a prefix of its own, so the class's daemon keeps running for the other tests.
        const string Prefix = "native-sigterm";
        await native.Consul.PutAsync($"{Prefix}/config/notifiers/log/path", Path.Combine(native.TempDirectory, "sigterm.log"));
        using var daemon = native.Run("start", "--alert-addr=127.0.0.1:0", $"--consul-addr={native.AgentAddress.Authority}", $"--kv-prefix={Prefix}");
        await Eventually.ShouldHoldAsync(
            async () => await native.Consul.LockSessionAsync($"{Prefix}/leader") is not null,
            "the second daemon's leader lock", NativeDaemonFixture.Patience,
            () => daemon.ExitCode is { } code ? $"the daemon exited with {code}" : null,
            () => Task.FromResult(daemon.Output));

        await daemon.SignalAsync("TERM");

        (await daemon.WaitForExitAsync(TimeSpan.FromSeconds(30))).ShouldBe(ExitCodes.Success, daemon.Output);
        (await native.Consul.LockSessionAsync($"{Prefix}/leader")).ShouldBeNull("a clean shutdown releases the lock");
    }

    // The built-in email template (a Go template too) names the check; the subject carries the batch's system status.
    /// <summary>
    /// The fixture check fails and recovers, each change notified by log, email and http-endpoint; once for the class,
    /// so the tests that need deliveries do not depend on their order.
    /// </summary>
    private Task RoundTripAsync() => native.OnceAsync("round trip", async () =>
    {
        await native.Consul.SetCheckAsync(NativeDaemonFixture.CheckId, "fail", "down");
        await native.UntilAsync(() => Task.FromResult(Delivered("critical")), "the critical notification by log, email and http-endpoint");

        // Proof that the daemon moved on, before counting: the recovery is notified everywhere too.
        await native.Consul.SetCheckAsync(NativeDaemonFixture.CheckId, "pass", "up");
        await native.UntilAsync(() => Task.FromResult(Delivered("passing")), "the passing notification by log, email and http-endpoint");
    });

    private static bool Mailed(ReceivedMail mail, string status) =>
        mail.Body.Contains("web-ttl check", StringComparison.Ordinal)
        && mail.Header("Subject") == (status == "critical" ? "Consul Alerts is CRITICAL" : "Consul Alerts is HEALTHY");

    private bool Delivered(string status) =>
        native.LogLines().Any(l => l.Contains($"Check=web-ttl check, Status={status}", StringComparison.Ordinal))
        && native.Smtp.Mails.Any(m => Mailed(m, status))
        && native.Receiver.Requests.Any(r => r.PathAndQuery == "/hook" && r.Json().GetProperty("text").GetString() == $"web-ttl check is {status};");
}
