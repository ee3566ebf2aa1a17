using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ConsulAlerts.DevAgent;

namespace ConsulAlerts.Tests.Testing;

/// <summary>The loopback forwarder the outage tests use to make Consul refuse connections.</summary>
public sealed class TcpProxyTests : IAsyncLifetime, IDisposable
{
    private DevAgentServer _agent = null!;
    private TcpProxy _proxy = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _agent = await DevAgentServer.StartAsync(new DevAgentOptions());
        _proxy = new TcpProxy(_agent.Port);
        _proxy.Start();
        // A fresh connection per request would hide a proxy that drops pooled connections; keep the default pooling.
        _client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(30) };
    }

    public async Task DisposeAsync() => await _agent.DisposeAsync();

    public void Dispose()
    {
        _client.Dispose();
        _proxy.Dispose();
    }

    [Fact]
    public async Task Request_ThroughRunningProxy_ReachesTarget()
    {
        using var put = await _client.PutAsync(KvUri("proxied"), new StringContent("value"));
        put.EnsureSuccessStatusCode();

        using var direct = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = _agent.Address };
        (await direct.GetStringAsync(new Uri("v1/kv/proxied?raw", UriKind.Relative))).ShouldBe("value");
        _proxy.Port.ShouldNotBe(_agent.Port);
        _proxy.Accepted.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task Connect_AfterStop_IsRefused()
    {
        (await _client.GetAsync(StatusUri())).EnsureSuccessStatusCode();

        _proxy.Stop();

        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        var refused = await Should.ThrowAsync<SocketException>(async () => await socket.ConnectAsync(IPAddress.Loopback, _proxy.Port));
        refused.SocketErrorCode.ShouldBe(SocketError.ConnectionRefused);
        await Should.ThrowAsync<HttpRequestException>(() => _client.GetAsync(StatusUri()));
        _proxy.IsRunning.ShouldBeFalse();
    }

    [Fact]
    public async Task Stop_DuringBlockingQuery_FailsItAtOnce()
    {
        var blocking = await BlockingQueryAsync("watched");

        var watch = Stopwatch.StartNew();
        _proxy.Stop();

        await Should.ThrowAsync<HttpRequestException>(() => blocking.WaitAsync(TimeSpan.FromSeconds(10)));
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5), "the forwarded connection must close with the proxy, not at the end of the wait");
        _proxy.OpenSockets.ShouldBe(0);
    }

    [Fact]
    public async Task Start_AfterStop_ListensOnSamePortAgain()
    {
        (await _client.GetAsync(StatusUri())).EnsureSuccessStatusCode();
        int port = _proxy.Port;

        _proxy.Stop();
        await Should.ThrowAsync<HttpRequestException>(() => _client.GetAsync(StatusUri()));
        _proxy.Start();

        _proxy.Port.ShouldBe(port);
        using var response = await _client.GetAsync(StatusUri());
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task StopAndStart_Repeatedly_KeepsForwarding()
    {
        for (int round = 0; round < 5; round++)
        {
            _proxy.Stop();
            _proxy.Start();
            using var response = await _client.GetAsync(StatusUri());
            response.StatusCode.ShouldBe(HttpStatusCode.OK, $"round {round}");
        }
    }

    [Fact]
    public async Task Refusing_NewConnection_IsCountedAndReset()
    {
        int before = _proxy.Accepted;

        _proxy.Refusing = true;

        // The reset reaches the caller wrapped in an HttpRequestException, or, when it lands while the connection is
        // being set up, as the SocketException itself.
        Exception? refused = null;
        try
        {
            await NewClientGetAsync(StatusUri());
        }
        catch (Exception ex) when (ex is HttpRequestException or System.Net.Sockets.SocketException)
        {
            refused = ex;
        }

        refused.ShouldNotBeNull("the refused connection fails the request");
        _proxy.Accepted.ShouldBeGreaterThan(before);
        _proxy.Refusing = false;
        (await NewClientGetAsync(StatusUri())).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Stall_Request_AnsweredOnlyAfterFlow()
    {
        _proxy.Stall();
        var stalled = NewClientGetAsync(StatusUri());
        await WaitUntilAsync(() => _proxy.OpenSockets >= 1, "the stalled connection to be accepted");
        stalled.IsCompleted.ShouldBeFalse();

        _proxy.Flow();

        (await stalled.WaitAsync(TimeSpan.FromSeconds(30))).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ResetConnections_DuringBlockingQuery_FailsItAndKeepsListening()
    {
        var blocking = await BlockingQueryAsync("reset");

        _proxy.ResetConnections();

        await Should.ThrowAsync<HttpRequestException>(() => blocking.WaitAsync(TimeSpan.FromSeconds(10)));
        _proxy.IsRunning.ShouldBeTrue();
        (await NewClientGetAsync(StatusUri())).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Latency_Set_DelaysTheAnswerAtLeastThatLong()
    {
        _proxy.Latency = () => TimeSpan.FromMilliseconds(300);
        var watch = Stopwatch.StartNew();

        (await NewClientGetAsync(StatusUri())).ShouldBe(HttpStatusCode.OK);

        // A lower bound only: the request and the answer each wait once.
        watch.Elapsed.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(550));
    }

    /// <summary>Starts a blocking query on a key through the proxy and returns once it waits in the agent.</summary>
    private async Task<Task<HttpResponseMessage>> BlockingQueryAsync(string key)
    {
        using var put = await _client.PutAsync(KvUri(key), new StringContent("1"));
        put.EnsureSuccessStatusCode();
        using var read = await _client.GetAsync(KvUri(key));
        string index = read.Headers.GetValues("X-Consul-Index").Single();
        var blocking = _client.GetAsync(new Uri($"http://127.0.0.1:{_proxy.Port}/v1/kv/{key}?index={index}&wait=20s"));
        await WaitUntilAsync(() => _proxy.OpenSockets >= 2 && _agent.Requests.Parked("GET", $"/v1/kv/{key}") == 1, "the blocking query to wait in the agent");
        blocking.IsCompleted.ShouldBeFalse();
        return blocking;
    }

    private static async Task<HttpStatusCode> NewClientGetAsync(Uri uri)
    {
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(30) };
        using var response = await client.GetAsync(uri);
        return response.StatusCode;
    }

    private Uri StatusUri() => new($"http://127.0.0.1:{_proxy.Port}/v1/status/leader");

    private Uri KvUri(string key) => new($"http://127.0.0.1:{_proxy.Port}/v1/kv/{key}");

    private static Task WaitUntilAsync(Func<bool> condition, string what) => Eventually.ShouldHoldAsync(condition, what);
}
