using System.Text;
using ConsulAlerts.Notifications;
using ConsulAlerts.Notifications.Notifiers.InfluxDb;
using ConsulAlerts.Tests.Notifications.Testing;
using static ConsulAlerts.Tests.Notifications.Testing.HttpNotifierTesting;

namespace ConsulAlerts.Tests.Notifications.Notifiers.InfluxDb;

/// <summary>The notifier against a stand-in server: the request as sent, and how responses are classified.</summary>
public sealed class InfluxDbNotifierTests
{
    private static InfluxDbNotifier Notifier() => new(Clients(), TimeProvider.System);

    [Fact]
    public async Task NotifyAsync_NoUsername_WritesLineProtocolWithoutAuthorization()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        receiver.Status = 204;

        var result = await Notifier().NotifyAsync(CriticalAndPassing(), Config("influxdb", ("host", receiver.BaseUrl.ToString()), ("database", "my db")), CancellationToken.None);

        result.ShouldBe(NotifyResult.Ok);
        var request = receiver.Single();
        request.Method.ShouldBe("POST");
        request.PathAndQuery.ShouldBe("/write?db=my%20db&precision=ns");
        request.Header("Authorization").ShouldBeNull();
        request.Header("Content-Type").ShouldBe("text/plain; charset=utf-8");
        request.Body.ShouldBe(
            "consul-alerts,node=node1,service=web,check=HTTP\\ on\\ :80,status=critical value=2i,output=\"HTTP GET http://10.0.0.1/: 500\",notes=\"\" 1767225600000000000\n"
            + "consul-alerts,node=node2,check=Serf\\ Health\\ Status,status=passing value=0i,output=\"Agent alive and reachable\",notes=\"\" 1767225600000000000\n");
    }

    [Fact]
    public async Task NotifyAsync_Username_SendsBasicAuthentication()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        receiver.Status = 204;

        await Notifier().NotifyAsync(CriticalAndPassing(), Config("influxdb", ("host", receiver.BaseUrl.ToString()), ("database", "db"), ("username", "u"), ("password", "p:SECRET")), CancellationToken.None);

        var request = receiver.Single();
        request.Header("Authorization").ShouldBe("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("u:p:SECRET")));
        request.PathAndQuery.ShouldNotContain("SECRET");
    }

    [Fact]
    public async Task NotifyAsync_HostWithoutScheme_IsHttp()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();

        var result = await Notifier().NotifyAsync(CriticalAndPassing(), Config("influxdb", ("host", $"127.0.0.1:{receiver.BaseUrl.Port}"), ("database", "db")), CancellationToken.None);

        result.Success.ShouldBeTrue();
        receiver.Single().PathAndQuery.ShouldBe("/write?db=db&precision=ns");
    }

    [Fact]
    public async Task NotifyAsync_HostWithPath_KeepsThePrefix()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();

        await Notifier().NotifyAsync(CriticalAndPassing(), Config("influxdb", ("host", receiver.Url("/influx/")), ("database", "db"), ("series-name", "alerts")), CancellationToken.None);

        var request = receiver.Single();
        request.PathAndQuery.ShouldBe("/influx/write?db=db&precision=ns");
        request.Body.ShouldStartWith("alerts,");
    }

    [Theory]
    [InlineData(204, true, false)]
    [InlineData(400, false, false)]
    [InlineData(401, false, false)]
    [InlineData(404, false, false)]
    [InlineData(429, false, true)]
    [InlineData(500, false, true)]
    [InlineData(503, false, true)]
    public async Task NotifyAsync_Status_IsClassified(int status, bool success, bool retryable)
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        receiver.Status = status;

        var result = await Notifier().NotifyAsync(CriticalAndPassing(), Config("influxdb", ("host", receiver.BaseUrl.ToString()), ("database", "db"), ("username", "u"), ("password", "pw-SECRET")), CancellationToken.None);

        result.Success.ShouldBe(success);
        result.Retryable.ShouldBe(retryable);
        if (!success)
        {
            ShouldBeSecretFreeFailure(result, retryable, receiver.BaseUrl.ToString(), "pw-SECRET");
        }
    }

    [Fact]
    public async Task NotifyAsync_Unreachable_IsRetryable()
    {
        var result = await Notifier().NotifyAsync(CriticalAndPassing(), Config("influxdb", ("host", LoopbackReceiver.RefusingUrl("/")), ("database", "db")), CancellationToken.None);

        result.ShouldBe(NotifyResult.Failed("request failed: cannot connect", retryable: true));
    }

    [Theory]
    [InlineData("database", "", "no database configured")]
    [InlineData("host", "ftp://h/", "host is not an http or https URL")]
    public async Task NotifyAsync_BadSettings_FailsWithoutSending(string key, string value, string error)
    {
        var config = key == "database" ? Config("influxdb") : Config("influxdb", ("database", "db"), (key, value));

        var result = await Notifier().NotifyAsync(CriticalAndPassing(), config, CancellationToken.None);

        result.ShouldBe(NotifyResult.Failed(error, retryable: false));
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a b,c=d", "a\\ b\\,c\\=d")]
    [InlineData("two\nlines", "two\\ lines")]
    [InlineData("back\\slash", "back\\slash")]
    [InlineData("ends\\", "ends\\ ")]
    public void EscapeTag_Text_EscapesTheSeparators(string text, string expected) =>
        InfluxDbNotifier.EscapeTag(text).ShouldBe(expected);

    [Theory]
    [InlineData("plain", "\"plain\"")]
    [InlineData("say \"hi\"", "\"say \\\"hi\\\"\"")]
    [InlineData("C:\\dir", "\"C:\\\\dir\"")]
    [InlineData("a,b=c d\ne", "\"a,b=c d\ne\"")]
    public void QuoteField_Text_EscapesQuotesAndBackslashes(string text, string expected) =>
        InfluxDbNotifier.QuoteField(text).ShouldBe(expected);

    [Theory]
    [InlineData("my series", "my\\ series")]
    [InlineData("a,b=c", "a\\,b=c")]
    public void EscapeMeasurement_Name_EscapesCommasAndSpaces(string name, string expected) =>
        InfluxDbNotifier.EscapeMeasurement(name).ShouldBe(expected);

    [Theory]
    [InlineData("passing", 0)]
    [InlineData("warning", 1)]
    [InlineData("critical", 2)]
    [InlineData("maintenance", 3)]
    public void Value_Status_IsNumeric(string status, int expected) =>
        InfluxDbNotifier.Value(status).ShouldBe(expected);

    [Fact]
    public void Lines_NoTimestamp_LeavesTheTimeToTheServer()
    {
        var message = Messages.Critical() with { Timestamp = DateTimeOffset.MinValue };

        InfluxDbNotifier.Lines([message], "s").ShouldEndWith("notes=\"\"\n");
    }

    [Fact]
    public void ToString_NeverShowsThePassword() =>
        InfluxDbNotifierConfig.From(Config("influxdb", ("password", "pw-SECRET"), ("username", "u"))).ToString().ShouldNotContain("pw-SECRET");
}
