using ConsulAlerts.Notifications;
using ConsulAlerts.Notifications.Templates;

namespace ConsulAlerts.Tests.Notifications.Templates;

/// <summary>
/// The templates users took from the Go daemon (its README's http-endpoint payload, its iLert incident key template and
/// test, its templating test, its default email template) rendered by our engine on the real <see cref="TemplateData"/>
/// and <see cref="Message"/>, against the text Go prints for the same data. Points worth knowing:
/// <list type="bullet">
/// <item>The Go daemon rendered the email and http-endpoint payloads with <c>html/template</c>, which escapes every
/// printed value (<c>&lt; &gt; &amp; ' " +</c>, so the <c>+</c> of a time zone offset becomes <c>&amp;#43;</c>); the iLert
/// key used <c>text/template</c>, which escapes nothing.</item>
/// <item><c>range</c> over <c>.Nodes</c> (a Go map) visits node names in byte order: digits, then upper case, then
/// <c>_</c>, then lower case; never in batch order.</item>
/// <item>A time prints as Go's <c>time.Time.String()</c>: <c>2026-03-04 05:06:07.25 +0000 UTC</c>, the fraction without
/// trailing zeros and left out when zero. Messages carry UTC times, whose zone Go names <c>UTC</c>.</item>
/// <item>Template whitespace is kept as written: <c>{{ with }}</c> blocks and <c>range</c> leave their indentation and line breaks.</item>
/// <item>Errors carry a 1-based line and column. Go prints only the line for a parse error, and for an execution error
/// a 0-based column (one less than ours), and names types with their Go package (<c>notifier.TemplateData</c>).</item>
/// </list>
/// Expected strings were worked out from Go's semantics and checked against Go's own html/template and text/template.
/// Tabs in the long templates are written as '»'.
/// </summary>
public sealed class GoReadmeTemplateTests
{
    // The http-endpoint payload example of the Go daemon's README (also its SNS default template, less the leading newline).
    private const string ReadmePayload =
        "{{ range $name, $checks := .Nodes }}{{ range $check := $checks }}{{ $name }}:{{$check.Service}}:{{$check.Check}} is {{$check.Status}}.{{ end }}{{ end }}";

    // Go's output for its email test's batch: no messages, cluster "Some Cluster".
    private const string EmailForEmptyBatch = """

        <!DOCTYPE html>
        <html lang="en">
        »<head>
          »»<title>Some Cluster</title>
        »</head>

        »<body style="width:100% !important; min-width: 100%; -webkit-text-size-adjust:100%; -ms-text-size-adjust:100%; margin:0; padding:0; font-family: 'Helvetica', 'Arial', sans-serif; color: #000000;">

        »»<div style="margin-left: auto; margin-right: auto; width: 36em; padding: 10dp; font-weight: bold; color: #ffffff; background-color: #24c75a;">
        »»»<div style="padding: 10px;">
        »»»»Some Cluster
        »»»</div>
        »»</div>

        »»<div style="margin-left: auto; margin-right: auto; width: 36em; margin-top: 10px; margin-bottom: 10px; padding: 10dp">
        »»»<p>
        »»»<span style="font-weight: bold; font-size: 1.05em;">System is HEALTHY</span>
        »»»<br/>
        »»»<span style="font-size: 0.9em;">The following nodes are currently experiencing issues:</span>
        »»»<div style="font-size: 0.85em;">
        »»»»<div style="float: left; width: 33%;">
        »»»»»<strong>Failed: </strong>
        »»»»»<span>0</span>
        »»»»</div>
        »»»»<div style="float: right; width: 33%;">
        »»»»»<strong>Warning: </strong>
        »»»»»<span>0</span>
        »»»»</div>
        »»»»<div style="display: inline-block; width: 33%;">
        »»»»»<strong>Passed: </strong>
        »»»»»<span>0</span>
        »»»»</div>
        »»»</div>
        »»»</p>

        »»</div>

        »»


        »</body>

        </html>

        """;

