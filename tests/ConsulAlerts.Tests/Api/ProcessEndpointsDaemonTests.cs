using System.Net;
using System.Net.Sockets;
using System.Text;
using ConsulAlerts.Api;
using ConsulAlerts.Hosting;
using ConsulAlerts.Tests.Cli;

namespace ConsulAlerts.Tests.Api;

/// <summary>The POST endpoints on the daemon's own host (Kestrel limits, logging) against clients that misbehave.</summary>
public sealed class ProcessEndpointsDaemonTests : IAsyncLifetime, IDisposable
{
    private readonly DaemonApiHost _host = new();

    public Task InitializeAsync() => _host.StartAsync(ApiLimits.Default);

    public Task DisposeAsync() => _host.StopAsync();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Post_BodyTrickledTooSlowly_Answers408WithOneDebugLineAndNoErrorOrStackTrace()
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, _host.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"POST /v1/process/checks HTTP/1.1\r\nHost: 127.0.0.1:{_host.Port}\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n["));

        // One byte a second, far below Kestrel's minimum body rate, until the daemon answers or closes.
        var reading = ReadAllAsync(stream);
        for (int i = 0; i < 30 && !reading.IsCompleted; i++)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            try
            {
                await stream.WriteAsync("1"u8.ToArray());
            }
            catch (IOException)
            {
                break;
            }
        }

        var answer = await reading.WaitAsync(TimeSpan.FromSeconds(30));
        answer.ShouldStartWith("HTTP/1.1 408");
        await Eventually.ShouldHoldAsync(
            () => Lines().Any(l => l.Contains("/v1/process/checks", StringComparison.Ordinal) && l.Contains("[DBG]", StringComparison.Ordinal)),
            "the debug line about the cut-off request", diagnostics: () => Task.FromResult(_host.Log.ToString()));
        Lines().Count(l => l.Contains("/v1/process/checks", StringComparison.Ordinal)).ShouldBe(1);
        Lines().ShouldNotContain(l => l.Contains("[ERR]", StringComparison.Ordinal) || l.Contains("[FTL]", StringComparison.Ordinal));
        Lines().ShouldNotContain(l => l.StartsWith("   at ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Get_HeadersOverTheLimit_Answers431()
    {
        using var client = TestNetwork.NewClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"http://127.0.0.1:{_host.Port}/v1/info"));
        request.Headers.Add("X-Big", new string('x', DaemonHost.MaxRequestHeadersBytes));

        using var response = await client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.RequestHeaderFieldsTooLarge);
    }

    private string[] Lines() => _host.Log.ToString().Split('\n');

    private static async Task<string> ReadAllAsync(NetworkStream stream)
    {
        var text = new StringBuilder();
        var buffer = new byte[4096];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer)) > 0)
            {
                text.Append(Encoding.ASCII.GetString(buffer, 0, read));
            }
        }
        catch (IOException)
        {
            // The daemon closed the connection after answering.
        }

        return text.ToString();
    }
}
