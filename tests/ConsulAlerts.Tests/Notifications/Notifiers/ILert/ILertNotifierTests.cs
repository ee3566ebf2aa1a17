using ConsulAlerts.Configuration;
using ConsulAlerts.Notifications;
using ConsulAlerts.Notifications.Notifiers.ILert;
using ConsulAlerts.Tests.Notifications.Testing;
using Microsoft.Extensions.Logging;
using static ConsulAlerts.Tests.Notifications.Testing.HttpNotifierTesting;

namespace ConsulAlerts.Tests.Notifications.Notifiers.ILert;

public sealed class ILertNotifierTests
{
    private const string ApiKey = "il1api-SECRET-key";

    private static ILertNotifier Notifier(FakeLoggerProvider? logs = null)
    {
        var factory = LoggerFactory.Create(logging => logging.AddProvider(logs ?? new FakeLoggerProvider()));
        return new ILertNotifier(Clients(), TimeProvider.System, factory.CreateLogger<ILertNotifier>());
    }

    private static NotifierConfig ILertConfig(LoopbackReceiver receiver, params (string Key, string Value)[] more) =>
        Config("ilert", [("api-key", ApiKey), ("base-url", receiver.BaseUrl.ToString()), .. more]);

    [Fact]
    public async Task NotifyAsync_Critical_PostsAnAlertEvent()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();

        var result = await Notifier().NotifyAsync([Messages.Critical()], ILertConfig(receiver), CancellationToken.None);

