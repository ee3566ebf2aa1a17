namespace ConsulAlerts.Tests.Notifications.Testing;

/// <summary>One authenticating <see cref="InfluxdServer"/> shared by a test class.</summary>
public sealed class InfluxdFixture : IAsyncLifetime
{
    private InfluxdServer? _server;

    internal InfluxdServer Server => _server ?? throw new InvalidOperationException("influxd is not started");

    public async Task InitializeAsync() => _server = await InfluxdServer.StartAsync(auth: true);

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
