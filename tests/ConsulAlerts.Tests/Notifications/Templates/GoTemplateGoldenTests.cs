using ConsulAlerts.Notifications;
using ConsulAlerts.Notifications.Templates;

namespace ConsulAlerts.Tests.Notifications.Templates;

/// <summary>
/// Templates shipped with or documented by the Go daemon, rendered with a realistic data set.
/// Expected outputs are derived from Go's semantics: html/template escaping for the email
/// (including <c>+</c> as <c>&amp;#43;</c>), maps ranged in key order, untrimmed template whitespace.
/// </summary>
public sealed class GoTemplateGoldenTests
{
    private const string ExpectedEmail = """

        <!DOCTYPE html>
        <html lang="en">
        »<head>
          »»<title>prod-eu</title>
        »</head>

        »<body style="width:100% !important; min-width: 100%; -webkit-text-size-adjust:100%; -ms-text-size-adjust:100%; margin:0; padding:0; font-family: 'Helvetica', 'Arial', sans-serif; color: #000000;">

        »»<div style="margin-left: auto; margin-right: auto; width: 36em; padding: 10dp; font-weight: bold; color: #ffffff; background-color: #e13329;">
        »»»<div style="padding: 10px;">
        »»»»prod-eu
        »»»</div>
        »»</div>

        »»<div style="margin-left: auto; margin-right: auto; width: 36em; margin-top: 10px; margin-bottom: 10px; padding: 10dp">
        »»»<p>
        »»»<span style="font-weight: bold; font-size: 1.05em;">System is CRITICAL</span>
        »»»<br/>
        »»»<span style="font-size: 0.9em;">The following nodes are currently experiencing issues:</span>
        »»»<div style="font-size: 0.85em;">
        »»»»<div style="float: left; width: 33%;">
        »»»»»<strong>Failed: </strong>
        »»»»»<span>1</span>
        »»»»</div>
        »»»»<div style="float: right; width: 33%;">
        »»»»»<strong>Warning: </strong>
        »»»»»<span>1</span>
        »»»»</div>
        »»»»<div style="display: inline-block; width: 33%;">
        »»»»»<strong>Passed: </strong>
        »»»»»<span>1</span>
        »»»»</div>
        »»»</div>
        »»»</p>

        »»</div>

        »»
        »»<div style="margin-left: auto; margin-right: auto; width: 36em; padding-top: 5px; padding-bottom: 20px;">
        »»»<div style="font-size: 1.1em;">
        »»»»<strong>Node: </strong>
        »»»»<strong>node-a</strong>
        »»»</div>

        »»»
        »»»<div style="margin-top: 15px; padding: 10px; background-color: #eebb00;">
        »»»»<div style="font-weight: bold; font-size: 1.1em;">
        »»»»»
        »»»»»Memory usage
        »»»»</div>
        »»»»<div style="font-size: 0.85em;">
        »»»»»<strong>Since: </strong>
        »»»»»<span>2026-03-04 05:00:00 &#43;0000 UTC</span>
        »»»»</div>
        »»»»
        »»»»<div style="padding-top: 15px;">
        »»»»»<strong>Output:</strong>
        »»»»»<pre>93% used</pre>
        »»»»</div>
        »»»</div>
        »»»
        »»»<div style="margin-top: 15px; padding: 10px; background-color: #24c75a;">
        »»»»<div style="font-weight: bold; font-size: 1.1em;">
        »»»»»
        »»»»»redis:
        »»»»»
        »»»»»Redis PING
        »»»»</div>
        »»»»<div style="font-size: 0.85em;">
        »»»»»<strong>Since: </strong>
        »»»»»<span>2026-03-04 05:01:02.5 &#43;0000 UTC</span>
        »»»»</div>
        »»»»
        »»»»<div style="padding-top: 15px;">
        »»»»»<strong>Output:</strong>
        »»»»»<pre>PONG</pre>
        »»»»</div>
        »»»</div>
        »»»

        »»</div>
        »»
        »»<div style="margin-left: auto; margin-right: auto; width: 36em; padding-top: 5px; padding-bottom: 20px;">
        »»»<div style="font-size: 1.1em;">
        »»»»<strong>Node: </strong>
        »»»»<strong>node-b</strong>
        »»»</div>

        »»»
        »»»<div style="margin-top: 15px; padding: 10px; background-color: #e13329;">
        »»»»<div style="font-weight: bold; font-size: 1.1em;">
        »»»»»
        »»»»»web:
        »»»»»
        »»»»»HTTP on 80
        »»»»</div>
        »»»»<div style="font-size: 0.85em;">
        »»»»»<strong>Since: </strong>
        »»»»»<span>2026-03-04 05:06:07.25 &#43;0000 UTC</span>
        »»»»</div>
        »»»»
        »»»»<div style="padding-top: 15px;">
        »»»»»<strong>Notes: </strong>
        »»»»»<pre>See the &#39;web&#39; runbook</pre>
        »»»»</div>
        »»»»
        »»»»<div style="padding-top: 15px;">
        »»»»»<strong>Output:</strong>
        »»»»»<pre>HTTP GET http://10.0.0.2/health: 500 &lt;Internal Server Error&gt;</pre>
        »»»»</div>
        »»»</div>
        »»»

        »»</div>
        »»


        »</body>

        </html>

        """;