        result.ShouldBe(NotifyResult.Ok);
        var request = receiver.Single();
        request.Method.ShouldBe("POST");
        request.PathAndQuery.ShouldBe("/api/v1/events");
        request.Header("Content-Type").ShouldBe("application/json; charset=utf-8");
        var json = request.Json();
        json.GetProperty("apiKey").GetString().ShouldBe(ApiKey);
        json.GetProperty("eventType").GetString().ShouldBe("ALERT");
        json.GetProperty("summary").GetString().ShouldBe("node1:web:HTTP on :80 is CRITICAL");
        json.GetProperty("details").GetString().ShouldBe("HTTP GET http://10.0.0.1/: 500");
        json.GetProperty("incidentKey").GetString().ShouldBe("node1:web:HTTP on :80");
    }

    [Fact]
    public async Task NotifyAsync_AlertThenPassing_ResolvesTheSameIncidentKey()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        var critical = Messages.Critical();

        (await Notifier().NotifyAsync([critical], ILertConfig(receiver), CancellationToken.None)).ShouldBe(NotifyResult.Ok);
        (await Notifier().NotifyAsync([critical with { Status = "passing", Output = "OK" }], ILertConfig(receiver), CancellationToken.None)).ShouldBe(NotifyResult.Ok);

        var requests = receiver.Requests;
        requests.Count.ShouldBe(2);
        var resolve = requests[1].Json();
        requests[1].PathAndQuery.ShouldBe("/api/v1/events");
        resolve.GetProperty("eventType").GetString().ShouldBe("RESOLVE");
        resolve.GetProperty("summary").GetString().ShouldBe("node1:web:HTTP on :80 is now HEALTHY");
        resolve.GetProperty("incidentKey").GetString().ShouldBe(requests[0].Json().GetProperty("incidentKey").GetString());
    }

    [Fact]
    public void Event_Warning_ResolvesAsTheGoDaemonDoes()
    {
        var ilertEvent = ILertNotifier.Event(Messages.Critical() with { Status = "warning", Output = "WARN" }, ApiKey, "k").ShouldNotBeNull();

        ilertEvent.ShouldBe(new ILertEvent(ApiKey, "RESOLVE", "k is WARNING", "WARN", "k"));
    }

    [Fact]
    public void Event_UnknownStatus_IsNotSent() => ILertNotifier.Event(Messages.Critical() with { Status = "maintenance" }, ApiKey, "k").ShouldBeNull();

    [Theory]
    [InlineData("{{.Check}}:{{.Node}}:{{.Service}}", null, "HTTP on :80:node1:web")]
    [InlineData("{{.Node}}/{{.CheckId}}{{if .IsCritical}}!{{end}}", null, "node1/service:web-1!")]
    [InlineData(null, "false", "web:HTTP on :80")]
    [InlineData(null, "true", "node1:web:HTTP on :80")]
    [InlineData("{{.Check}}", "false", "HTTP on :80")]
    public async Task NotifyAsync_KeyTemplate_RendersTheIncidentKey(string? template, string? includeHost, string key)
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        var more = new List<(string, string)>();
        if (template is not null)
        {
            more.Add(("incident-key-template", template));
        }

        if (includeHost is not null)
        {
            more.Add(("incident-key-include-host", includeHost));
        }

        (await Notifier().NotifyAsync([Messages.Critical()], ILertConfig(receiver, [.. more]), CancellationToken.None)).ShouldBe(NotifyResult.Ok);

        receiver.Single().Json().GetProperty("incidentKey").GetString().ShouldBe(key);
    }

    [Theory]
    [InlineData("{{.Node}}:\n{{.Service", 2, "is invalid")]
    [InlineData("{{.Node}}:{{.Nope}}", 1, "failed for check node1/service:web-1")]
    public async Task NotifyAsync_BadTemplate_LogsWhereAndUsesTheDefaultKey(string template, int line, string what)
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        var logs = new FakeLoggerProvider();

        var result = await Notifier(logs).NotifyAsync([Messages.Critical()], ILertConfig(receiver, ("incident-key-template", template)), CancellationToken.None);

        result.ShouldBe(NotifyResult.Ok);
        receiver.Single().Json().GetProperty("incidentKey").GetString().ShouldBe("node1:web:HTTP on :80");
        var log = logs.Messages.ShouldHaveSingleItem();
        log.ShouldContain(what);
        log.ShouldContain($"at line {line}, column ");
        log.ShouldNotContain(ApiKey);
    }

    [Theory]
    [MemberData(nameof(VendorStatuses.Table), MemberType = typeof(VendorStatuses))]
    public async Task NotifyAsync_Status_IsClassified(int status, bool success, bool retryable)
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        receiver.Status = status;

        var result = await Notifier().NotifyAsync([Messages.Critical()], ILertConfig(receiver), CancellationToken.None);

        if (success)
        {
            result.ShouldBe(NotifyResult.Ok);
        }
        else
        {
            ShouldBeSecretFreeFailure(result, retryable, receiver.BaseUrl.ToString(), ApiKey);
            result.Error.ShouldStartWith("ALERT node1:web:HTTP on :80: HTTP ");
        }
    }

    [Fact]
    public async Task NotifyAsync_ConnectionRefused_IsRetryableWithoutTheKey()
    {
        var url = LoopbackReceiver.RefusingUrl("/");

        var result = await Notifier().NotifyAsync([Messages.Critical()], Config("ilert", ("api-key", ApiKey), ("base-url", url)), CancellationToken.None);

        ShouldBeSecretFreeFailure(result, retryable: true, url, ApiKey);
    }

    [Fact]
    public async Task NotifyAsync_NoApiKey_FailsWithoutSending()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();

        var result = await Notifier().NotifyAsync([Messages.Critical()], Config("ilert", ("base-url", receiver.BaseUrl.ToString())), CancellationToken.None);

        result.ShouldBe(NotifyResult.Failed("no api-key configured", retryable: false));
        receiver.Requests.ShouldBeEmpty();
    }

    [Fact]
    public void DefaultBaseUrl_IsTheILertApi() => ILertNotifier.DefaultBaseUrl.ShouldBe("https://api.ilert.com");

    [Fact]
    public void ToString_NeverShowsTheApiKey() => ILertNotifierConfig.From(Config("ilert", ("api-key", ApiKey))).ToString().ShouldNotContain("SECRET");

    [Fact]
    public void Name_IsILert() => Notifier().Name.ShouldBe("ilert");

    [Fact]
    public async Task NotifyAsync_KeyTemplateReachingVarOverrides_SendsNoSettingOrSecret()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();

        var result = await Notifier().NotifyAsync([Messages.WithOverrides()], ILertConfig(receiver, ("incident-key-template", "{{.Node}}{{.VarOverrides}}")), CancellationToken.None);

        result.ShouldBe(NotifyResult.Ok);
        receiver.Single().Json().GetProperty("incidentKey").GetString().ShouldBe("node1map[]");
    }
}
