using ConsulAlerts.Notifications;
using ConsulAlerts.Notifications.Notifiers.PagerDuty;
using ConsulAlerts.Tests.Notifications.Testing;
using static ConsulAlerts.Tests.Notifications.Testing.HttpNotifierTesting;

namespace ConsulAlerts.Tests.Notifications.Notifiers.PagerDuty;

public sealed class PagerDutyNotifierTests
{
    private const string ServiceKey = "R0UT1NGKEY-SECRET";

    private static PagerDutyNotifier Notifier() => new(Clients(), TimeProvider.System);

    private static ConsulAlerts.Configuration.NotifierConfig PagerDutyConfig(LoopbackReceiver receiver, params (string Key, string Value)[] more) =>
        Config("pagerduty", [("service-key", ServiceKey), ("base-url", receiver.BaseUrl.ToString()), .. more]);

    [Fact]
    public async Task NotifyAsync_Critical_PostsATriggerEventToEnqueue()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        receiver.Status = 202;
        var config = PagerDutyConfig(receiver, ("client-name", "consul-alerts"), ("client-url", "https://consul.example.com/ui"));

        var result = await Notifier().NotifyAsync([Messages.Critical() with { Notes = "runbook: restart web" }], config, CancellationToken.None);

        result.ShouldBe(NotifyResult.Ok);
        var request = receiver.Single();
        request.Method.ShouldBe("POST");
        request.PathAndQuery.ShouldBe("/v2/enqueue");
        request.Header("Content-Type").ShouldBe("application/json; charset=utf-8");
        var json = request.Json();
        json.GetProperty("routing_key").GetString().ShouldBe(ServiceKey);
        json.GetProperty("event_action").GetString().ShouldBe("trigger");
        json.GetProperty("dedup_key").GetString().ShouldBe("node1:web-1:service:web-1");
        json.GetProperty("client").GetString().ShouldBe("consul-alerts");
        json.GetProperty("client_url").GetString().ShouldBe("https://consul.example.com/ui");
        var payload = json.GetProperty("payload");
        payload.GetProperty("summary").GetString().ShouldBe("node1:web:HTTP on :80 is CRITICAL");
        payload.GetProperty("source").GetString().ShouldBe("node1");
        payload.GetProperty("severity").GetString().ShouldBe("critical");
        payload.GetProperty("component").GetString().ShouldBe("web");
        payload.GetProperty("class").GetString().ShouldBe("HTTP on :80");
        payload.GetProperty("timestamp").GetDateTimeOffset().ShouldBe(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var details = payload.GetProperty("custom_details");
        details.GetProperty("output").GetString().ShouldBe("HTTP GET http://10.0.0.1/: 500");
        details.GetProperty("notes").GetString().ShouldBe("runbook: restart web");
        details.GetProperty("check_id").GetString().ShouldBe("service:web-1");
    }

    [Fact]
    public async Task NotifyAsync_Warning_TriggersWithWarningSeverity()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();

        (await Notifier().NotifyAsync([Messages.Critical() with { Status = "warning" }], PagerDutyConfig(receiver), CancellationToken.None)).ShouldBe(NotifyResult.Ok);

