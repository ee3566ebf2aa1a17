using System.Net;
using System.Net.Sockets;

namespace ConsulAlerts.Tests.Testing;

/// <summary>
/// Forwards TCP connections from a fixed loopback port to another loopback port. <see cref="Stop"/> closes the listener
/// and every forwarded connection, so clients see their connections drop and new ones refused, as when an agent dies;
/// <see cref="Start"/> listens again on the same port. Faults short of an outage: <see cref="Latency"/> delays what it
/// forwards, <see cref="ResetConnections"/> cuts what is open, <see cref="Refusing"/> resets each new connection at once
/// (a dead agent behind a live port), and <see cref="Stall"/> holds every byte until <see cref="Flow"/> (a hung agent).
/// </summary>
internal sealed class TcpProxy : IDisposable
{
    private readonly Lock _gate = new();
    private readonly HashSet<Socket> _sockets = [];
    private TcpListener? _listener;
    private CancellationTokenSource? _running;
    private int _accepted;
    private TaskCompletionSource _flowing = NewFlowing(open: true);

    /// <param name="targetPort">Where connections go, on 127.0.0.1.</param>
    /// <param name="port">The port to listen on, on 127.0.0.1; 0 picks a free one, kept across restarts.</param>
    public TcpProxy(int targetPort, int port = 0)
    {
        TargetPort = targetPort;
        Port = port;
    }

    public int TargetPort { get; }

    /// <summary>The listening port; fixed once the proxy has started the first time.</summary>
    public int Port { get; private set; }

    public bool IsRunning
    {
        get { lock (_gate) { return _listener is not null; } }
    }

    /// <summary>Connections accepted since the proxy was created.</summary>
    public int Accepted => Volatile.Read(ref _accepted);

    /// <summary>Forwarded connections currently open (client and target side each count once).</summary>
    public int OpenSockets
    {
        get { lock (_gate) { return _sockets.Count; } }
    }

    /// <summary>
    /// Chooses, per forwarded connection, a delay added before each chunk it passes on (in either direction); null or
    /// zero forwards at once. Read when a connection is accepted.
    /// </summary>
    public Func<TimeSpan>? Latency { get; set; }

    /// <summary>Accepts and resets every new connection without reaching the target: each attempt is counted.</summary>
    public bool Refusing { get; set; }

    /// <summary>Holds every byte in both directions (new connections included) until <see cref="Flow"/>.</summary>
    public void Stall()
    {
        lock (_gate)
        {
            if (_flowing.Task.IsCompleted)
            {
                _flowing = NewFlowing(open: false);
            }
        }
    }

    /// <summary>Ends a <see cref="Stall"/>: what was held goes on.</summary>
    public void Flow()
    {
        lock (_gate)
        {
            _flowing.TrySetResult();
        }
    }

    /// <summary>Resets every forwarded connection open now; new ones are forwarded as before.</summary>
    public void ResetConnections()
    {
        Socket[] open;
        lock (_gate)
        {
            open = [.. _sockets];
            _sockets.Clear();
        }

        foreach (var socket in open)
        {
            Abort(socket);
        }
    }

    /// <summary>Listens (again) on <see cref="Port"/>.</summary>
    public void Start()
    {
        lock (_gate)
        {
            if (_listener is not null)
            {
                return;
            }

            var listener = new TcpListener(IPAddress.Loopback, Port);
            // The port was just ours; sockets of closed connections in TIME_WAIT must not keep us from listening again.
            listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            listener.Start();
            Port = ((IPEndPoint)listener.LocalEndpoint).Port;
            _listener = listener;
            _running = new CancellationTokenSource();
            _ = AcceptLoopAsync(listener, _running.Token);
        }
    }

    /// <summary>Stops listening and closes every forwarded connection at once.</summary>
    public void Stop()
    {
        Socket[] open;
        lock (_gate)
        {
            if (_listener is null)
            {
                return;
            }

            _running!.Cancel();
            _running.Dispose();
            _running = null;
            _listener.Stop();
            _listener = null;
            open = [.. _sockets];
            _sockets.Clear();
        }

        foreach (var socket in open)
        {
            Abort(socket);
        }
    }

    /// <summary>Stops the proxy; forwarding tasks end on their own once their sockets are closed.</summary>
    public void Dispose() => Stop();

    private static TaskCompletionSource NewFlowing(bool open)
    {
        var flowing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (open)
        {
            flowing.SetResult();
        }

        return flowing;
    }

    private Task Flowing()
    {
        lock (_gate)
        {
            return _flowing.Task;
        }
    }

    private static void Abort(Socket socket)
    {
        try
        {
            // Linger 0 sends a reset: the peer fails at once instead of waiting for a graceful close.
            socket.LingerState = new LingerOption(true, 0);
        }
        catch (SocketException)
        {
            // Already closed.
        }
        catch (ObjectDisposedException)
        {
            // Already closed.
        }

        socket.Dispose();
    }

    private async Task AcceptLoopAsync(TcpListener listener, CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptSocketAsync(stopping);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            Interlocked.Increment(ref _accepted);
            _ = ForwardAsync(client, stopping);
        }
    }

    private async Task ForwardAsync(Socket client, CancellationToken stopping)
    {
        var target = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        client.NoDelay = true;
        if (!Track(client) || !Track(target))
        {
            Abort(client);
            Abort(target);
            return;
        }

        try
        {
            if (Refusing)
            {
                return;
            }

            var delay = Latency?.Invoke() ?? TimeSpan.Zero;
            await Flowing().WaitAsync(stopping);
            await target.ConnectAsync(new IPEndPoint(IPAddress.Loopback, TargetPort), stopping);
            await Task.WhenAll(PumpAsync(client, target, delay, stopping), PumpAsync(target, client, delay, stopping));
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // The proxy stopped or either side went away; both sides are closed below.
        }
        finally
        {
            Untrack(client);
            Untrack(target);
            Abort(client);
            Abort(target);
        }
    }

    private async Task PumpAsync(Socket from, Socket to, TimeSpan delay, CancellationToken stopping)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                int read = await from.ReceiveAsync(buffer, SocketFlags.None, stopping);
                if (read == 0)
                {
                    // Half-close: pass the end of the stream on, keep the other direction open.
                    to.Shutdown(SocketShutdown.Send);
                    return;
                }

                await Flowing().WaitAsync(stopping);
                if (delay > TimeSpan.Zero)
                {
                    await Task.Delay(delay, stopping);
                }

                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, stopping);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // One side failed: take both down so the other side sees it too.
            Abort(from);
            Abort(to);
        }
    }

    /// <summary>Registers an open socket; false when the proxy stopped meanwhile.</summary>
    private bool Track(Socket socket)
    {
        lock (_gate)
        {
            return _listener is not null && _sockets.Add(socket);
        }
    }

    private void Untrack(Socket socket)
    {
        lock (_gate)
        {
            _sockets.Remove(socket);
        }
    }
}
