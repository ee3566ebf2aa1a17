using ConsulAlerts.Configuration;
using ConsulAlerts.Notifications;
using ConsulAlerts.Notifications.Notifiers.VictorOps;
using ConsulAlerts.Tests.Notifications.Testing;
using static ConsulAlerts.Tests.Notifications.Testing.HttpNotifierTesting;

namespace ConsulAlerts.Tests.Notifications.Notifiers.VictorOps;

public sealed class VictorOpsNotifierTests
{
    private const string ApiKey = "vo-SECRET-api-key";

    private const string RoutingKey = "ops-SECRET-route";

    private const string AlertPath = "/integrations/generic/20131114/alert";

    private static VictorOpsNotifier Notifier() => new(Clients(), TimeProvider.System);

    private static NotifierConfig VictorOpsConfig(LoopbackReceiver receiver) =>
        Config("victorops", ("api-key", ApiKey), ("routing-key", RoutingKey), ("base-url", receiver.Url(AlertPath)));

    [Fact]
    public async Task NotifyAsync_Critical_PostsACriticalAlertToTheKeysPath()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();

        var result = await Notifier().NotifyAsync([Messages.Critical() with { Notes = "see runbook" }], VictorOpsConfig(receiver), CancellationToken.None);

        result.ShouldBe(NotifyResult.Ok);
        var request = receiver.Single();
        request.Method.ShouldBe("POST");
        request.PathAndQuery.ShouldBe($"{AlertPath}/{ApiKey}/{RoutingKey}");
        request.Header("Content-Type").ShouldBe("application/json; charset=utf-8");
        var json = request.Json();
        json.GetProperty("message_type").GetString().ShouldBe("CRITICAL");
        json.GetProperty("entity_id").GetString().ShouldBe("node1:web-1:service:web-1");
        json.GetProperty("entity_display_name").GetString().ShouldBe("node1:web:HTTP on :80");
        json.GetProperty("state_message").GetString().ShouldBe("CRITICAL: see runbook\nHTTP GET http://10.0.0.1/: 500");
        json.GetProperty("monitoring_tool").GetString().ShouldBe("consul");
        json.GetProperty("timestamp").GetInt64().ShouldBe(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds());
        json.GetProperty("host_name").GetString().ShouldBe("node1");
        json.GetProperty("monitor_name").GetString().ShouldBe("HTTP on :80");
        json.GetProperty("consul_service").GetString().ShouldBe("web");
        json.GetProperty("consul_service_id").GetString().ShouldBe("web-1");
        json.GetProperty("consul_check_id").GetString().ShouldBe("service:web-1");
    }

    [Theory]
    [InlineData("warning", "WARNING")]
    [InlineData("passing", "RECOVERY")]
    public void Event_Status_IsTheMessageType(string status, string messageType) =>
        VictorOpsNotifier.Event(Messages.Critical() with { Status = status }).ShouldNotBeNull().MessageType.ShouldBe(messageType);

    [Fact]
    public void Event_UnknownStatus_IsNotSent() => VictorOpsNotifier.Event(Messages.Critical() with { Status = "maintenance" }).ShouldBeNull();

    [Fact]
    public async Task NotifyAsync_CriticalThenPassing_RecoversTheSameEntity()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        var critical = Messages.Critical();

        (await Notifier().NotifyAsync([critical], VictorOpsConfig(receiver), CancellationToken.None)).ShouldBe(NotifyResult.Ok);
        (await Notifier().NotifyAsync([critical with { Status = "passing", Output = "200 OK" }], VictorOpsConfig(receiver), CancellationToken.None)).ShouldBe(NotifyResult.Ok);

        var requests = receiver.Requests;
        requests.Count.ShouldBe(2);
        var recovery = requests[1].Json();
        recovery.GetProperty("message_type").GetString().ShouldBe("RECOVERY");
        recovery.GetProperty("entity_id").GetString().ShouldBe(requests[0].Json().GetProperty("entity_id").GetString());
        recovery.GetProperty("state_message").GetString().ShouldBe("RECOVERY: \n200 OK");
    }

    [Fact]
    public async Task NotifyAsync_NodeCheck_LeavesOutTheServiceFields()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();

        (await Notifier().NotifyAsync([CriticalAndPassing()[1]], VictorOpsConfig(receiver), CancellationToken.None)).ShouldBe(NotifyResult.Ok);

        var json = receiver.Single().Json();
        json.GetProperty("entity_id").GetString().ShouldBe("node2:serfHealth");
        json.GetProperty("entity_display_name").GetString().ShouldBe("node2:Serf Health Status");
        json.TryGetProperty("consul_service", out _).ShouldBeFalse();
        json.TryGetProperty("consul_service_id", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task NotifyAsync_KeysWithReservedCharacters_AreEscapedInThePath()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        var config = Config("victorops", ("api-key", "a/b"), ("routing-key", "r?x"), ("base-url", receiver.Url(AlertPath)));

        (await Notifier().NotifyAsync([Messages.Critical()], config, CancellationToken.None)).ShouldBe(NotifyResult.Ok);

        receiver.Single().PathAndQuery.ShouldBe($"{AlertPath}/a%2Fb/r%3Fx");
    }

    [Theory]
    [MemberData(nameof(VendorStatuses.Table), MemberType = typeof(VendorStatuses))]
    public async Task NotifyAsync_Status_IsClassifiedWithoutTheKeys(int status, bool success, bool retryable)
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        receiver.Status = status;

        var result = await Notifier().NotifyAsync([Messages.Critical()], VictorOpsConfig(receiver), CancellationToken.None);

        if (success)
        {
            result.ShouldBe(NotifyResult.Ok);
        }
        else
        {
            ShouldBeSecretFreeFailure(result, retryable, receiver.Url($"{AlertPath}/{ApiKey}/{RoutingKey}"), ApiKey, RoutingKey);
            result.Error.ShouldStartWith("CRITICAL node1:web-1:service:web-1: HTTP ");
        }
    }

    [Fact]
    public async Task NotifyAsync_ConnectionRefused_IsRetryableWithoutTheKeys()
    {
        var url = LoopbackReceiver.RefusingUrl(AlertPath);

        var result = await Notifier().NotifyAsync([Messages.Critical()], Config("victorops", ("api-key", ApiKey), ("routing-key", RoutingKey), ("base-url", url)), CancellationToken.None);

        ShouldBeSecretFreeFailure(result, retryable: true, url, ApiKey, RoutingKey);
    }

    [Theory]
    [InlineData("api-key", "no routing-key configured")]
    [InlineData("routing-key", "no api-key configured")]
    public async Task NotifyAsync_MissingKey_FailsWithoutSending(string setKey, string error)
    {
        await using var receiver = await LoopbackReceiver.StartAsync();

        var result = await Notifier().NotifyAsync([Messages.Critical()], Config("victorops", (setKey, "k1"), ("base-url", receiver.Url(AlertPath))), CancellationToken.None);

        result.ShouldBe(NotifyResult.Failed(error, retryable: false));
        receiver.Requests.ShouldBeEmpty();
    }

    [Fact]
    public void DefaultBaseUrl_IsTheRestEndpoint() =>
        VictorOpsNotifier.DefaultBaseUrl.ShouldBe("https://alert.victorops.com/integrations/generic/20131114/alert");

    [Fact]
    public void ToString_NeverShowsTheKeys() =>
        VictorOpsNotifierConfig.From(Config("victorops", ("api-key", ApiKey), ("routing-key", RoutingKey))).ToString().ShouldNotContain("SECRET");

    [Fact]
    public void Name_IsVictorOps() => Notifier().Name.ShouldBe("victorops");
}
