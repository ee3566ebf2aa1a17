using System.Net;
using System.Net.Sockets;

namespace ConsulAlerts.Tests.Cli;

/// <summary>Loopback helpers: free ports and waiting for a daemon's /v1/info.</summary>
internal static class TestNetwork
{
    public static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(60);

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static HttpClient NewClient() => new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(10) };

    /// <summary>Polls GET /v1/info until it answers 201; fails the test after a generous timeout.</summary>
    public static async Task<HttpResponseMessage> WaitForInfoAsync(int port, Task? runningCommand = null)
    {
        using var client = NewClient();
        var deadline = DateTime.UtcNow + StartupTimeout;
        Exception? last = null;
        while (DateTime.UtcNow < deadline)
        {
            if (runningCommand is { IsCompleted: true })
            {
                throw new InvalidOperationException($"the command ended before the daemon answered: {await GetResultText(runningCommand)}");
            }

            try
            {
                var response = await client.GetAsync(new Uri($"http://127.0.0.1:{port}/v1/info"));
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    return response;
                }

                response.Dispose();
            }
            catch (HttpRequestException ex)
            {
                last = ex;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"no daemon answered on 127.0.0.1:{port}", last);
    }

    private static async Task<string> GetResultText(Task task)
    {
        try
        {
            await task;
            return task is Task<int> withCode ? $"exit code {withCode.Result}" : "completed";
        }
        catch (Exception ex)
        {
            return ex.ToString();
        }
    }
}
