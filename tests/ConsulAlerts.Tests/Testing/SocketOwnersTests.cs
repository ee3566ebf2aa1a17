using System.Net;
using System.Net.Sockets;

namespace ConsulAlerts.Tests.Testing;

public sealed class SocketOwnersTests : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly TcpClient _client = new();

    public void Dispose()
    {
        _client.Dispose();
        _listener.Dispose();
    }

    [Fact]
    public async Task FindClient_ConnectionFromThisProcess_FindsThisProcess()
    {
        var (clientPort, serverPort) = await ConnectAsync();

        SocketOwners.FindClient(clientPort, serverPort, [Environment.ProcessId + 1_000_000, Environment.ProcessId]).ShouldBe(Environment.ProcessId);
    }

    [Fact]
    public async Task FindClient_NoCandidateHoldsIt_IsNull()
    {
        var (clientPort, serverPort) = await ConnectAsync();

        SocketOwners.FindClient(clientPort, serverPort, [Environment.ProcessId + 1_000_000]).ShouldBeNull();
        SocketOwners.FindClient(clientPort + 1, serverPort, [Environment.ProcessId]).ShouldBeNull();
    }

    private async Task<(int ClientPort, int ServerPort)> ConnectAsync()
    {
        _listener.Start();
        int serverPort = ((IPEndPoint)_listener.LocalEndpoint).Port;
        await _client.ConnectAsync(IPAddress.Loopback, serverPort);
        return (((IPEndPoint)_client.Client.LocalEndPoint!).Port, serverPort);
    }
}
