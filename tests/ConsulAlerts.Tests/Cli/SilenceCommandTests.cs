using System.Text.Json;
using ConsulAlerts.Cli;
using ConsulAlerts.Consul;
using ConsulAlerts.Consul.Http;
using ConsulAlerts.DevAgent;
using ConsulAlerts.Tests.Api;

namespace ConsulAlerts.Tests.Cli;

/// <summary>The silence commands against the API in process, writing to the dev agent, on a virtual clock for --duration.</summary>
public sealed class SilenceCommandTests : IAsyncLifetime
{
    private const string Token = "cli-test-token";
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;
    private DevAgentServer _agent = null!;
    private ConsulClient _consul = null!;
    private ApiTestHost _host = null!;
    private string _address = "";

    public async Task InitializeAsync()
    {
        _agent = await DevAgentServer.StartAsync();
        _consul = ConsulClient.Create(new ConsulClientOptions { Address = _agent.Address.ToString() });
        _host = await ApiTestHost.StartAsync(apiToken: Token, consul: _consul);
        _address = "--alert-addr=" + _host.Client.BaseAddress!.Authority;
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _consul.Dispose();
        await _agent.DisposeAsync();
    }

    [Fact]
    public async Task AddListExportImportExpire_RoundTrip()
    {
        _host.Checks.Add("web-1", "api", "service:api", "critical", "critical");
        using var add = Harness();

        var added = await add.RunAsync("silence", "add", "node=web-1", "check!~^_", "--comment=deploy of api", "--duration=2h", _address);

        added.ShouldBe(ExitCodes.Success, add.Stderr);
        var id = add.Stdout.Trim();
        _host.Silences.TryGet(id, out var stored).ShouldBeTrue();
        stored.Silence.CreatedBy.ShouldBe("alice", "the author defaults to USER");
        stored.Silence.EndsAt.ShouldBe(Now.AddHours(2), TimeSpan.FromSeconds(1));
        stored.Silence.Matchers[1]!.IsEqual.ShouldBeFalse();

        using var list = Harness();
        (await list.RunAsync("silence", "list", _address)).ShouldBe(ExitCodes.Success, list.Stderr);
        var lines = list.Stdout.TrimEnd().Split('\n');
        lines[0].ShouldStartWith("ID");
        lines[0].ShouldContain("MATCHERS");
        lines[1].ShouldStartWith(id);
        lines[1].ShouldContain("active");
        lines[1].ShouldContain("node=\"web-1\" check!~\"^_\"");
        lines[1].ShouldContain("alice");
        lines[1].ShouldEndWith("deploy of api");

        using var export = Harness();
        (await export.RunAsync("silence", "export", _address)).ShouldBe(ExitCodes.Success, export.Stderr);
        var exported = JsonDocument.Parse(export.Stdout).RootElement;
        exported.GetArrayLength().ShouldBe(1);
        exported[0].GetProperty("id").GetString().ShouldBe(id);
        exported[0].TryGetProperty("mutes", out _).ShouldBeFalse("export holds the stored shape only");

        using var import = Harness(stdin: export.Stdout);
        (await import.RunAsync("silence", "import", "-", _address)).ShouldBe(ExitCodes.Success, import.Stderr);
        import.Stdout.ShouldStartWith("#1 imported as ");
        _host.Silences.All.Count.ShouldBe(2);

        using var expire = Harness();
        (await expire.RunAsync("silence", "expire", id, _address)).ShouldBe(ExitCodes.Success, expire.Stderr);
        expire.Stdout.ShouldBe($"expired {id}\n");
        _host.Silences.TryGet(id, out var expired).ShouldBeTrue();
        expired.Silence.EndsAt.ShouldBeLessThanOrEqualTo(DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task Import_SomeInvalid_ReportsEachByPositionAndCreatesTheRest()
    {
        var ends = DateTimeOffset.UtcNow.AddHours(1).ToString("O");
        var file = $$"""
            [
              {"matchers":[{"name":"node","value":"a"}],"endsAt":"{{ends}}","createdBy":"ops","comment":"one"},
              {"matchers":[{"name":"foo","value":"a"}],"endsAt":"{{ends}}","createdBy":"ops"},
              {"matchers":[{"name":"node","value":"c"}],"endsAt":"{{ends}}","createdBy":"ops","comment":"three"}
            ]
            """;
        using var harness = Harness(stdin: file);

        var code = await harness.RunAsync("silence", "import", _address);

        code.ShouldBe(ExitCodes.Failure);
        harness.Stdout.ShouldContain("#1 imported as ");
        harness.Stdout.ShouldContain("#3 imported as ");
        harness.Stderr.ShouldContain("consul-alerts: silence #2: matchers[0].name: unknown label 'foo'");
        harness.Stderr.ShouldContain("consul-alerts: silence #2: comment: required");
        _host.Silences.All.Count.ShouldBe(2);
    }

    [Fact]
    public async Task Update_DurationThenMatchers_ChangesWhatIsGivenAndKeepsTheRest()
    {
        using var add = Harness();
        await add.RunAsync("silence", "add", "node=web-1", "check!~^_", "--comment=kernel upgrade", "--duration=1h", _address);
        var id = add.Stdout.Trim();

        using var extend = Harness();
        (await extend.RunAsync("silence", "update", id, "--duration=3h", _address)).ShouldBe(ExitCodes.Success, extend.Stderr);
        using var narrow = Harness(user: "bob");
        (await narrow.RunAsync("silence", "update", id, "node=web-1", "check=service:api", "--comment=only the api", _address)).ShouldBe(ExitCodes.Success, narrow.Stderr);

        extend.Stdout.ShouldBe(id + "\n");
        _host.Silences.All.ShouldHaveSingleItem();
        _host.Silences.TryGet(id, out var stored).ShouldBeTrue();
        stored.Silence.EndsAt.ShouldBe(Now.AddHours(3), TimeSpan.FromSeconds(1), "--duration counts from now; the later update kept it");
        stored.Silence.Matchers.Select(m => $"{m!.Name}{(m.IsEqual ? "=" : "!=")}{m.Value}").ShouldBe(["node=web-1", "check=service:api"]);
        stored.Silence.Comment.ShouldBe("only the api");
        stored.Silence.CreatedBy.ShouldBe("alice", "the author stays unless --author is given");
    }

    [Fact]
    public async Task Update_UnknownId_Exit1NamingIt()
    {
        using var harness = Harness();

        var code = await harness.RunAsync("silence", "update", "0123abcd-4567-89ab-cdef-0123456789ab", "--duration=1h", _address);

        code.ShouldBe(ExitCodes.Failure);
        harness.Stderr.ShouldContain("silence 0123abcd-4567-89ab-cdef-0123456789ab: id: no silence");
    }

    [Fact]
    public async Task Expire_UnknownId_Exit1NamingIt()
    {
        using var harness = Harness();

        var code = await harness.RunAsync("silence", "expire", "0123abcd-4567-89ab-cdef-0123456789ab", _address);

        code.ShouldBe(ExitCodes.Failure);
        harness.Stderr.ShouldContain("silence 0123abcd-4567-89ab-cdef-0123456789ab: id: no silence");
    }

    [Fact]
    public async Task Add_Token_FromTheOptionOrTheEnvironment_ElseRefused()
    {
        using var option = new CliHarness(new Dictionary<string, string> { ["USER"] = "bob" });
        using var without = new CliHarness(new Dictionary<string, string> { ["USER"] = "bob" });

        (await option.RunAsync("silence", "add", "node=a", "--comment=c", "--api-token=" + Token, _address)).ShouldBe(ExitCodes.Success, option.Stderr);
        (await without.RunAsync("silence", "add", "node=a", "--comment=c", _address)).ShouldBe(ExitCodes.Failure);
        without.Stderr.ShouldContain("401");
        _host.Silences.All.ShouldHaveSingleItem().Silence.CreatedBy.ShouldBe("bob");
    }

    [Theory]
    [InlineData("silence add --comment=c", "needs at least one matcher")]
    [InlineData("silence add web-1 --comment=c", "is not a matcher")]
    [InlineData("silence add node=a", "needs --comment")]
    [InlineData("silence add node=a --comment=c --duration=soon", "invalid --duration")]
    [InlineData("silence add node=a --comment=c --duration=1h --end=2030-01-01T00:00:00Z", "not both")]
    [InlineData("silence add node=a --comment=c --end=tomorrow", "invalid --end")]
    [InlineData("silence list --comment=c", "option of 'silence add' and 'silence update' only")]
    [InlineData("silence update --duration=1h", "needs the id of a silence")]
    [InlineData("silence update 0123abcd-4567-89ab-cdef-0123456789ab --duration=soon", "invalid --duration")]
    [InlineData("silence update 0123abcd-4567-89ab-cdef-0123456789ab web-1", "is not a matcher")]
    [InlineData("silence expire", "needs the ids")]
    [InlineData("silence mute", "silence needs 'add', 'update', 'list', 'expire', 'import' or 'export'")]
    [InlineData("silence list extra", "unexpected argument 'extra'")]
    public async Task BadCommandLine_Exit64(string line, string message)
    {
        using var harness = Harness();

        var code = await harness.RunAsync([.. line.Split(' '), _address]);

        code.ShouldBe(ExitCodes.Usage);
        harness.Stderr.ShouldContain(message);
    }

    [Fact]
    public async Task List_DaemonNotReachable_Exit2()
    {
        using var harness = Harness();

        var code = await harness.RunAsync("silence", "list", "--alert-addr=127.0.0.1:1");

        code.ShouldBe(ExitCodes.DaemonUnreachable);
        harness.Stderr.ShouldContain("not reachable");
    }

    [Fact]
    public async Task Import_MissingFile_Exit66()
    {
        using var harness = Harness();

        var code = await harness.RunAsync("silence", "import", "/nonexistent/silences.json", _address);

        code.ShouldBe(ExitCodes.NoInput);
    }

    private static CliHarness Harness(string stdin = "", string user = "alice")
    {
        var harness = new CliHarness(new Dictionary<string, string> { ["USER"] = user, ["CONSUL_ALERTS_API_TOKEN"] = Token }, stdin);
        harness.Context = harness.Context with { Time = new FakeTimeProvider(Now) };
        return harness;
    }
}
