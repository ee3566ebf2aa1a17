using ConsulAlerts.Configuration;
using ConsulAlerts.Notifications;
using ConsulAlerts.Notifications.Http;
using ConsulAlerts.Notifications.Notifiers.Jsm;
using ConsulAlerts.Tests.Notifications.Testing;
using static ConsulAlerts.Tests.Notifications.Testing.HttpNotifierTesting;

namespace ConsulAlerts.Tests.Notifications.Notifiers.Jsm;

public sealed class JsmNotifierTests
{
    private const string ApiKey = "jsm-SECRET-integration-key";

    private const string IntegrationPath = "/jsm/ops/integration";

    private static JsmNotifier Notifier() => new(Clients(), TimeProvider.System);

    private static NotifierConfig JsmConfig(LoopbackReceiver receiver) =>
        Config("jsm", ("api-key", ApiKey), ("base-url", receiver.Url(IntegrationPath)), ("cluster-name", "prod"));

    [Fact]
    public void DefaultBaseUrl_IsTheIntegrationApiOfJiraServiceManagement()
    {
        VendorApi.TryEndpoint(null, JsmNotifier.DefaultBaseUrl, "/v2/alerts", out var url, out _).ShouldBeTrue();

        url!.AbsoluteUri.ShouldBe("https://api.atlassian.com/jsm/ops/integration/v2/alerts");
    }

    [Fact]
    public async Task NotifyAsync_CriticalThenPassing_CreatesThenClosesByAlias()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        receiver.Status = 202;
        var critical = Messages.Critical();

        (await Notifier().NotifyAsync([critical], JsmConfig(receiver), CancellationToken.None)).ShouldBe(NotifyResult.Ok);
        (await Notifier().NotifyAsync([critical with { Status = "passing" }], JsmConfig(receiver), CancellationToken.None)).ShouldBe(NotifyResult.Ok);

        var requests = receiver.Requests;
        requests.Count.ShouldBe(2);
        requests[0].Method.ShouldBe("POST");
        requests[0].PathAndQuery.ShouldBe($"{IntegrationPath}/v2/alerts");
        requests[0].Header("Authorization").ShouldBe($"GenieKey {ApiKey}");
        var alert = requests[0].Json();
        alert.GetProperty("alias").GetString().ShouldBe("node1:web-1:service:web-1");
        alert.GetProperty("message").GetString().ShouldBe("node1:web:HTTP on :80 is critical.");
        alert.GetProperty("entity").GetString().ShouldBe("prod");
        alert.GetProperty("source").GetString().ShouldBe("consul");
        alert.GetProperty("priority").GetString().ShouldBe("P1");
        requests[1].PathAndQuery.ShouldBe($"{IntegrationPath}/v2/alerts/node1:web-1:service:web-1/close?identifierType=alias");
        requests[1].Header("Authorization").ShouldBe($"GenieKey {ApiKey}");
    }

    [Theory]
    [MemberData(nameof(VendorStatuses.Table), MemberType = typeof(VendorStatuses))]
    public async Task NotifyAsync_Status_IsClassified(int status, bool success, bool retryable)
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        receiver.Status = status;

        var result = await Notifier().NotifyAsync([Messages.Critical() with { Status = "passing" }], JsmConfig(receiver), CancellationToken.None);

        if (success)
        {
            result.ShouldBe(NotifyResult.Ok);
        }
        else
        {
            ShouldBeSecretFreeFailure(result, retryable, receiver.Url(IntegrationPath), ApiKey);
            result.Error.ShouldStartWith("close node1:web-1:service:web-1: HTTP ");
        }
    }

    [Fact]
    public async Task NotifyAsync_NoApiKey_FailsWithoutSending()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();

        var result = await Notifier().NotifyAsync([Messages.Critical()], Config("jsm", ("base-url", receiver.Url(IntegrationPath))), CancellationToken.None);

        result.ShouldBe(NotifyResult.Failed("no api-key configured", retryable: false));
        receiver.Requests.ShouldBeEmpty();
    }

    [Fact]
    public void Name_IsJsm() => Notifier().Name.ShouldBe("jsm");
}