    // Go's output for Batch() below.
    private const string EmailForBatch = """

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
        »»»»<strong>db-1</strong>
        »»»</div>

        »»»
        »»»<div style="margin-top: 15px; padding: 10px; background-color: #24c75a;">
        »»»»<div style="font-weight: bold; font-size: 1.1em;">
        »»»»»
        »»»»»Serf Health Status
        »»»»</div>
        »»»»<div style="font-size: 0.85em;">
        »»»»»<strong>Since: </strong>
        »»»»»<span>2026-03-04 05:00:00 &#43;0000 UTC</span>
        »»»»</div>
        »»»»
        »»»»<div style="padding-top: 15px;">
        »»»»»<strong>Output:</strong>
        »»»»»<pre>Agent alive and reachable</pre>
        »»»»</div>
        »»»</div>
        »»»

        »»</div>
        »»
        »»<div style="margin-left: auto; margin-right: auto; width: 36em; padding-top: 5px; padding-bottom: 20px;">
        »»»<div style="font-size: 1.1em;">
        »»»»<strong>Node: </strong>
        »»»»<strong>web-2</strong>
        »»»</div>

        »»»
        »»»<div style="margin-top: 15px; padding: 10px; background-color: #e13329;">
        »»»»<div style="font-weight: bold; font-size: 1.1em;">
        »»»»»
        »»»»»web:
        »»»»»
        »»»»»HTTP &lt;port 80&gt;
        »»»»</div>
        »»»»<div style="font-size: 0.85em;">
        »»»»»<strong>Since: </strong>
        »»»»»<span>2026-03-04 05:06:07.25 &#43;0000 UTC</span>
        »»»»</div>
        »»»»
        »»»»<div style="padding-top: 15px;">
        »»»»»<strong>Notes: </strong>
        »»»»»<pre>Restart with &#39;systemctl restart web&#39;</pre>
        »»»»</div>
        »»»»
        »»»»<div style="padding-top: 15px;">
        »»»»»<strong>Output:</strong>
        »»»»»<pre>HTTP GET http://10.0.0.2/: 503 Service Unavailable</pre>
        »»»»</div>
        »»»</div>
        »»»
        »»»<div style="margin-top: 15px; padding: 10px; background-color: #eebb00;">
        »»»»<div style="font-weight: bold; font-size: 1.1em;">
        »»»»»
        »»»»»nginx:
        »»»»»
        »»»»»nginx &#43; tls
        »»»»</div>
        »»»»<div style="font-size: 0.85em;">
        »»»»»<strong>Since: </strong>
        »»»»»<span>2026-03-04 05:01:02.5 &#43;0000 UTC</span>
        »»»»</div>
        »»»»
        »»»»<div style="padding-top: 15px;">
        »»»»»<strong>Output:</strong>
        »»»»»<pre>cert expires in 9 days</pre>
        »»»»</div>
        »»»</div>
        »»»

        »»</div>
        »»


        »</body>

        </html>

        """;

    private static readonly DateTimeOffset Base = new(2026, 3, 4, 5, 0, 0, TimeSpan.Zero);

    private static readonly Message Web = new()
    {
        Node = "web-2", ServiceId = "web-2", Service = "web", CheckId = "service:web-2", Check = "HTTP <port 80>", Status = "critical",
        Output = "HTTP GET http://10.0.0.2/: 503 Service Unavailable", Notes = "Restart with 'systemctl restart web'", Timestamp = Base.AddMilliseconds(367_250),
    };

    private static readonly Message Serf = new()
    {
        Node = "db-1", CheckId = "serfHealth", Check = "Serf Health Status", Status = "passing", Output = "Agent alive and reachable", Timestamp = Base,
    };

    private static readonly Message Nginx = new()
    {
        Node = "web-2", ServiceId = "nginx", Service = "nginx", CheckId = "service:nginx", Check = "nginx + tls", Status = "warning",
        Output = "cert expires in 9 days", Timestamp = Base.AddMilliseconds(62_500),
    };

    [Fact]
    public void Execute_ReadmePayloadAsHtmlTemplate_EscapesValuesAndVisitsNodesInNameOrder() =>
        Html(ReadmePayload).Execute(Batch())
            .ShouldBe("db-1::Serf Health Status is passing.web-2:web:HTTP &lt;port 80&gt; is critical.web-2:nginx:nginx &#43; tls is warning.");

    [Fact]
    public void Execute_ReadmePayloadAsTextTemplate_PrintsValuesAsTheyAre() =>
        GoTemplate.Parse("base", ReadmePayload).Execute(Batch())
            .ShouldBe("db-1::Serf Health Status is passing.web-2:web:HTTP <port 80> is critical.web-2:nginx:nginx + tls is warning.");

    [Fact]
    public void Execute_GoTemplatingTestTemplate_PrintsStatusAndCount()
    {
        var data = new TemplateData { ClusterName = "some cluster", SystemStatus = "some status", FailCount = 1, WarnCount = 2, PassCount = 3 };

        Html("{{ .SystemStatus }} - {{ .FailCount }}").Execute(data).ShouldBe("some status - 1");
    }

    [Theory]
    [InlineData("passing", "node1", "service1", "check1", "check1:node1:service1")]
    [InlineData("warning", "node1", "service1", "check2", "check2:node1:service1")]
    [InlineData("critical", "node2", "service2", "check3", "check3:node2:service2")]
    public void Execute_GoILertTestIncidentKeyTemplate_RendersTheKeyOfEachMessage(string status, string node, string service, string check, string key)
    {
        var message = new Message { Status = status, Node = node, Service = service, Check = check, Output = "OK" };

        GoTemplate.Parse("IncidentKey", "{{.Check}}:{{.Node}}:{{.Service}}").Execute(message).ShouldBe(key);
    }

