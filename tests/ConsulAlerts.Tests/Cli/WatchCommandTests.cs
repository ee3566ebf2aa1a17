using System.Net;
using System.Net.Sockets;
using System.Text;
using ConsulAlerts.Cli;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ConsulAlerts.Tests.Cli;

public sealed class WatchCommandTests : IAsyncLifetime
{
    private const string ChecksPayload =
        """[{"Node":"node-ü","CheckID":"service:web","Name":"web","Status":"critical","Notes":"","Output":"HTTP GET http://web:80/: 503","ServiceID":"web","ServiceName":"web"}]""";

    private readonly List<ReceivedRequest> _received = [];
    private WebApplication? _receiver;
    private int _port;
    private int _statusCode = StatusCodes.Status200OK;
    private string _responseBody = "";

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Services.AddRoutingCore();
        _receiver = builder.Build();
        _receiver.Run(async context =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            lock (_received)
            {
                _received.Add(new ReceivedRequest(
                    context.Request.Method, context.Request.Path, context.Request.ContentType, body.ToArray(), context.Request.Headers.Authorization.ToString()));
            }

            context.Response.StatusCode = _statusCode;
            await context.Response.WriteAsync(_responseBody);
        });
        await _receiver.StartAsync();
        _port = new Uri(_receiver.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single()).Port;
    }

    public async Task DisposeAsync()
    {
        if (_receiver is not null)
        {
            await _receiver.DisposeAsync();
        }
    }

    [Theory]
    [InlineData("checks", "/v1/process/checks")]
    [InlineData("event", "/v1/process/events")]
    public async Task RunAsync_DaemonAccepts_PostsStdinAsJsonAndExits0(string target, string path)
    {
        using var cli = new CliHarness(stdin: ChecksPayload);

        int exit = await WatchCommand.RunAsync(ArgumentParser.Parse(["watch", target, $"--alert-addr=127.0.0.1:{_port}"]), cli.Context);

        exit.ShouldBe(ExitCodes.Success);
        cli.Stderr.ShouldBeEmpty();
        var request = _received.ShouldHaveSingleItem();
        request.Method.ShouldBe("POST");
        request.Path.ShouldBe(path);
        request.ContentType.ShouldBe("application/json");
        request.Body.ShouldBe(Encoding.UTF8.GetBytes(ChecksPayload));
    }

    [Fact]
    public async Task RunAsync_ApiTokenOption_SentAsBearerAndWinsOverEnvironment()
    {
        using var cli = new CliHarness(stdin: "[]", environment: new Dictionary<string, string> { ["CONSUL_ALERTS_API_TOKEN"] = "from-env" });

        int exit = await CommandLine.RunAsync(["watch", "checks", $"--alert-addr=127.0.0.1:{_port}", "--api-token=from-flag"], cli.Context);

        exit.ShouldBe(ExitCodes.Success);
        _received.ShouldHaveSingleItem().Authorization.ShouldBe("Bearer from-flag");
    }

    [Theory]
    [InlineData("from-env", "Bearer from-env")]
    [InlineData(null, "")]
    public async Task RunAsync_ApiTokenVariable_SentAsBearerWhenSet(string? token, string expected)
    {
        using var cli = new CliHarness(stdin: "[]", environment: token is null ? null : new Dictionary<string, string> { ["CONSUL_ALERTS_API_TOKEN"] = token });

        int exit = await CommandLine.RunAsync(["watch", "event", $"--alert-addr=127.0.0.1:{_port}"], cli.Context);

        exit.ShouldBe(ExitCodes.Success);
        _received.ShouldHaveSingleItem().Authorization.ShouldBe(expected);
    }

    [Fact]
    public async Task RunAsync_EmptyStdin_PostsEmptyBody()
    {
        using var cli = new CliHarness();

        int exit = await CommandLine.RunAsync(["watch", "event", "--alert-addr", $"127.0.0.1:{_port}"], cli.Context);

        exit.ShouldBe(ExitCodes.Success);
        _received.ShouldHaveSingleItem().Body.ShouldBeEmpty();
    }

    [Fact]
    public async Task RunAsync_DebugLevel_ReportsWhatWasPosted()
    {
        using var cli = new CliHarness(stdin: "[]");

        int exit = await WatchCommand.RunAsync(ArgumentParser.Parse(["watch", "checks", $"--alert-addr=127.0.0.1:{_port}", "--log-level=debug"]), cli.Context);

        exit.ShouldBe(ExitCodes.Success);
        cli.Stderr.ShouldContain($"posted 2 bytes to http://127.0.0.1:{_port}/v1/process/checks: 200");
    }

    [Theory]
    [InlineData(400, "invalid JSON payload")]
    [InlineData(404, "")]
    [InlineData(503, "not the leader")]
    public async Task RunAsync_DaemonAnswersError_Exits1WithStatusAndBody(int status, string body)
    {
        _statusCode = status;
        _responseBody = body;
        using var cli = new CliHarness(stdin: "{}");

        int exit = await WatchCommand.RunAsync(ArgumentParser.Parse(["watch", "checks", $"--alert-addr=127.0.0.1:{_port}"]), cli.Context);

        exit.ShouldBe(ExitCodes.Failure);
        cli.Stderr.ShouldStartWith($"consul-alerts: the daemon at http://127.0.0.1:{_port}/v1/process/checks answered {status}");
        cli.Stderr.ShouldContain(body);
    }

    [Fact]
    public async Task RunAsync_NothingListens_Exits2()
    {
        int port = TestNetwork.FreePort();
        using var cli = new CliHarness(stdin: "[]");

        int exit = await CommandLine.RunAsync(["watch", "checks", $"--alert-addr=127.0.0.1:{port}"], cli.Context);

        exit.ShouldBe(ExitCodes.DaemonUnreachable);
        cli.Stderr.ShouldStartWith($"consul-alerts: the consul-alerts daemon is not reachable at 127.0.0.1:{port}");
    }

    [Fact]
    public async Task RunAsync_DaemonNeverAnswers_Exits2AfterTimeout()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        int port = ((IPEndPoint)silent.LocalEndpoint).Port;
        using var cli = new CliHarness(stdin: "[]");
        cli.Context = cli.Context with { WatchTimeout = TimeSpan.FromMilliseconds(500) };

        int exit = await WatchCommand.RunAsync(ArgumentParser.Parse(["watch", "event", $"--alert-addr=127.0.0.1:{port}"]), cli.Context);

        exit.ShouldBe(ExitCodes.DaemonUnreachable);
        cli.Stderr.ShouldBe($"consul-alerts: the consul-alerts daemon at 127.0.0.1:{port} did not answer within 0.5 s{Environment.NewLine}");
    }

    [Fact]
    public async Task RunAsync_WildcardAlertAddress_PostsToLoopback()
    {
        using var cli = new CliHarness(stdin: "[]");

        int exit = await WatchCommand.RunAsync(ArgumentParser.Parse(["watch", "checks", $"--alert-addr=:{_port}"]), cli.Context);

        exit.ShouldBe(ExitCodes.Success);
        _received.ShouldHaveSingleItem();
    }

    [Fact]
    public void WatchTimeout_Default_IsTenSeconds()
    {
        using var cli = new CliHarness();

        cli.Context.WatchTimeout.ShouldBe(TimeSpan.FromSeconds(10));
    }

    private sealed record ReceivedRequest(string Method, string Path, string? ContentType, byte[] Body, string Authorization);
}
