using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ConsulAlerts.Tests.EndToEnd;

public sealed class StaleConnectionRetryTests
{
    [Theory]
    [InlineData("v1/kv/config/key", 2, true)]
    [InlineData("v1/event/fire/deploy", 1, false)]
    public async Task SendAsync_FirstConnectionCutShort_RetriedUnlessAnEventFire(string path, int expectedConnections, bool succeeds)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var connections = 0;
        var server = Task.Run(async () =>
        {
            while (true)
            {
                using var client = await listener.AcceptTcpClientAsync();
                var stream = client.GetStream();
                var buffer = new byte[4096];
                _ = await stream.ReadAsync(buffer);
                if (Interlocked.Increment(ref connections) > 1)
                {
                    await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Length: 4\r\nConnection: close\r\n\r\ntrue"));
                }

                // The first connection ends without an answer, as a killed agent's does.
            }
        });
        using var http = new HttpClient(new StaleConnectionRetry(new SocketsHttpHandler { UseProxy = false }))
        {
            BaseAddress = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/"),
        };

        var send = http.PutAsync(new Uri(path, UriKind.Relative), new StringContent("v"));

        if (succeeds)
        {
            using var response = await send;
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
        }
        else
        {
            await Should.ThrowAsync<HttpRequestException>(send);
        }

        connections.ShouldBe(expectedConnections);
        listener.Stop();
        await Should.ThrowAsync<Exception>(server);
    }
}