    [Fact]
    public void Execute_DefaultIncidentKeyTemplate_IsNotEscapedAndKeepsAnEmptyService()
    {
        var template = GoTemplate.Parse("IncidentKey", "{{.Node}}:{{.Service}}:{{.Check}}");

        template.Execute(Web).ShouldBe("web-2:web:HTTP <port 80>");
        template.Execute(Serf).ShouldBe("db-1::Serf Health Status");
    }

    [Fact]
    public void Execute_DefaultEmailTemplateOnGoEmailTestBatch_MatchesGo() =>
        Html(GoDaemonTemplates.Email).Execute(TemplateData.From("Some Cluster", [])).ShouldBe(Tabs(EmailForEmptyBatch));

    [Fact]
    public void Execute_DefaultEmailTemplateOnBatch_MatchesGo() =>
        Html(GoDaemonTemplates.Email).Execute(Batch()).ShouldBe(Tabs(EmailForBatch));

    [Fact]
    public void Execute_RangeOverNodes_VisitsNamesInGoByteOrder()
    {
        Message[] messages = [.. new[] { "alpha", "Zulu", "beta", "_x", "10", "9" }.Select(node => new Message { Node = node, Status = "passing" })];

        Html("{{ range $name, $checks := .Nodes }}{{ $name }};{{ end }}").Execute(TemplateData.From("c", messages)).ShouldBe("10;9;Zulu;_x;alpha;beta;");
    }

    [Fact]
    public void Execute_Timestamps_PrintLikeGoTimeStringEscapedOnlyInHtml()
    {
        const string template = "{{ range $n, $c := .Nodes }}{{ range $c }}{{ .Timestamp }}|{{ end }}{{ end }}";

        Html(template).Execute(Batch()).ShouldBe(
            "2026-03-04 05:00:00 &#43;0000 UTC|2026-03-04 05:06:07.25 &#43;0000 UTC|2026-03-04 05:01:02.5 &#43;0000 UTC|");
        GoTemplate.Parse("base", template).Execute(Batch()).ShouldBe(
            "2026-03-04 05:00:00 +0000 UTC|2026-03-04 05:06:07.25 +0000 UTC|2026-03-04 05:01:02.5 +0000 UTC|");
    }

    [Fact]
    public void Execute_SystemStatusMethods_AreCallableLikeGoMethods() =>
        Html("{{ if .IsCritical }}red{{ else if .IsWarning }}yellow{{ else }}green{{ end }} {{ .IsPassing }}").Execute(Batch()).ShouldBe("red false");

    [Fact]
    public void Parse_ReadmePayloadMissingAnEnd_ReportsUnexpectedEofWhereTheTextEnds()
    {
        var text = ReadmePayload[..^"{{ end }}".Length];

        var error = Should.Throw<GoTemplateException>(() => Html(text));

        // Go: template: base:1: unexpected EOF
        error.ShouldSatisfyAllConditions(
            () => error.Detail.ShouldBe("unexpected EOF"),
            () => error.Line.ShouldBe(1),
            () => error.Column.ShouldBe(text.Length + 1));
    }

    [Fact]
    public void Execute_MisspelledField_ReportsLineAndColumnOfTheField()
    {
        var template = Html("<p>\n  {{ .ClusterName }}\n  is {{ .ClusterNme }}\n</p>");

        var error = Should.Throw<GoTemplateException>(() => template.Execute(Batch()));

        // Go: template: base:3:8: executing "base" at <.ClusterNme>: can't evaluate field ClusterNme in type notifier.TemplateData
        error.ShouldSatisfyAllConditions(
            () => error.Line.ShouldBe(3),
            () => error.Column.ShouldBe(9),
            () => error.Detail.ShouldBe("executing \"base\" at <.ClusterNme>: can't evaluate field ClusterNme in type TemplateData"));
    }

    [Fact]
    public void Parse_UnknownFunctionInIncidentKey_ReportsIt()
    {
        var error = Should.Throw<GoTemplateException>(() => GoTemplate.Parse("IncidentKey", "{{.Node}}:{{ lower .Check }}"));

        // Go: template: IncidentKey:1: function "lower" not defined
        error.ShouldSatisfyAllConditions(
            () => error.Detail.ShouldBe("function \"lower\" not defined"),
            () => error.Line.ShouldBe(1),
            () => error.Column.ShouldBe(14));
    }

    // web-2 is first in the batch: the output's node order must come from sorting.
    private static TemplateData Batch() => TemplateData.From("prod-eu", [Web, Serf, Nginx]);

    private static GoTemplate Html(string text) => GoTemplate.Parse("base", text, GoTemplateOptions.Html);

    private static string Tabs(string text) => GoDaemonTemplates.Tabs(text);
}
