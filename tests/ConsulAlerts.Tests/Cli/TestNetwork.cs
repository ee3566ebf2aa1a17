using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using ConsulAlerts.Hosting;
using Microsoft.AspNetCore.Builder;

namespace ConsulAlerts.Tests.Cli;

/// <summary>
/// Loopback helpers: daemons started on port 0 and the port they report, and waiting for a daemon's /v1/info. A test
/// never picks a free port for a daemon to bind later (another process could take it meanwhile): the daemon binds port
/// 0 and says which port it was given.
/// </summary>
internal static partial class TestNetwork
{
    public static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// A port that was free a moment ago, for what cannot bind port 0 itself (a probe of a closed port, servers that
    /// refuse port 0); never for a daemon or dev agent, which take port 0.
    /// </summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static HttpClient NewClient() => new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(10) };

    /// <summary>The port a daemon started on port 0 reports in its log (text or JSON), once it has written it.</summary>
    public static bool TryFindBoundPort(string log, out int port)
    {
        ArgumentNullException.ThrowIfNull(log);
        var match = BoundPortLine().Match(log);
        port = match.Success ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        return match.Success;
    }

    /// <summary>Waits until the daemon whose log <paramref name="log"/> reads has reported the port it was given.</summary>
    public static async Task<int> WaitForBoundPortAsync(Func<string> log, Task? running = null)
    {
        ArgumentNullException.ThrowIfNull(log);
        int port = 0;
        await Eventually.ShouldHoldAsync(
            () => TryFindBoundPort(log(), out port), "the daemon reports the port it was given", StartupTimeout,
            broken: () => running is { IsCompleted: true } ? $"the command ended ({ResultText(running)})" : null,
            diagnostics: () => Task.FromResult(log()));
        return port;
    }

    /// <summary>Runs a daemon built for port 0 until <paramref name="stop"/>; returns once it listens, with the port it was given.</summary>
    public static async Task<(Task Running, int Port)> RunDaemonAsync(WebApplication app, CancellationToken stop)
    {
        var bound = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = DaemonHost.RunAsync(app, stop, address =>
        {
            bound.TrySetResult(address.Port);
            return Task.CompletedTask;
        });
        var first = await Task.WhenAny(bound.Task, running).WaitAsync(StartupTimeout, CancellationToken.None);
        if (first == running)
        {
            await running;
            throw new InvalidOperationException("the daemon stopped before it listened");
        }

        return (running, await bound.Task);
    }

    /// <summary>Polls GET /v1/info until it answers 201; fails the test after a generous timeout.</summary>
    public static async Task<HttpResponseMessage> WaitForInfoAsync(int port, Task? runningCommand = null)
    {
        using var client = NewClient();
        HttpResponseMessage? answer = null;
        await Eventually.ShouldHoldAsync(
            async () =>
            {
                try
                {
                    var response = await client.GetAsync(new Uri($"http://127.0.0.1:{port}/v1/info"));
                    if (response.StatusCode == HttpStatusCode.Created)
                    {
                        answer = response;
                        return true;
                    }

                    response.Dispose();
                }
                catch (HttpRequestException)
                {
                }

                return false;
            },
            $"a daemon answers on 127.0.0.1:{port}", StartupTimeout,
            broken: () => runningCommand is { IsCompleted: true } ? $"the command ended before the daemon answered ({ResultText(runningCommand)})" : null);
        return answer!;
    }

    private static string ResultText(Task task) => task switch
    {
        { IsFaulted: true } => task.Exception!.InnerException!.ToString(),
        Task<int> { IsCompletedSuccessfully: true } withCode => $"exit code {withCode.Result}",
        _ => task.Status.ToString(),
    };

    [GeneratedRegex(@"port (\d+) was given for port 0")]
    private static partial Regex BoundPortLine();
}
