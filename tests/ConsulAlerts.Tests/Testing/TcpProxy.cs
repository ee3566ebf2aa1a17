using System.Net;
using System.Net.Sockets;

namespace ConsulAlerts.Tests.Testing;

/// <summary>
/// Forwards TCP connections from a fixed loopback port to another loopback port. <see cref="Stop"/> closes the listener
/// and every forwarded connection, so clients see their connections drop and new ones refused, as when an agent dies;
/// <see cref="Start"/> listens again on the same port.
/// </summary>
internal sealed class TcpProxy : IDisposable
{
    private readonly Lock _gate = new();
    private readonly HashSet<Socket> _sockets = [];
    private TcpListener? _listener;
    private CancellationTokenSource? _running;
    private int _accepted;

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
            await target.ConnectAsync(new IPEndPoint(IPAddress.Loopback, TargetPort), stopping);
            await Task.WhenAll(PumpAsync(client, target, stopping), PumpAsync(target, client, stopping));
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

    private static async Task PumpAsync(Socket from, Socket to, CancellationToken stopping)
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
