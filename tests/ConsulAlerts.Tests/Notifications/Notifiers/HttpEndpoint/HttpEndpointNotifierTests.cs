using System.Text.Json;
using ConsulAlerts.Configuration;
using ConsulAlerts.Notifications.Notifiers.HttpEndpoint;
using ConsulAlerts.Tests.Notifications.Testing;
using Microsoft.Extensions.Logging;
using static ConsulAlerts.Tests.Notifications.Testing.HttpNotifierTesting;

namespace ConsulAlerts.Tests.Notifications.Notifiers.HttpEndpoint;

public sealed class HttpEndpointNotifierTests : IDisposable
{
    // The payload example of the Go daemon's README.
    private const string ReadmeTemplate =
        "{{ range $name, $checks := .Nodes }}{{ range $check := $checks }}{{ $name }}:{{$check.Service}}:{{$check.Check}} is {{$check.Status}}.{{ end }}{{ end }}";

    private readonly FakeLoggerProvider _logs = new();
    private readonly ILoggerFactory _loggerFactory;

    public HttpEndpointNotifierTests() => _loggerFactory = LoggerFactory.Create(logging => logging.AddProvider(_logs).SetMinimumLevel(LogLevel.Trace));

    public void Dispose() => _loggerFactory.Dispose();

    [Fact]
    public async Task NotifyAsync_Payload_PostsEachRenderedTemplateToBaseUrlPlusEndpoint()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        var payload = Json(("text", ReadmeTemplate), ("status", "{{.ClusterName}} is {{.SystemStatus}}"), ("counts", "{{.FailCount}}/{{.WarnCount}}/{{.PassCount}}"));
        var config = Config("http-endpoint", ("base-url", receiver.Url("/api")), ("endpoint", "/alerts?source=consul"), ("cluster-name", "prod"), ("payload", payload));

        var result = await Notifier().NotifyAsync(CriticalAndPassing(), config, CancellationToken.None);