    private static readonly DateTimeOffset Base = new(2026, 3, 4, 5, 0, 0, TimeSpan.Zero);

    private static readonly Message Memory = new()
    {
        Node = "node-a", CheckId = "mem", Check = "Memory usage", Status = "warning", Output = "93% used", Timestamp = Base,
    };

    private static readonly Message Redis = new()
    {
        Node = "node-a", ServiceId = "redis-1", Service = "redis", CheckId = "service:redis-1", Check = "Redis PING",
        Status = "passing", Output = "PONG", Timestamp = Base.AddSeconds(62.5),
    };

    private static readonly Message Web = new()
    {
        Node = "node-b", ServiceId = "web-1", Service = "web", CheckId = "service:web-1", Check = "HTTP on 80",
        Status = "critical", Output = "HTTP GET http://10.0.0.2/health: 500 <Internal Server Error>",
        Notes = "See the 'web' runbook", Timestamp = Base.AddSeconds(367.25),
    };

    // node-b is inserted first: output order must come from sorting, not insertion.
    private static readonly TemplateData Data = new()
    {
        ClusterName = "prod-eu",
        SystemStatus = "CRITICAL",
        FailCount = 1,
        WarnCount = 1,
        PassCount = 1,
        Nodes = new Dictionary<string, IReadOnlyList<Message>>
        {
            ["node-b"] = [Web],
            ["node-a"] = [Memory, Redis],
        },
    };

    [Fact]
    public void Execute_DefaultEmailTemplate_MatchesGoHtmlTemplateOutput()
    {
        var template = GoTemplate.Parse("base", GoDaemonTemplates.Email, GoTemplateOptions.Html);

        template.Execute(Data).ShouldBe(Tabs(ExpectedEmail));
    }

    [Fact]
    public void Execute_HttpEndpointPayloadExample_ListsEveryCheckInNodeOrder()
    {
        const string payload = "{{ range $name, $checks := .Nodes }}{{ range $check := $checks }}{{ $name }}:{{$check.Service}}:{{$check.Check}} is {{$check.Status}}.{{ end }}{{ end }}";

        GoTemplate.Parse("payload", payload).Execute(Data)
            .ShouldBe("node-a::Memory usage is warning.node-a:redis:Redis PING is passing.node-b:web:HTTP on 80 is critical.");
    }

    [Fact]
    public void Execute_HttpEndpointSummaryValue_RendersCounts()
    {
        const string payload = "{{.ClusterName}} is {{.SystemStatus}}{{if not .IsPassing}} (fail {{.FailCount}}, warn {{.WarnCount}}){{end}}";

        GoTemplate.Parse("payload", payload).Execute(Data).ShouldBe("prod-eu is CRITICAL (fail 1, warn 1)");
    }

    [Theory]
    [InlineData("{{.Node}}:{{.Service}}:{{.Check}}", "node-b:web:HTTP on 80")]
    [InlineData("{{.Service}}:{{.Check}}", "web:HTTP on 80")]
    public void Execute_ILertIncidentKeyTemplate_RendersMessageKey(string template, string expected) =>
        GoTemplate.Parse("incident-key", template).Execute(Web).ShouldBe(expected);

    [Fact]
    public void Execute_IncidentKeyForServicelessCheck_KeepsEmptySegment() =>
        GoTemplate.Parse("incident-key", "{{.Node}}:{{.Service}}:{{.Check}}").Execute(Memory).ShouldBe("node-a::Memory usage");

    [Fact]
    public void Execute_SnsDefaultTemplate_MatchesGoOutput()
    {
        const string sns = "\n{{ range $name, $checks := .Nodes }}{{ range $check := $checks }}{{ $name }}:{{$check.Service}}:{{$check.Check}} is {{$check.Status}}.{{ end }}{{ end }}";

        GoTemplate.Parse("sns", sns).Execute(Data)
            .ShouldBe("\nnode-a::Memory usage is warning.node-a:redis:Redis PING is passing.node-b:web:HTTP on 80 is critical.");
    }

    private static string Tabs(string text) => GoDaemonTemplates.Tabs(text);
}
