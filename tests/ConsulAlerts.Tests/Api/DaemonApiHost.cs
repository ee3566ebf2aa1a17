using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using ConsulAlerts.Api;
using ConsulAlerts.Consul.Http;
using ConsulAlerts.Hosting;
using ConsulAlerts.Tests.Cli;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace ConsulAlerts.Tests.Api;

/// <summary>
/// The daemon's own host (Kestrel's limits, the rate limiter, Serilog) on a free loopback port, pointed at a Consul that
/// is not there, for tests of how the API treats clients; raw requests go over a socket exactly as given.
/// </summary>
internal sealed class DaemonApiHost : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private WebApplication? _app;
    private Task _running = Task.CompletedTask;

    public int Port { get; private set; }

    /// <summary>Everything the daemon logged, at debug level and up.</summary>
    public StringWriter Log { get; } = new();

    public async Task StartAsync(ApiLimits limits)
    {
        var options = new ConsulAlertsOptions
        {
            AlertAddress = "127.0.0.1:0",
            LogLevel = LogLevel.Debug,
            Consul = new ConsulClientOptions { Address = "http://127.0.0.1:1" },
        };
        _app = DaemonHost.Build(options, TextWriter.Synchronized(Log), limits);
        (_running, Port) = await TestNetwork.RunDaemonAsync(_app, _stop.Token);
    }

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await _running;
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    /// <summary>
    /// Sends <paramref name="request"/> on a new connection and reads until the daemon closes it; the status is 0 when
    /// it closed without answering. The request is written while the answer is read, since a refusal may come first.
    /// </summary>
    public async Task<(int Status, string Text)> SendAsync(byte[] request)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, Port);
        var stream = client.GetStream();
        var writing = WriteAsync(stream, request);
        var answer = new MemoryStream();
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(60))) > 0)
            {
                answer.Write(buffer, 0, read);
            }
        }
        catch (IOException)
        {
            // Reset after answering, as a server does to a client still sending a body it refused.
        }

        await writing;
        var text = Encoding.UTF8.GetString(answer.ToArray());
        var status = text.StartsWith("HTTP/1.1 ", StringComparison.Ordinal) && text.Length >= 12
            ? int.Parse(text.AsSpan(9, 3), NumberStyles.None, CultureInfo.InvariantCulture)
            : 0;
        var bodyStart = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        return (status, bodyStart < 0 ? "" : text[(bodyStart + 4)..]);
    }

    public void Dispose()
    {
        _stop.Dispose();
        Log.Dispose();
    }

    private static async Task WriteAsync(NetworkStream stream, byte[] request)
    {
        try
        {
            await stream.WriteAsync(request);
        }
        catch (IOException)
        {
            // The daemon answered and closed before taking it all.
        }
    }
}
