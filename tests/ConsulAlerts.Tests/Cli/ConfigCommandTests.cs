using System.Text;
using ConsulAlerts.Cli;
using ConsulAlerts.DevAgent;

namespace ConsulAlerts.Tests.Cli;

public sealed class ConfigCommandTests
{
    private const string Root = "consul-alerts/config/";

    [Fact]
    public async Task Validate_Example_ValidExit0()
    {
        using var cli = new CliHarness();

        int exit = await cli.RunAsync("config", "validate", RepositoryRoot.File("config", "consul-kv.json"));

        exit.ShouldBe(ExitCodes.Success, cli.Stdout + cli.Stderr);
        cli.Stdout.ShouldContain("valid");
        cli.Stderr.ShouldBeEmpty();
    }

    // One bad value of each class the parser checks.
    [Theory]
    [InlineData("checks/enabled", "yes")]
    [InlineData("events/enabled", "off")]
    [InlineData("notifiers/slack/detailed", "yes")]
    [InlineData("checks/change-threshold", "30s")]
    [InlineData("checks/node/node1/change-threshold", "-5")]
    [InlineData("checks/single/node1/web/c1/change-threshold", "x")]
    [InlineData("notifiers/email/port", "many")]
    [InlineData("notifiers/email/receivers", "a@b")]
    [InlineData("notifiers/webhook/headers", "[1]")]
    [InlineData("notif-profiles/oncall", "{\"Interval\": 5,")]
    [InlineData("notif-profiles/oncall", "{\"Interval\": -5, \"NotifList\": {\"log\": true}}")]
    [InlineData("notif-profiles/oncall", "{\"NotifList\": {\"log\": true, \"nosuch\": true}}")]
    [InlineData("notif-profiles/oncall", "{\"NotifList\": {\"log\": true}, \"VarOverrides\": {\"email\": {\"port\": \"many\"}}}")]
    [InlineData("notif-selection/services", "{\"(unclosed\": \"default\"}")]
    [InlineData("notif-selection/services", "[\"^a\"]")]
    [InlineData("notif-selection/hosts/node1", "nosuch")]
    [InlineData("checks/blacklist/nodes", "[\"[bad\"]")]
    [InlineData("checks/blacklist/services", "^ok")]
    [InlineData("events/handlers", "/usr/bin/a")]
    [InlineData("notifiers/custom/pager", "")]
    [InlineData("notifiers/teams/url", "https://example.com")]
    [InlineData("notifiers/slack/colour", "red")]
    [InlineData("something/else", "x")]
    public async Task Validate_BadValue_ReportedWithKeyExit78(string key, string value)
    {
        using var files = new TempFiles();
        string path = files.Write("kv.json", ConfigFileContentsTests.Json(
            (Root + "checks/change-threshold", "30"),
            (Root + "notif-profiles/default", "{\"NotifList\": {\"log\": true}}"),
            (Root + key, value)));
        using var cli = new CliHarness();

        int exit = await cli.RunAsync("config", "validate", path);

        exit.ShouldBe(ExitCodes.Config);
        cli.Stdout.ShouldStartWith($"{Root}{key}: ");
        cli.Stderr.ShouldContain("1 problem");
    }

    [Fact]
    public async Task Validate_SeveralProblems_EveryOneReported()
    {
        using var files = new TempFiles();
        string path = files.Write("kv.json", ConfigFileContentsTests.Json(
            (Root + "checks/enabled", "yes"),
            (Root + "checks/change-threshold", "soon"),
            (Root + "notifiers/email/port", "many"),
            ("consul-alerts/leader", "")));
        using var cli = new CliHarness();

        int exit = await cli.RunAsync("config", "validate", path);

        exit.ShouldBe(ExitCodes.Config);
        string[] lines = cli.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lines.Length.ShouldBe(4, cli.Stdout);
        foreach (string key in new[] { Root + "checks/enabled", Root + "checks/change-threshold", Root + "notifiers/email/port", "consul-alerts/leader" })
        {
            lines.ShouldContain(l => l.StartsWith(key + ": ", StringComparison.Ordinal));
        }

        cli.Stderr.ShouldContain("4 problems");
    }

