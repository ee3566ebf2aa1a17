using System.Net;
using System.Net.Sockets;
using System.Text;
using ConsulAlerts.Api;
using ConsulAlerts.Tests.Cli;

namespace ConsulAlerts.Tests.Api;

/// <summary>The per-client limit on POST, PUT and DELETE, on the daemon's own host with a burst of three and no refill during the test.</summary>
public sealed class ApiRateLimitTests : IAsyncLifetime, IDisposable
{
    private static readonly ApiLimits Limits = new() { WriteBurst = 3, WriteRefill = 1, WriteRefillPeriod = TimeSpan.FromHours(1) };

    private readonly DaemonApiHost _host = new();

    public Task InitializeAsync() => _host.StartAsync(Limits);

    public Task DisposeAsync() => _host.StopAsync();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Post_BeyondTheBurst_Answers429WithRetryAfterAndTheLimit()
    {
        using var client = TestNetwork.NewClient();
        for (int i = 0; i < Limits.WriteBurst; i++)
        {
            using var allowed = await PostAsync(client, ProcessEndpoints.ChecksPath);
            allowed.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        using var refused = await PostAsync(client, ProcessEndpoints.EventsPath);

        refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        refused.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromHours(1));
        (await refused.Content.ReadAsStringAsync()).ShouldStartWith("rate limit: at most 3 POST, PUT or DELETE requests at once");

        // Reads are never limited, and the silence endpoints share the writers' budget.
        using var read = await client.GetAsync(new Uri($"http://127.0.0.1:{_host.Port}/v1/info"));
        read.StatusCode.ShouldBe(HttpStatusCode.Created);
        using var delete = await client.DeleteAsync(new Uri($"http://127.0.0.1:{_host.Port}/v1/silences/not-a-uuid"));
        delete.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task Post_AnotherClientBeyondItsBurst_LeavesThisClientItsOwn()
    {
        using var other = ClientFrom(IPAddress.Parse("127.0.0.2"));
        for (int i = 0; i <= Limits.WriteBurst; i++)
        {
            using var _ = await PostAsync(other, ProcessEndpoints.ChecksPath);
        }

        using var otherRefused = await PostAsync(other, ProcessEndpoints.ChecksPath);
        otherRefused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);

        using var mine = ClientFrom(IPAddress.Parse("127.0.0.3"));
        using var allowed = await PostAsync(mine, ProcessEndpoints.ChecksPath);
        allowed.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private Task<HttpResponseMessage> PostAsync(HttpClient client, string path) =>
        client.PostAsync(new Uri($"http://127.0.0.1:{_host.Port}{path}"), new StringContent("[]", Encoding.UTF8, "application/json"));

    // A client whose connections come from another loopback address: another partition of the limiter.
    private static HttpClient ClientFrom(IPAddress source) => new(new SocketsHttpHandler
    {
        UseProxy = false,
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                socket.Bind(new IPEndPoint(source, 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    })
    { Timeout = TimeSpan.FromSeconds(10) };
}
