using ConsulAlerts.Notifications;
using ConsulAlerts.Notifications.Notifiers.Email;
using ConsulAlerts.Notifications.Templates;

namespace ConsulAlerts.Tests.Notifications.Notifiers.Email;

public sealed class EmailTemplateTests
{
    // Worked out by hand from the Go daemon's default email template: html/template escapes & < > " ' + in action
    // output, `with` drops empty Service and Notes blocks, nodes are visited in key order and every range body's
    // whitespace is repeated. Kept at column 0 so that tabs and blank lines stay exact.
    private const string Expected = """

<!DOCTYPE html>
<html lang="en">
	<head>
  		<title>Prod &amp; Co &lt;eu&gt;</title>
	</head>

	<body style="width:100% !important; min-width: 100%; -webkit-text-size-adjust:100%; -ms-text-size-adjust:100%; margin:0; padding:0; font-family: 'Helvetica', 'Arial', sans-serif; color: #000000;">

		<div style="margin-left: auto; margin-right: auto; width: 36em; padding: 10dp; font-weight: bold; color: #ffffff; background-color: #e13329;">
			<div style="padding: 10px;">
				Prod &amp; Co &lt;eu&gt;
			</div>
		</div>

		<div style="margin-left: auto; margin-right: auto; width: 36em; margin-top: 10px; margin-bottom: 10px; padding: 10dp">
			<p>
			<span style="font-weight: bold; font-size: 1.05em;">System is CRITICAL</span>
			<br/>
			<span style="font-size: 0.9em;">The following nodes are currently experiencing issues:</span>
			<div style="font-size: 0.85em;">
				<div style="float: left; width: 33%;">
					<strong>Failed: </strong>
					<span>1</span>
				</div>
				<div style="float: right; width: 33%;">
					<strong>Warning: </strong>
					<span>0</span>
				</div>
				<div style="display: inline-block; width: 33%;">
					<strong>Passed: </strong>
					<span>1</span>
				</div>
			</div>
			</p>

		</div>

		
		<div style="margin-left: auto; margin-right: auto; width: 36em; padding-top: 5px; padding-bottom: 20px;">
			<div style="font-size: 1.1em;">
				<strong>Node: </strong>
				<strong>node1</strong>
			</div>

			
			<div style="margin-top: 15px; padding: 10px; background-color: #e13329;">
				<div style="font-weight: bold; font-size: 1.1em;">
					
					web:
					
					HTTP on :80
				</div>
				<div style="font-size: 0.85em;">
					<strong>Since: </strong>
					<span>2026-01-01 00:00:00 &#43;0000 UTC</span>
				</div>
				
				<div style="padding-top: 15px;">
					<strong>Output:</strong>
					<pre>HTTP GET http://10.0.0.1/: 500 &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</pre>
				</div>
			</div>
			

		</div>
		
		<div style="margin-left: auto; margin-right: auto; width: 36em; padding-top: 5px; padding-bottom: 20px;">
			<div style="font-size: 1.1em;">
				<strong>Node: </strong>
				<strong>node2</strong>
			</div>

			
			<div style="margin-top: 15px; padding: 10px; background-color: #24c75a;">
				<div style="font-weight: bold; font-size: 1.1em;">
					
					Serf Health Status
				</div>
				<div style="font-size: 0.85em;">
					<strong>Since: </strong>
					<span>2026-01-02 03:04:05.5 &#43;0000 UTC</span>
				</div>
				
				<div style="padding-top: 15px;">
					<strong>Notes: </strong>
					<pre>See the &#34;runbook&#34; &amp; call</pre>
				</div>
				
				<div style="padding-top: 15px;">
					<strong>Output:</strong>
					<pre>Agent alive and reachable</pre>
				</div>
			</div>
			

		</div>
		


	</body>

</html>

""";

    [Fact]
    public void BuiltIn_KnownBatch_RendersExactlyAsGo()
    {
        Message[] messages =
        [
            new()
            {
                Node = "node2",
                CheckId = "serfHealth",
                Check = "Serf Health Status",
                Status = "passing",
                Notes = "See the \"runbook\" & call",
                Output = "Agent alive and reachable",
                Timestamp = new DateTimeOffset(2026, 1, 2, 3, 4, 5, 500, TimeSpan.Zero),
            },
            new()
            {
                Node = "node1",
                ServiceId = "web-1",
                Service = "web",
                CheckId = "service:web-1",
                Check = "HTTP on :80",
                Status = "critical",
                Output = "HTTP GET http://10.0.0.1/: 500 <script>alert('x')</script>",
                Timestamp = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
            },
        ];

        var body = EmailTemplate.BuiltIn.Execute(TemplateData.From("Prod & Co <eu>", messages));

        body.ShouldBe(Expected);
    }

    [Fact]
    public void BuiltInText_IsTheGoTemplate()
    {
        EmailTemplate.BuiltInText.ShouldStartWith("\n<!DOCTYPE html>\n<html lang=\"en\">\n\t<head>\n  \t\t<title>{{ .ClusterName }}</title>\n");
        EmailTemplate.BuiltInText.ShouldEndWith("\t\t{{ end }}\n\n\n\t</body>\n\n</html>\n");
        EmailTemplate.BuiltInText.Length.ShouldBe(2451);
    }
}