    [Fact]
    public async Task Validate_SecretInBadValue_NotPrinted()
    {
        using var files = new TempFiles();
        string path = files.Write("kv.json", ConfigFileContentsTests.Json((Root + "notifiers/slack/url", "[\"hunter2-secret\"]"), (Root + "notifiers/slack/secret-thing", "hunter2-secret")));
        using var cli = new CliHarness();

        await cli.RunAsync("config", "validate", path);

        (cli.Stdout + cli.Stderr).ShouldNotContain("hunter2");
    }

    [Fact]
    public async Task Validate_MissingFile_Exit66()
    {
        using var cli = new CliHarness();

        int exit = await cli.RunAsync("config", "validate", "/nonexistent/kv.json");

        exit.ShouldBe(ExitCodes.NoInput);
        cli.Stderr.ShouldContain("cannot read /nonexistent/kv.json");
    }

    [Fact]
    public async Task Import_KvPrefix_WritesUnderThatPrefix()
    {
        await using var agent = await DevAgentServer.StartAsync(new DevAgentOptions());
        using var files = new TempFiles();
        string path = files.Write("kv.json", ConfigFileContentsTests.Json((Root + "checks/change-threshold", "15")));
        using var cli = new CliHarness();

        int exit = await cli.RunAsync("config", "import", path, $"--consul-addr=127.0.0.1:{agent.Port}", "--kv-prefix=team-a/alerts");

        exit.ShouldBe(ExitCodes.Success, cli.Stderr);
        using var client = new EndToEnd.AgentClient(agent.Address);
        (await client.GetRawAsync("team-a/alerts/config/checks/change-threshold")).ShouldBe("15");
        (await client.KeyExistsAsync(Root + "checks/change-threshold")).ShouldBeFalse();
        using var export = new CliHarness();
        await export.RunAsync("config", "export", $"--consul-addr=127.0.0.1:{agent.Port}", "--kv-prefix=team-a/alerts");
        export.Stdout.ShouldContain("\"key\": \"team-a/alerts/config/checks/change-threshold\"");
    }

    [Fact]
    public async Task Import_InvalidFile_NothingWrittenExit78()
    {
        await using var agent = await DevAgentServer.StartAsync(new DevAgentOptions());
        using var files = new TempFiles();
        string path = files.Write("kv.json", ConfigFileContentsTests.Json((Root + "checks/enabled", "true"), (Root + "checks/change-threshold", "soon")));
        using var cli = new CliHarness();

        int exit = await cli.RunAsync("config", "import", path, $"--consul-addr=127.0.0.1:{agent.Port}");

        exit.ShouldBe(ExitCodes.Config);
        cli.Stdout.ShouldStartWith(Root + "checks/change-threshold: ");
        cli.Stderr.ShouldContain("nothing imported");
        using var client = new EndToEnd.AgentClient(agent.Address);
        (await client.KeysAsync("consul-alerts/")).ShouldBeEmpty();
    }

    [Fact]
    public async Task Export_NothingConfigured_EmptyArray()
    {
        await using var agent = await DevAgentServer.StartAsync(new DevAgentOptions());
        using var cli = new CliHarness();

        int exit = await cli.RunAsync("config", "export", $"--consul-addr=127.0.0.1:{agent.Port}");

        exit.ShouldBe(ExitCodes.Success);
        cli.Stdout.Trim().ShouldBe("[]");
    }

    [Fact]
    public async Task Export_ConsulUnreachable_Exit1()
    {
        int port = TestNetwork.FreePort();
        using var cli = new CliHarness();

        int exit = await cli.RunAsync("config", "export", $"--consul-addr=127.0.0.1:{port}");

        exit.ShouldBe(ExitCodes.Failure);
        cli.Stderr.ShouldContain($"cannot read from Consul");
    }

    [Theory]
    [InlineData("config")]
    [InlineData("config", "list")]
    [InlineData("config", "import")]
    [InlineData("config", "validate")]
    [InlineData("config", "export", "extra")]
    [InlineData("config", "export", "--port=1")]
    public async Task Config_BadCommandLine_Exit64(params string[] args)
    {
        using var cli = new CliHarness();

        (await cli.RunAsync(args)).ShouldBe(ExitCodes.Usage);
    }

    private static List<string> Describe(IEnumerable<KvExportEntry> entries) =>
        [.. entries.Select(e => $"{e.Key}|{e.Flags}|{Encoding.UTF8.GetString(e.Value)}")];
}