        var json = receiver.Single().Json();
        json.GetProperty("event_action").GetString().ShouldBe("trigger");
        json.GetProperty("payload").GetProperty("severity").GetString().ShouldBe("warning");
        json.GetProperty("payload").GetProperty("summary").GetString().ShouldBe("node1:web:HTTP on :80 is UNSTABLE");
    }

    [Fact]
    public async Task NotifyAsync_TriggerThenPassing_ResolvesWithTheSameDedupKey()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        receiver.Status = 202;
        var critical = Messages.Critical();

        (await Notifier().NotifyAsync([critical], PagerDutyConfig(receiver), CancellationToken.None)).ShouldBe(NotifyResult.Ok);
        (await Notifier().NotifyAsync([critical with { Status = "passing", Output = "HTTP GET: 200" }], PagerDutyConfig(receiver), CancellationToken.None)).ShouldBe(NotifyResult.Ok);

        var requests = receiver.Requests;
        requests.Count.ShouldBe(2);
        var resolve = requests[1].Json();
        requests[1].PathAndQuery.ShouldBe("/v2/enqueue");
        resolve.GetProperty("event_action").GetString().ShouldBe("resolve");
        resolve.GetProperty("routing_key").GetString().ShouldBe(ServiceKey);
        resolve.GetProperty("dedup_key").GetString().ShouldBe(requests[0].Json().GetProperty("dedup_key").GetString());
        resolve.TryGetProperty("payload", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task NotifyAsync_NodeCheck_KeysByNodeAndCheckOnly()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();

        (await Notifier().NotifyAsync(CriticalAndPassing(), PagerDutyConfig(receiver), CancellationToken.None)).ShouldBe(NotifyResult.Ok);

        var requests = receiver.Requests;
        requests.Count.ShouldBe(2);
        requests[1].Json().GetProperty("dedup_key").GetString().ShouldBe("node2:serfHealth");
        requests[1].Json().GetProperty("event_action").GetString().ShouldBe("resolve");
    }

    [Theory]
    [MemberData(nameof(VendorStatuses.Table), MemberType = typeof(VendorStatuses))]
    public async Task NotifyAsync_Status_IsClassified(int status, bool success, bool retryable)
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        receiver.Status = status;

        var result = await Notifier().NotifyAsync([Messages.Critical()], PagerDutyConfig(receiver), CancellationToken.None);

        if (success)
        {
            result.ShouldBe(NotifyResult.Ok);
        }
        else
        {
            ShouldBeSecretFreeFailure(result, retryable, receiver.BaseUrl.ToString(), ServiceKey);
            result.Error.ShouldStartWith("trigger node1:web-1:service:web-1: HTTP ");
        }
    }

    [Fact]
    public async Task NotifyAsync_TooManyRequests_CarriesRetryAfter()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        receiver.Status = 429;
        receiver.ResponseHeaders["Retry-After"] = "12";

        var result = await Notifier().NotifyAsync([Messages.Critical()], PagerDutyConfig(receiver), CancellationToken.None);

        result.Retryable.ShouldBeTrue();
        result.RetryAfter.ShouldBe(TimeSpan.FromSeconds(12));
    }

    [Fact]
    public async Task NotifyAsync_ConnectionRefused_IsRetryableWithoutTheKey()
    {
        var url = LoopbackReceiver.RefusingUrl("/");

        var result = await Notifier().NotifyAsync([Messages.Critical()], Config("pagerduty", ("service-key", ServiceKey), ("base-url", url)), CancellationToken.None);

        ShouldBeSecretFreeFailure(result, retryable: true, url, ServiceKey);
    }

    [Fact]
    public async Task NotifyAsync_NoServiceKey_FailsWithoutSending()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();

        var result = await Notifier().NotifyAsync([Messages.Critical()], Config("pagerduty", ("base-url", receiver.BaseUrl.ToString())), CancellationToken.None);

        result.ShouldBe(NotifyResult.Failed("no service-key configured", retryable: false));
        receiver.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task NotifyAsync_BadBaseUrl_FailsWithoutRetry() =>
        (await Notifier().NotifyAsync([Messages.Critical()], Config("pagerduty", ("service-key", ServiceKey), ("base-url", "events.pagerduty.com")), CancellationToken.None))
            .ShouldBe(NotifyResult.Failed("base-url is not an absolute http or https URL", retryable: false));

    [Fact]
    public async Task NotifyAsync_UnknownStatus_SendsNothing()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();

        (await Notifier().NotifyAsync([Messages.Critical() with { Status = "maintenance" }], PagerDutyConfig(receiver), CancellationToken.None)).ShouldBe(NotifyResult.Ok);

        receiver.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task NotifyAsync_Cancelled_Throws()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => Notifier().NotifyAsync([Messages.Critical()], PagerDutyConfig(receiver), cancelled.Token));
    }

    [Fact]
    public void Event_DefaultBaseUrl_IsTheEventsApi() => PagerDutyNotifier.DefaultBaseUrl.ShouldBe("https://events.pagerduty.com");

    [Fact]
    public void Event_LongSummary_IsCutToPagerDutysLimit()
    {
        var settings = PagerDutyNotifierConfig.From(Config("pagerduty", ("service-key", ServiceKey)));

        var pagerDutyEvent = PagerDutyNotifier.Event(Messages.Critical() with { Check = new string('c', 2000) }, settings).ShouldNotBeNull();

        pagerDutyEvent.Payload.ShouldNotBeNull().Summary.Length.ShouldBe(PagerDutyNotifier.MaxSummaryChars);
    }

    [Fact]
    public void Name_IsPagerDuty() => Notifier().Name.ShouldBe("pagerduty");
}
