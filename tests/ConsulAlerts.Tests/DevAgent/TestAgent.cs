using System.Net;
using System.Text;
using ConsulAlerts.DevAgent;

namespace ConsulAlerts.Tests.DevAgent;

/// <summary>A started dev agent plus a raw HTTP client for in-process tests.</summary>
internal sealed class TestAgent : IAsyncDisposable
{
    private TestAgent(DevAgentServer server)
    {
        Server = server;
        Http = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(60) };
    }

    public DevAgentServer Server { get; }

    public HttpClient Http { get; }

    public static async Task<TestAgent> StartAsync(DevAgentOptions? options = null) =>
        new(await DevAgentServer.StartAsync(options));

    public async Task<Reply> SendAsync(HttpMethod method, string path, string? body = null, Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        configure?.Invoke(request);
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var index = response.Headers.TryGetValues("X-Consul-Index", out var values) ? ulong.Parse(values.First()) : (ulong?)null;
        return new Reply(response.StatusCode, text, index);
    }

    public Task<Reply> GetAsync(string path) => SendAsync(HttpMethod.Get, path);

    public Task<Reply> PutAsync(string path, string? body = null) => SendAsync(HttpMethod.Put, path, body);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
    }

    internal sealed record Reply(HttpStatusCode Status, string Body, ulong? Index);
}