        result.Success.ShouldBeTrue(result.Error);
        var request = receiver.Single();
        request.Method.ShouldBe("POST");
        request.PathAndQuery.ShouldBe("/api/alerts?source=consul");
        request.Header("Content-Type").ShouldBe("application/json; charset=utf-8");
        var json = request.Json();
        // Keys in name order, as Go's encoding/json writes a map.
        json.EnumerateObject().Select(p => p.Name).ShouldBe(["counts", "status", "text"]);
        json.GetProperty("text").GetString().ShouldBe("node1:web:HTTP on :80 is critical.node2::Serf Health Status is passing.");
        json.GetProperty("status").GetString().ShouldBe("prod is CRITICAL");
        json.GetProperty("counts").GetString().ShouldBe("1/0/1");
    }

    [Fact]
    public async Task NotifyAsync_PayloadRangingOverServiceTags_RendersEachChecksTags()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        var messages = CriticalAndPassing();
        messages[0] = messages[0] with { ServiceTags = ["v1", "team-web"] };
        var payload = Json(("tags", "{{range .Nodes}}{{range .}}{{.CheckId}}:{{range $i, $t := .ServiceTags}}{{if $i}},{{end}}{{$t}}{{end}};{{end}}{{end}}"));

        var result = await Notifier().NotifyAsync(messages, Config("http-endpoint", ("base-url", receiver.Url("/")), ("payload", payload)), CancellationToken.None);

        result.Success.ShouldBeTrue(result.Error);
        receiver.Single().Json().GetProperty("tags").GetString().ShouldBe($"{messages[0].CheckId}:v1,team-web;serfHealth:;");
    }

    [Fact]
    public async Task NotifyAsync_ValuesWithHtmlCharacters_EscapesThemLikeGoHtmlTemplate()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        var messages = new[] { Messages.Critical(output: "a < b && c's \"x\" + 1") };
        var config = Config("http-endpoint", ("base-url", receiver.Url("/")), ("cluster-name", "R&D"),
            ("payload", """{"output": "{{range .Nodes}}{{range .}}{{.Output}}{{end}}{{end}}", "cluster": "<b>{{.ClusterName}}</b>"}"""));

        (await Notifier().NotifyAsync(messages, config, CancellationToken.None)).Success.ShouldBeTrue();

        var json = receiver.Single().Json();
        json.GetProperty("output").GetString().ShouldBe("a &lt; b &amp;&amp; c&#39;s &#34;x&#34; &#43; 1");
        json.GetProperty("cluster").GetString().ShouldBe("<b>R&amp;D</b>");
    }

    [Fact]
    public async Task NotifyAsync_NoPayload_PostsAnEmptyObjectLikeGo()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();

        var result = await Notifier().NotifyAsync(CriticalAndPassing(), Config("http-endpoint", ("base-url", receiver.Url("/hook"))), CancellationToken.None);

        result.Success.ShouldBeTrue(result.Error);
        receiver.Single().Body.ShouldBe("{}");
    }

    [Theory]
    [InlineData("{{ .ClusterName", "payload text: template: text:1:1: unclosed action", 1, 1)]
    [InlineData("ok\n{{ range .Nodes }}{{ range . }}\n  {{ .Nope }}{{ end }}{{ end }}", "payload text: template: text:3:6: executing \"text\" at <.Nope>: can't evaluate field Nope in type Message", 3, 6)]
    public async Task NotifyAsync_TemplateError_LogsLineAndColumnAndFailsWithoutRetryOrRequest(string template, string error, int line, int column)
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        var payload = Json(("text", template), ("fine", "x"));
        var config = Config("http-endpoint", ("base-url", receiver.Url("/hook")), ("payload", payload));

        var result = await Notifier().NotifyAsync(CriticalAndPassing(), config, CancellationToken.None);

        result.ShouldSatisfyAllConditions(
            () => result.Success.ShouldBeFalse(),
            () => result.Retryable.ShouldBeFalse(),
            () => result.Error.ShouldBe(error));
        receiver.Requests.ShouldBeEmpty();
        _logs.Messages.ShouldContain(m => m.Contains($"payload template text failed at line {line}, column {column}", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("[\"{{.ClusterName}}\"]", "payload is not a JSON object")]
    [InlineData("{\"n\": 1}", "payload: the value of n is not a string (a template)")]
    [InlineData("{\"n\": ", "payload is not valid JSON")]
    public async Task NotifyAsync_PayloadNotAnObjectOfStrings_FailsWithoutRetryOrRequest(string payload, string error)
    {
        await using var receiver = await LoopbackReceiver.StartAsync();

        var result = await Notifier().NotifyAsync(CriticalAndPassing(), Config("http-endpoint", ("base-url", receiver.Url("/")), ("payload", payload)), CancellationToken.None);

        result.ShouldBe(ConsulAlerts.Notifications.NotifyResult.Failed(error, retryable: false));
        receiver.Requests.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(500, true)]
    [InlineData(503, true)]
    [InlineData(429, true)]
    [InlineData(400, false)]
    [InlineData(404, false)]
    public async Task NotifyAsync_ErrorStatus_ClassifiedWithoutNamingTheUrl(int status, bool retryable)
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        receiver.Status = status;
        var url = receiver.Url(SecretPath);

        var result = await Notifier().NotifyAsync(CriticalAndPassing(), Config("http-endpoint", ("base-url", url)), CancellationToken.None);

        ShouldBeSecretFreeFailure(result, retryable, url);
    }

    [Fact]
    public async Task NotifyAsync_Accepted202_IsSuccess()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        receiver.Status = 202;

        (await Notifier().NotifyAsync(CriticalAndPassing(), Config("http-endpoint", ("base-url", receiver.Url("/"))), CancellationToken.None)).Success.ShouldBeTrue();
    }

    [Fact]
    public async Task NotifyAsync_ConnectionRefused_IsRetryable()
    {
        var url = LoopbackReceiver.RefusingUrl("/hook");

        var result = await Notifier().NotifyAsync(CriticalAndPassing(), Config("http-endpoint", ("base-url", url)), CancellationToken.None);

        ShouldBeSecretFreeFailure(result, retryable: true, url, "127.0.0.1");
    }

    [Theory]
    [InlineData(null, "no base-url configured")]
    [InlineData("example.com/hook", "base-url and endpoint do not make an absolute http or https URL")]
    [InlineData("ftp://example.com", "base-url and endpoint do not make an absolute http or https URL")]
    public async Task NotifyAsync_MissingOrBadBaseUrl_FailsWithoutRetry(string? baseUrl, string error)
    {
        var config = baseUrl is null ? Config("http-endpoint", ("endpoint", "/x")) : Config("http-endpoint", ("base-url", baseUrl));

        var result = await Notifier().NotifyAsync(CriticalAndPassing(), config, CancellationToken.None);

        result.ShouldBe(ConsulAlerts.Notifications.NotifyResult.Failed(error, retryable: false));
    }

    [Fact]
    public void Name_IsHttpEndpoint() => Notifier().Name.ShouldBe("http-endpoint");

    [Fact]
    public void PayloadKey_IsAJsonObjectInTheSchema() => NotifierKeys.All["http-endpoint"]["payload"].ShouldBe(NotifierKeyType.JsonObject);

    private static string Json(params (string Name, string Template)[] payload) =>
        JsonSerializer.Serialize(payload.ToDictionary(p => p.Name, p => p.Template));

    private HttpEndpointNotifier Notifier() => new(Clients(), TimeProvider.System, _loggerFactory.CreateLogger<HttpEndpointNotifier>());

    [Fact]
    public async Task NotifyAsync_TemplateReachingVarOverrides_RendersNoSettingOrSecret()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        var payload = Json(("overrides", "{{range .Nodes}}{{range .}}{{.VarOverrides}}|{{index .VarOverrides \"slack\"}}{{end}}{{end}}"));

        var result = await Notifier().NotifyAsync([Messages.WithOverrides()], Config("http-endpoint", ("base-url", receiver.Url("/")), ("payload", payload)), CancellationToken.None);

        result.Success.ShouldBeTrue(result.Error);
        var body = receiver.Single().Body;
        foreach (var secret in Messages.ForeignSecrets)
        {
            body.ShouldNotContain(secret);
        }

        receiver.Single().Json().GetProperty("overrides").GetString().ShouldBe("map[]|");
    }
}
