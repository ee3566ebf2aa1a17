using ConsulAlerts.Notifications;
using ConsulAlerts.Notifications.Notifiers.InfluxDb;
using ConsulAlerts.Tests.Notifications.Testing;
using static ConsulAlerts.Tests.Notifications.Testing.HttpNotifierTesting;

namespace ConsulAlerts.Tests.Notifications.Notifiers.InfluxDb;

/// <summary>The notifier against a real InfluxDB 1.x (influxd, authentication on): what it writes is read back with InfluxQL.</summary>
public sealed class InfluxDbNotifierInfluxdTests(InfluxdFixture fixture) : IClassFixture<InfluxdFixture>
{
    private InfluxdServer Server => fixture.Server;

    private static InfluxDbNotifier Notifier() => new(Clients(), TimeProvider.System);

    private ConsulAlerts.Configuration.NotifierConfig InfluxConfig(string database, params (string Key, string Value)[] more) =>
        Config("influxdb", [("host", Server.BaseUrl.ToString()), ("database", database), ("username", InfluxdServer.AdminUser), ("password", InfluxdServer.AdminPassword), .. more]);

    [Fact]
    public async Task NotifyAsync_Batch_IsReadBackWithItsTagsFieldsAndTime()
    {
        var database = await Server.CreateDatabaseAsync();

        var result = await Notifier().NotifyAsync(CriticalAndPassing(), InfluxConfig(database), CancellationToken.None);

        result.ShouldBe(NotifyResult.Ok);
        var series = (await Server.SeriesAsync(database, "SELECT * FROM \"consul-alerts\" ORDER BY time")).ShouldNotBeNull();
        var rows = InfluxdServer.Rows(series).OrderBy(r => r["node"].GetString(), StringComparer.Ordinal).ToList();
        rows.Count.ShouldBe(2);
        rows[0]["time"].GetInt64().ShouldBe(1767225600000000000);
        rows[0]["node"].GetString().ShouldBe("node1");
        rows[0]["service"].GetString().ShouldBe("web");
        rows[0]["check"].GetString().ShouldBe("HTTP on :80");
        rows[0]["status"].GetString().ShouldBe("critical");
        rows[0]["value"].GetInt64().ShouldBe(2);
        rows[0]["output"].GetString().ShouldBe("HTTP GET http://10.0.0.1/: 500");
        rows[1]["node"].GetString().ShouldBe("node2");
        rows[1]["status"].GetString().ShouldBe("passing");
        rows[1]["value"].GetInt64().ShouldBe(0);
        rows[1]["output"].GetString().ShouldBe("Agent alive and reachable");
    }

    [Fact]
    public async Task NotifyAsync_AwkwardText_IsStoredExactly()
    {
        var database = await Server.CreateDatabaseAsync();
        var message = Messages.Critical(node: "web 1,rack=a", output: "line 1 \"quoted\"\nline 2 C:\\path, a=b") with
        {
            Check = "disk = full",
            Notes = "see \\\\share",
            Timestamp = new DateTimeOffset(2026, 2, 3, 4, 5, 6, TimeSpan.Zero).AddTicks(1234567),
        };

        var result = await Notifier().NotifyAsync([message], InfluxConfig(database, ("series-name", "alert log,v2")), CancellationToken.None);

        result.ShouldBe(NotifyResult.Ok);
        var series = (await Server.SeriesAsync(database, "SELECT * FROM \"alert log,v2\"")).ShouldNotBeNull();
        var row = InfluxdServer.Rows(series).ShouldHaveSingleItem();
        row["node"].GetString().ShouldBe("web 1,rack=a");
        row["check"].GetString().ShouldBe("disk = full");
        row["output"].GetString().ShouldBe("line 1 \"quoted\"\nline 2 C:\\path, a=b");
        row["notes"].GetString().ShouldBe("see \\\\share");
        row["time"].GetInt64().ShouldBe(new DateTimeOffset(2026, 2, 3, 4, 5, 6, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1_000_000 + 123_456_700);
    }

    [Fact]
    public async Task NotifyAsync_WrongPassword_FailsWithoutRetryOrSecret()
    {
        var database = await Server.CreateDatabaseAsync();

        var result = await Notifier().NotifyAsync(CriticalAndPassing(), Config("influxdb", ("host", Server.BaseUrl.ToString()), ("database", database), ("username", InfluxdServer.AdminUser), ("password", "wrong-SECRET")), CancellationToken.None);

        ShouldBeSecretFreeFailure(result, retryable: false, Server.BaseUrl.ToString(), "wrong-SECRET", InfluxdServer.AdminPassword);
        result.Error.ShouldBe("HTTP 401 Unauthorized");
        (await Server.SeriesAsync(database, "SELECT * FROM \"consul-alerts\"")).ShouldBeNull();
    }

    [Fact]
    public async Task NotifyAsync_NoCredentialsOnAnAuthenticatingServer_IsUnauthorized()
    {
        var database = await Server.CreateDatabaseAsync();

        var result = await Notifier().NotifyAsync(CriticalAndPassing(), Config("influxdb", ("host", Server.BaseUrl.ToString()), ("database", database)), CancellationToken.None);

        result.ShouldBe(NotifyResult.Failed("HTTP 401 Unauthorized", retryable: false));
    }

    [Fact]
    public async Task NotifyAsync_UnknownDatabase_FailsWithoutRetry()
    {
        var result = await Notifier().NotifyAsync(CriticalAndPassing(), InfluxConfig("no_such_db"), CancellationToken.None);

        result.ShouldBe(NotifyResult.Failed("HTTP 404 Not Found", retryable: false));
    }
}
