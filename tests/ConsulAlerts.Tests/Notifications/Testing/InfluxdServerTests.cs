namespace ConsulAlerts.Tests.Notifications.Testing;

public sealed class InfluxdServerTests
{
    [Fact]
    public async Task StartAsync_NoInfluxd_FailsNamingTheDebianPackage()
    {
        using var empty = new TempDirectory();

        var error = await Should.ThrowAsync<InvalidOperationException>(() => InfluxdServer.StartAsync(auth: false, [empty.Path]));

        error.Message.ShouldContain("apt-get install -y influxdb");
    }

    [Fact]
    public async Task StartAsync_Installed_AnswersPingAndQueries()
    {
        await using var server = await InfluxdServer.StartAsync(auth: false);

        var database = await server.CreateDatabaseAsync();

        (await server.SeriesAsync(database, "SHOW MEASUREMENTS")).ShouldBeNull();
    }
}
