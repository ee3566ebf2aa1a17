using ConsulAlerts.Configuration;
using ConsulAlerts.Notifications;
using ConsulAlerts.Notifications.Notifiers.OpsGenie;
using ConsulAlerts.Tests.Notifications.Testing;
using static ConsulAlerts.Tests.Notifications.Testing.HttpNotifierTesting;

namespace ConsulAlerts.Tests.Notifications.Notifiers.OpsGenie;

public sealed class OpsGenieNotifierTests
{
    private const string ApiKey = "0a1b2c3d-SECRET-api-key";

    private static OpsGenieNotifier Notifier() => new(Clients(), TimeProvider.System);

    private static NotifierConfig OpsGenieConfig(LoopbackReceiver receiver, params (string Key, string Value)[] more) =>
        Config("opsgenie", [("api-key", ApiKey), ("base-url", receiver.BaseUrl.ToString()), .. more]);

    [Fact]
    public async Task NotifyAsync_Critical_CreatesAnAlertWithTheGenieKey()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        receiver.Status = 202;

        var result = await Notifier().NotifyAsync([Messages.Critical() with { Notes = "restart web" }], OpsGenieConfig(receiver, ("cluster-name", "prod")), CancellationToken.None);

        result.ShouldBe(NotifyResult.Ok);
        var request = receiver.Single();
        request.Method.ShouldBe("POST");
        request.PathAndQuery.ShouldBe("/v2/alerts");
        request.Header("Authorization").ShouldBe($"GenieKey {ApiKey}");
        request.Header("Content-Type").ShouldBe("application/json; charset=utf-8");
        var json = request.Json();
        json.GetProperty("message").GetString().ShouldBe("node1:web:HTTP on :80 is critical.");
        json.GetProperty("alias").GetString().ShouldBe("node1:web-1:service:web-1");
        json.GetProperty("description").GetString().ShouldBe("HTTP GET http://10.0.0.1/: 500\n\nNotes: restart web");
        json.GetProperty("entity").GetString().ShouldBe("prod");
        json.GetProperty("source").GetString().ShouldBe("consul");
        json.GetProperty("priority").GetString().ShouldBe("P1");
        json.GetProperty("tags").EnumerateArray().Select(t => t.GetString()).ShouldBe(["consul", "node1", "web"]);
        json.GetProperty("details").GetProperty("checkId").GetString().ShouldBe("service:web-1");
        json.GetProperty("details").GetProperty("status").GetString().ShouldBe("critical");
    }

    [Fact]
    public async Task NotifyAsync_Warning_CreatesAnAlertWithTheDefaultPriority()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();

        (await Notifier().NotifyAsync([Messages.Critical() with { Status = "warning" }], OpsGenieConfig(receiver), CancellationToken.None)).ShouldBe(NotifyResult.Ok);

        var json = receiver.Single().Json();
        json.GetProperty("priority").GetString().ShouldBe("P3");
        json.GetProperty("entity").GetString().ShouldBe("Consul Alerts");
    }

    [Fact]
    public async Task NotifyAsync_CreateThenPassing_ClosesByTheSameAlias()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        receiver.Status = 202;
        var critical = Messages.Critical();

        (await Notifier().NotifyAsync([critical], OpsGenieConfig(receiver), CancellationToken.None)).ShouldBe(NotifyResult.Ok);
        (await Notifier().NotifyAsync([critical with { Status = "passing", Output = "200 OK" }], OpsGenieConfig(receiver), CancellationToken.None)).ShouldBe(NotifyResult.Ok);

        var requests = receiver.Requests;
        requests.Count.ShouldBe(2);
        var alias = requests[0].Json().GetProperty("alias").GetString();
        alias.ShouldBe("node1:web-1:service:web-1");
        var close = requests[1];
        close.Method.ShouldBe("POST");
        close.PathAndQuery.ShouldBe($"/v2/alerts/{alias}/close?identifierType=alias");
        close.Header("Authorization").ShouldBe($"GenieKey {ApiKey}");
        close.Json().GetProperty("source").GetString().ShouldBe("consul");
        close.Json().GetProperty("note").GetString().ShouldBe("node1:web:HTTP on :80 is passing.\n200 OK");
    }

    [Fact]
    public async Task NotifyAsync_AliasWithReservedCharacters_IsEscapedInThePath()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();

        (await Notifier().NotifyAsync([Messages.Critical(checkId: "a/b?c#d") with { Status = "passing" }], OpsGenieConfig(receiver), CancellationToken.None)).ShouldBe(NotifyResult.Ok);

        // The slash stays escaped (one path segment), the query is only identifierType.
        var request = receiver.Single();
        request.PathAndQuery.ShouldBe("/v2/alerts/node1:web-1:a%2Fb%3Fc%23d/close?identifierType=alias");
    }

    [Fact]
    public void CreateAlert_LongTexts_AreCutToTheApiLimits()
    {
        var settings = OpsGenieNotifierConfig.From(Config("opsgenie", ("cluster-name", new string('e', 600))));
        var message = Messages.Critical(output: new string('o', 20000)) with { Check = new string('c', 200), Service = new string('s', 80) };

        var alert = OpsGenieAlertsApi.CreateAlert(message, settings);

        alert.Message.Length.ShouldBe(OpsGenieAlertsApi.MaxMessageChars);
        alert.Description.Length.ShouldBe(OpsGenieAlertsApi.MaxDescriptionChars);
        alert.Entity.Length.ShouldBe(OpsGenieAlertsApi.MaxEntityChars);
        alert.Tags.ShouldAllBe(t => t.Length <= OpsGenieAlertsApi.MaxTagChars);
    }

    [Fact]
    public async Task NotifyAsync_Batch_SendsOneRequestPerMessage()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();

        (await Notifier().NotifyAsync(CriticalAndPassing(), OpsGenieConfig(receiver), CancellationToken.None)).ShouldBe(NotifyResult.Ok);

        receiver.Requests.Select(r => r.PathAndQuery).ShouldBe(["/v2/alerts", "/v2/alerts/node2:serfHealth/close?identifierType=alias"]);
    }

    [Theory]
    [MemberData(nameof(VendorStatuses.Table), MemberType = typeof(VendorStatuses))]
    public async Task NotifyAsync_Status_IsClassified(int status, bool success, bool retryable)
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        receiver.Status = status;

        var result = await Notifier().NotifyAsync([Messages.Critical()], OpsGenieConfig(receiver), CancellationToken.None);

        if (success)
        {
            result.ShouldBe(NotifyResult.Ok);
        }
        else
        {
            ShouldBeSecretFreeFailure(result, retryable, receiver.BaseUrl.ToString(), ApiKey);
            result.Error.ShouldStartWith("create node1:web-1:service:web-1: HTTP ");
        }
    }

    [Fact]
    public async Task NotifyAsync_ConnectionRefused_IsRetryableWithoutTheKey()
    {
        var url = LoopbackReceiver.RefusingUrl("/");

        var result = await Notifier().NotifyAsync([Messages.Critical()], Config("opsgenie", ("api-key", ApiKey), ("base-url", url)), CancellationToken.None);

        ShouldBeSecretFreeFailure(result, retryable: true, url, ApiKey);
    }

    [Fact]
    public async Task NotifyAsync_NoApiKey_FailsWithoutSending()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();

        var result = await Notifier().NotifyAsync([Messages.Critical()], Config("opsgenie", ("base-url", receiver.BaseUrl.ToString())), CancellationToken.None);

        result.ShouldBe(NotifyResult.Failed("no api-key configured", retryable: false));
        receiver.Requests.ShouldBeEmpty();
    }

    [Fact]
    public void DefaultBaseUrl_IsOpsGenie() => OpsGenieNotifier.DefaultBaseUrl.ShouldBe("https://api.opsgenie.com");

    [Fact]
    public void ToString_NeverShowsTheApiKey() =>
        OpsGenieNotifierConfig.From(Config("opsgenie", ("api-key", ApiKey))).ToString().ShouldNotContain("SECRET");

    [Fact]
    public void Name_IsOpsGenie() => Notifier().Name.ShouldBe("opsgenie");
}
