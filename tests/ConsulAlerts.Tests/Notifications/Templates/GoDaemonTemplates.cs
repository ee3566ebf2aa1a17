namespace ConsulAlerts.Tests.Notifications.Templates;

/// <summary>Templates copied from the Go daemon for golden tests, with tabs written as '»' so they stay visible.</summary>
internal static class GoDaemonTemplates
{
    /// <summary>The Go daemon's default email template (notifier/email-notifier.go), with real tabs.</summary>
    public static string Email { get; } = Tabs(EmailSource);

    // notifier/email-notifier.go, defaultTemplate.
    private const string EmailSource = """

        <!DOCTYPE html>
        <html lang="en">
        »<head>
          »»<title>{{ .ClusterName }}</title>
        »</head>

        »<body style="width:100% !important; min-width: 100%; -webkit-text-size-adjust:100%; -ms-text-size-adjust:100%; margin:0; padding:0; font-family: 'Helvetica', 'Arial', sans-serif; color: #000000;">

        »»<div style="margin-left: auto; margin-right: auto; width: 36em; padding: 10dp; font-weight: bold; color: #ffffff; background-color: {{ if .IsCritical }}#e13329{{ else if .IsWarning }}#eebb00{{ else if .IsPassing }}#24c75a{{ end }};">
        »»»<div style="padding: 10px;">
        »»»»{{ .ClusterName }}
        »»»</div>
        »»</div>

        »»<div style="margin-left: auto; margin-right: auto; width: 36em; margin-top: 10px; margin-bottom: 10px; padding: 10dp">
        »»»<p>
        »»»<span style="font-weight: bold; font-size: 1.05em;">System is {{ .SystemStatus }}</span>
        »»»<br/>
        »»»<span style="font-size: 0.9em;">The following nodes are currently experiencing issues:</span>
        »»»<div style="font-size: 0.85em;">
        »»»»<div style="float: left; width: 33%;">
        »»»»»<strong>Failed: </strong>
        »»»»»<span>{{ .FailCount }}</span>
        »»»»</div>
        »»»»<div style="float: right; width: 33%;">
        »»»»»<strong>Warning: </strong>
        »»»»»<span>{{ .WarnCount }}</span>
        »»»»</div>
        »»»»<div style="display: inline-block; width: 33%;">
        »»»»»<strong>Passed: </strong>
        »»»»»<span>{{ .PassCount }}</span>
        »»»»</div>
        »»»</div>
        »»»</p>

        »»</div>

        »»{{ range $name, $checks := .Nodes }}
        »»<div style="margin-left: auto; margin-right: auto; width: 36em; padding-top: 5px; padding-bottom: 20px;">
        »»»<div style="font-size: 1.1em;">
        »»»»<strong>Node: </strong>
        »»»»<strong>{{ $name }}</strong>
        »»»</div>

        »»»{{ range $check := $checks }}
        »»»<div style="margin-top: 15px; padding: 10px; background-color: {{ if $check.IsCritical }}#e13329{{ else if $check.IsWarning }}#eebb00{{ else if $check.IsPassing }}#24c75a{{ end }};">
        »»»»<div style="font-weight: bold; font-size: 1.1em;">
        »»»»»{{ with $check.Service }}
        »»»»»{{ $check.Service }}:
        »»»»»{{ end }}
        »»»»»{{ $check.Check }}
        »»»»</div>
        »»»»<div style="font-size: 0.85em;">
        »»»»»<strong>Since: </strong>
        »»»»»<span>{{ $check.Timestamp }}</span>
        »»»»</div>
        »»»»{{ with $check.Notes }}
        »»»»<div style="padding-top: 15px;">
        »»»»»<strong>Notes: </strong>
        »»»»»<pre>{{ $check.Notes }}</pre>
        »»»»</div>
        »»»»{{end }}
        »»»»<div style="padding-top: 15px;">
        »»»»»<strong>Output:</strong>
        »»»»»<pre>{{ $check.Output }}</pre>
        »»»»</div>
        »»»</div>
        »»»{{ end }}

        »»</div>
        »»{{ end }}


        »</body>

        </html>

        """;


    /// <summary>Turns the '»' markers back into the tabs Go's source has.</summary>
    public static string Tabs(string text) => text.Replace('»', '\t');
}
