using System.Net;
using System.Net.Sockets;
using System.Text;
using ConsulAlerts.Consul;
using ConsulAlerts.Tests.Testing;

namespace ConsulAlerts.Tests.Consul;

public sealed class ConsulTransportTests : IDisposable
{
    private const string Token = "b1gs3cr3t-0000-4000-8000-tokenvalue01";
    private readonly List<string> _tempFiles = [];

    public void Dispose()
    {
        foreach (var file in _tempFiles)
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task SendAsync_AnswerOrError_RaisesCompletedOnceWithTheError()
    {
        var stub = new StubHttpHandler();
        using var client = StubHttpHandler.Client(stub);
        var completed = new List<(string Path, ConsulErrorKind? Kind)>();
        client.Transport.Completed += (request, elapsed, error) =>
        {
            elapsed.ShouldBeGreaterThanOrEqualTo(TimeSpan.Zero);
            completed.Add((request.Path, error?.Kind));
        };

        stub.RespondWith(() => StubHttpHandler.Json("[]", index: 3));
        await client.Transport.SendAsync(new ConsulRequest(HttpMethod.Get, "v1/health/state/any"), CancellationToken.None);
        stub.RespondWith(() => StubHttpHandler.Text("No cluster leader", status: HttpStatusCode.InternalServerError));
        await Should.ThrowAsync<ConsulException>(() => client.Transport.SendAsync(new ConsulRequest(HttpMethod.Put, "v1/txn"), CancellationToken.None));

        completed.ShouldBe([("v1/health/state/any", null), ("v1/txn", ConsulErrorKind.NoLeader)]);
    }

    [Fact]
    public async Task SendAsync_CallerCancels_RaisesNothing()
    {
        var stub = new StubHttpHandler { Respond = async (_, ct) => { await Task.Delay(Timeout.Infinite, ct); return StubHttpHandler.Json("[]"); } };
        using var client = StubHttpHandler.Client(stub);
        int completed = 0;
        client.Transport.Completed += (_, _, _) => completed++;
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        await Should.ThrowAsync<OperationCanceledException>(() => client.Transport.SendAsync(new ConsulRequest(HttpMethod.Get, "v1/kv/a"), cancel.Token));

        completed.ShouldBe(0);
    }

    [Theory]
    [InlineData(null, null, 0ul, null, "Default", "/v1/x")]
    [InlineData("dc1", null, 0ul, null, "Default", "/v1/x?dc=dc1")]
    [InlineData("dc1", "dc2", 0ul, null, "Default", "/v1/x?dc=dc2")]
    [InlineData(null, null, 42ul, 300_000.0, "Default", "/v1/x?index=42&wait=300000ms")]
    [InlineData(null, null, 18446744073709551615ul, 1.0, "Stale", "/v1/x?index=18446744073709551615&wait=1ms&stale")]
    [InlineData("dc1", null, 7ul, null, "Consistent", "/v1/x?dc=dc1&index=7&consistent")]
    [InlineData(null, null, 0ul, 0.0, "Default", "/v1/x")]
    public void BuildUri_QueryOptions_AreEncoded(string? clientDc, string? callDc, ulong index, double? waitMs, string consistency, string expected)
    {
        var transport = Transport(new ConsulClientOptions { Address = "127.0.0.1:8500", Datacenter = clientDc });
        var query = new QueryOptions
        {
            Datacenter = callDc,
            WaitIndex = index,
            WaitTime = waitMs is { } ms ? TimeSpan.FromMilliseconds(ms) : null,
            Consistency = Enum.Parse<ConsulConsistency>(consistency),
        };

        var uri = transport.BuildUri(new ConsulRequest(HttpMethod.Get, "v1/x") { Query = query });

        uri.PathAndQuery.ShouldBe(expected);
    }

    [Fact]
    public void BuildUri_PathPrefixAndParameters_AreKept()
    {
        var transport = Transport(new ConsulClientOptions { Address = "https://proxy.example/consul", Datacenter = "dc 1" });

        var uri = transport.BuildUri(new ConsulRequest(HttpMethod.Get, "v1/kv/a") { Parameters = [new("recurse", null), new("separator", "/")] });

        uri.AbsoluteUri.ShouldBe("https://proxy.example/consul/v1/kv/a?dc=dc%201&recurse&separator=%2F");
    }

    [Theory]
    [InlineData(0ul, 300.0, 30.0)]
    [InlineData(5ul, 300.0, 323.75)]
    [InlineData(5ul, 1.0, 30.0)]
    [InlineData(5ul, 60.0, 68.75)]
    [InlineData(5ul, null, 642.5)]
    public void TimeoutFor_BlockingQuery_AllowsWaitTimesSeventeenSixteenthsPlusMargin(ulong index, double? waitSeconds, double expectedSeconds)
    {
        var query = new QueryOptions { WaitIndex = index, WaitTime = waitSeconds is { } s ? TimeSpan.FromSeconds(s) : null };

        ConsulTransport.TimeoutFor(query, TimeSpan.FromSeconds(30)).ShouldBe(TimeSpan.FromSeconds(expectedSeconds));
    }

    [Fact]
    public async Task SendAsync_Token_SentAsHeaderNeverInUrl()
    {
        var stub = new StubHttpHandler();
        using var client = StubHttpHandler.Client(stub, new ConsulClientOptions { Address = "127.0.0.1:8500", Token = Token });

        await client.Health.StateAsync(HealthState.Any);

        stub.Last.Headers["X-Consul-Token"].ShouldBe(Token);
        stub.Last.Uri.ToString().ShouldNotContain(Token);
        stub.Last.Uri.Query.ShouldNotContain("token");
    }

    [Fact]
    public async Task SendAsync_TokenFile_ReadTrimmedAndWinsOverToken()
    {
        var file = TempFile("  file-token-1234\n");
        var stub = LeaderStub();
        using var client = StubHttpHandler.Client(stub, new ConsulClientOptions { Address = "127.0.0.1:8500", Token = Token, TokenFile = file });

        await client.Status.LeaderAsync();
        File.WriteAllText(file, "changed-later");
        await client.Status.LeaderAsync();

        stub.Requests.ShouldAllBe(r => r.Headers["X-Consul-Token"] == "file-token-1234");
    }

    [Fact]
    public async Task SendAsync_NoToken_SendsNoTokenHeader()
    {
        var stub = LeaderStub();
        using var client = StubHttpHandler.Client(stub);

        await client.Status.LeaderAsync();

        stub.Last.Headers.ContainsKey("X-Consul-Token").ShouldBeFalse();
    }

    [Fact]
    public void Constructor_MissingTokenFile_ThrowsNamingTheFile()
    {
        var options = new ConsulClientOptions { TokenFile = "/nonexistent/consul-token", Token = Token };

        var ex = Should.Throw<InvalidOperationException>(() => Transport(options));

        ex.Message.ShouldContain("/nonexistent/consul-token");
        ex.Message.ShouldNotContain(Token);
    }

    [Theory]
    [InlineData("alice:wonder-land", "alice:wonder-land")]
    [InlineData("alice", "alice:")]
    public async Task SendAsync_HttpAuth_SentAsBasicAuth(string httpAuth, string expectedCredentials)
    {
        var stub = LeaderStub();
        using var client = StubHttpHandler.Client(stub, new ConsulClientOptions { Address = "127.0.0.1:8500", HttpAuth = httpAuth });

        await client.Status.LeaderAsync();

        stub.Last.Headers["Authorization"].ShouldBe("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(expectedCredentials)));
    }

    [Fact]
    public async Task SendAsync_ErrorStatus_MessageHasMethodAndPathButNoSecrets()
    {
        var stub = new StubHttpHandler();
        stub.RespondWith(() => StubHttpHandler.Text($"ACL not found: {Token}", status: HttpStatusCode.Forbidden));
        using var client = StubHttpHandler.Client(stub, new ConsulClientOptions { Address = "127.0.0.1:8500", Token = Token, HttpAuth = "alice:wonder-land" });

        var ex = await Should.ThrowAsync<ConsulAclException>(() => client.Kv.GetAsync("cfg/a"));

        ex.IsTokenNotFound.ShouldBeTrue();
        ex.Message.ShouldStartWith("Consul GET /v1/kv/cfg/a failed: 403");
        ex.ToString().ShouldNotContain(Token);
        ex.ToString().ShouldNotContain("wonder-land");
    }

    [Fact]
    public async Task SendAsync_Headers_GiveQueryMeta()
    {
        var stub = new StubHttpHandler();
        stub.RespondWith(() =>
        {
            var response = StubHttpHandler.Json("[]", index: 18446744073709551615);
            response.Headers.Add("X-Consul-KnownLeader", "true");
            response.Headers.Add("X-Consul-LastContact", "250");
            return response;
        });
        using var client = StubHttpHandler.Client(stub);

        var result = await client.Health.StateAsync(HealthState.Any);

        result.Meta.ShouldBe(new QueryMeta(18446744073709551615, true, TimeSpan.FromMilliseconds(250)));
    }

    [Fact]
    public async Task SendAsync_NoMetaHeaders_GivesZeroIndexAndNulls()
    {
        var stub = new StubHttpHandler();
        stub.RespondWith(() => StubHttpHandler.Json("[]"));
        using var client = StubHttpHandler.Client(stub);

        var result = await client.Events.ListAsync();

        result.Meta.ShouldBe(new QueryMeta(0, null, null));
    }

    [Fact]
    public async Task SendAsync_ServerNeverAnswers_TimesOutOnItsOwnTimeoutInVirtualTime()
    {
        var time = new TrackedTimeProvider();
        var stub = new StubHttpHandler { Respond = Hang };
        using var client = StubHttpHandler.Client(stub, new ConsulClientOptions { Address = "127.0.0.1:8500", RequestTimeout = TimeSpan.FromSeconds(30) }, time);

        var call = client.Kv.GetAsync("a", new QueryOptions { WaitIndex = 5, WaitTime = TimeSpan.FromSeconds(60) });
        await WaitUntilAsync(() => stub.Requests.Count == 1);
        time.Advance(TimeSpan.FromSeconds(68));

        // The timeout is still armed, due after 68 s: nothing has fired it.
        time.PendingTimers.ShouldBe(1);
        time.NextDueAt.ShouldNotBeNull().ShouldBeGreaterThan(TrackedTimeProvider.DefaultStart.AddSeconds(68));
        call.IsCompleted.ShouldBeFalse();
        time.Advance(TimeSpan.FromSeconds(1));

        var ex = await Should.ThrowAsync<ConsulTransportException>(call.WaitAsync(TimeSpan.FromSeconds(30)));
        ex.IsTimeout.ShouldBeTrue();
        ex.IsRetryable.ShouldBeTrue();
        ex.Kind.ShouldBe(ConsulErrorKind.Transport);
        ex.Message.ShouldContain("GET /v1/kv/a");
    }

    [Fact]
    public async Task SendAsync_CallerCancels_ThrowsOperationCanceledNotConsulException()
    {
        var stub = new StubHttpHandler { Respond = Hang };
        using var client = StubHttpHandler.Client(stub);
        using var cts = new CancellationTokenSource();

        var call = client.Kv.GetAsync("a");
        await WaitUntilAsync(() => stub.Requests.Count == 1);
        var callWithToken = client.Kv.GetAsync("b", cancellationToken: cts.Token);
        await cts.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(callWithToken);
        call.IsCompleted.ShouldBeFalse();
    }

    [Fact]
    public async Task SendAsync_ConnectionRefused_ThrowsRetryableTransportErrorWithoutToken()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var client = ConsulClient.Create(new ConsulClientOptions { Address = $"127.0.0.1:{port}", Token = Token });

        var ex = await Should.ThrowAsync<ConsulTransportException>(() => client.Kv.PutAsync("a", "v"u8.ToArray()));

        ex.IsRetryable.ShouldBeTrue();
        ex.IsTimeout.ShouldBeFalse();
        ex.Message.ShouldStartWith("Consul PUT /v1/kv/a failed:");
        ex.ToString().ShouldNotContain(Token);
    }

    private static async Task<HttpResponseMessage> Hang(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        await Task.Delay(Timeout.Infinite, cancellationToken);
        throw new InvalidOperationException("unreachable");
    }

    private static Task WaitUntilAsync(Func<bool> condition) => Eventually.ShouldHoldAsync(condition, "the condition holds");

    private static StubHttpHandler LeaderStub()
    {
        var stub = new StubHttpHandler();
        stub.RespondWith(() => StubHttpHandler.Json("\"10.0.0.1:8300\""));
        return stub;
    }

    private static ConsulTransport Transport(ConsulClientOptions options) => new(new HttpClient(new StubHttpHandler()), options);

    private string TempFile(string content)
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, content);
        _tempFiles.Add(path);
        return path;
    }
}
