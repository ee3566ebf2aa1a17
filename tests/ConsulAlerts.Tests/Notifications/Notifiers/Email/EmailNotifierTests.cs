using System.Net;
using System.Net.Sockets;
using ConsulAlerts.Configuration;
using ConsulAlerts.Notifications;
using ConsulAlerts.Notifications.Notifiers.Email;
using ConsulAlerts.Tests.Notifications.Testing;
using ConsulAlerts.Tests.Testing;
using Microsoft.Extensions.Logging;
using static ConsulAlerts.Tests.Notifications.Testing.HttpNotifierTesting;

namespace ConsulAlerts.Tests.Notifications.Notifiers.Email;

/// <summary>The email notifier against a real SMTP server (aiosmtpd) on 127.0.0.1.</summary>
public sealed class EmailNotifierTests : IDisposable
{
    private const string Sender = "alerts@example.com";

    private readonly FakeLoggerProvider _logs = new();

    private EmailNotifier Notifier()
    {
        var factory = LoggerFactory.Create(builder => builder.AddProvider(_logs).SetMinimumLevel(LogLevel.Debug));
        return new EmailNotifier(TimeProvider.System, factory.CreateLogger<EmailNotifier>());
    }

    public void Dispose() => _logs.Dispose();

    private static NotifierConfig EmailConfig(SmtpTestServer server, params (string Key, string Value)[] extra) =>
        EmailConfig(server.Port, [("url", server.Address), .. extra]);

    private static NotifierConfig EmailConfig(int port, params (string Key, string Value)[] extra)
    {
        (string, string)[] values =
        [
            ("url", SmtpTestServer.Host),
            ("port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("sender-alias", "Consul Alerts"),
            ("sender-email", Sender),
            ("receivers", """["ops@example.com", "dev@example.org"]"""),
        ];
        var merged = values.ToDictionary(v => v.Item1, v => v.Item2, StringComparer.Ordinal);
        foreach (var (key, value) in extra)
        {
            merged[key] = value;
        }

        return Config("email", [.. merged.Select(p => (p.Key, p.Value))]);
    }

    private static Message[] Batch() =>
    [
        Messages.Critical(output: "HTTP GET /: 500 <script>alert('x')</script>"),
        Messages.Critical(node: "node2", checkId: "serfHealth") with
        {
            ServiceId = "",
            Service = "",
            Check = "Serf Health Status",
            Status = "passing",
            Output = "Agent alive and reachable",
        },
    ];

    [Fact]
    public async Task NotifyAsync_PlainServer_SendsOneHtmlMailToEveryReceiver()
    {
        await using var server = await SmtpTestServer.StartAsync();

        var result = await Notifier().NotifyAsync(Batch(), EmailConfig(server), CancellationToken.None);

        result.ShouldBe(NotifyResult.Ok, result.Error);
        var mail = server.Single();
        mail.Tls.ShouldBeFalse();
        mail.Authenticated.ShouldBeFalse();
        mail.MailFrom.ShouldBe(Sender);
        mail.RcptTos.ShouldBe(["ops@example.com", "dev@example.org"]);
        // A phrase of atoms needs no quotes (RFC 5322 3.2.5): the same address as Go's "Consul Alerts" <alerts@example.com>.
        mail.Header("From").ShouldBe("Consul Alerts <alerts@example.com>");
        mail.Header("To").ShouldBe("ops@example.com, dev@example.org");
        mail.Header("Subject").ShouldBe("Consul Alerts is CRITICAL");
        mail.Header("Content-Type").ShouldNotBeNull().ShouldStartWith("text/html; charset=utf-8");
        var body = mail.Body;
        body.ShouldStartWith("\n<!DOCTYPE html>");
        body.ShouldContain("<title>Consul Alerts</title>");
        body.ShouldContain("<strong>node1</strong>");
        body.ShouldContain("<strong>node2</strong>");
        body.ShouldContain("web:");
        body.ShouldContain("HTTP on :80");
        body.ShouldContain("Serf Health Status");
        body.ShouldContain("<pre>Agent alive and reachable</pre>");
        body.ShouldContain("<pre>HTTP GET /: 500 &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</pre>");
        body.ShouldNotContain("<script>");
    }

    [Fact]
    public async Task NotifyAsync_NonAsciiClusterNameAndAlias_EncodesHeaders()
    {
        await using var server = await SmtpTestServer.StartAsync();
        var config = EmailConfig(server, ("cluster-name", "Zürich ☃ Prod"), ("sender-alias", "Überwachung"));

        var result = await Notifier().NotifyAsync(Batch(), config, CancellationToken.None);

        result.ShouldBe(NotifyResult.Ok, result.Error);
        var mail = server.Single();
        mail.Raw.ShouldAllBe(c => c < 128);
        mail.RawHeader("Subject").ShouldNotBeNull().ShouldContain("=?utf-8?", Case.Insensitive);
        mail.Header("Subject").ShouldBe("Zürich ☃ Prod is CRITICAL");
        mail.Header("From").ShouldNotBeNull().Trim('"').ShouldContain("Überwachung");
        mail.Header("From").ShouldEndWith("<alerts@example.com>");
        mail.Body.ShouldContain("<title>Zürich ☃ Prod</title>");
    }

    [Fact]
    public async Task NotifyAsync_LineBreaksInClusterName_CannotInjectHeaders()
    {
        await using var server = await SmtpTestServer.StartAsync();
        var config = EmailConfig(server, ("cluster-name", "Prod\r\nBcc: victim@example.net\r\nX-Evil: 1"));

        var result = await Notifier().NotifyAsync(Batch(), config, CancellationToken.None);

        result.ShouldBe(NotifyResult.Ok, result.Error);
        var mail = server.Single();
        mail.RawHeader("Bcc").ShouldBeNull();
        mail.RawHeader("X-Evil").ShouldBeNull();
        mail.RcptTos.ShouldBe(["ops@example.com", "dev@example.org"]);
        mail.Header("Subject").ShouldBe("Prod  Bcc: victim@example.net  X-Evil: 1 is CRITICAL");
    }

    [Fact]
    public async Task NotifyAsync_OnePerNode_SendsOneMailPerNodeTitledWithTheNode()
    {
        await using var server = await SmtpTestServer.StartAsync();
        Message[] messages = [.. Batch(), Messages.Critical(checkId: "disk")];

        var result = await Notifier().NotifyAsync(messages, EmailConfig(server, ("one-per-node", "true")), CancellationToken.None);

        result.ShouldBe(NotifyResult.Ok, result.Error);
        var mails = server.Mails;
        mails.Count.ShouldBe(2);
        mails[0].Header("Subject").ShouldBe("Consul Alerts node1 is CRITICAL");
        mails[0].Body.ShouldContain("<title>Consul Alerts node1</title>");
        mails[0].Body.ShouldContain("<strong>node1</strong>");
        mails[0].Body.ShouldNotContain("node2");
        mails[0].Body.ShouldContain("<span>2</span>");
        mails[1].Header("Subject").ShouldBe("Consul Alerts node2 is HEALTHY");
        mails[1].Body.ShouldContain("<strong>node2</strong>");
        mails[1].Body.ShouldNotContain("node1");
        mails.ShouldAllBe(m => m.RcptTos.Count == 2);
    }

    [Fact]
    public async Task NotifyAsync_OnePerAlert_SendsOneMailPerMessage()
    {
        await using var server = await SmtpTestServer.StartAsync();
        Message[] messages = [.. Batch(), Messages.Critical(checkId: "disk")];

        var result = await Notifier().NotifyAsync(messages, EmailConfig(server, ("one-per-alert", "true"), ("one-per-node", "true")), CancellationToken.None);

        result.ShouldBe(NotifyResult.Ok, result.Error);
        server.Mails.Select(m => m.Header("Subject")).ShouldBe(
        [
            "Consul Alerts node1 - service:web-1 is CRITICAL",
            "Consul Alerts node2 - serfHealth is HEALTHY",
            "Consul Alerts node1 - disk is CRITICAL",
        ]);
    }

    [Fact]
    public async Task NotifyAsync_StartTlsOffered_SendsOverTls()
    {
        await using var server = await SmtpTestServer.StartAsync(startTls: true);
        var notifier = Notifier();

        var result = await notifier.NotifyAsync(Batch(), EmailConfig(server, ("tls-ca-file", server.CaFile!)), CancellationToken.None);

        result.ShouldBe(NotifyResult.Ok, result.Error);
        var mail = server.Single();
        mail.Tls.ShouldBeTrue();
        mail.Authenticated.ShouldBeFalse();
        mail.Header("Subject").ShouldBe("Consul Alerts is CRITICAL");
    }

    [Fact]
    public async Task NotifyAsync_StartTlsAndAuth_AuthenticatesOverTls()
    {
        await using var server = await SmtpTestServer.StartAsync(startTls: true, auth: true);
        var config = EmailConfig(server, ("tls-ca-file", server.CaFile!), ("username", SmtpTestServer.User), ("password", SmtpTestServer.Password));

        var result = await Notifier().NotifyAsync(Batch(), config, CancellationToken.None);

        result.ShouldBe(NotifyResult.Ok, result.Error);
        var mail = server.Single();
        mail.Tls.ShouldBeTrue();
        mail.Authenticated.ShouldBeTrue();
        mail.RcptTos.ShouldBe(["ops@example.com", "dev@example.org"]);
        _logs.Messages.ShouldNotContain(m => m.Contains(SmtpTestServer.Password, StringComparison.Ordinal));
    }

    [Fact]
    public async Task NotifyAsync_PlainServerOfferingAuthAtANonLocalName_SendsNoAuthCommandAndNoPassword()
    {
        await using var server = await SmtpTestServer.StartAsync(auth: true, host: "127.0.0.2");
        var config = EmailConfig(server, ("username", SmtpTestServer.User), ("password", SmtpTestServer.Password));

        var result = await Notifier().NotifyAsync(Batch(), config, CancellationToken.None);

        // QUIT is the client's last word: once it is recorded, everything the client sent is.
        await Eventually.ShouldHoldAsync(() => server.Sessions.Any(s => s.Contains("QUIT\r\n", StringComparison.Ordinal)), "the client ended its session");
        var session = server.Sessions.ShouldHaveSingleItem();
        session.ShouldStartWith("EHLO ");
        session.ShouldNotContain("AUTH", Case.Insensitive);
        foreach (var secret in PasswordForms(SmtpTestServer.User, SmtpTestServer.Password))
        {
            session.ShouldNotContain(secret);
        }

        session.ShouldNotContain("MAIL FROM", Case.Insensitive);
        server.Mails.ShouldBeEmpty();
        ShouldBeSecretFreeFailure(result, retryable: false, url: "smtp://", SmtpTestServer.Password);
        result.Error.ShouldNotBeNull().ShouldContain("notifier email");
        result.Error.ShouldContain("not encrypted");
        result.Error.ShouldContain("password is not sent");
        _logs.Messages.ShouldNotContain(m => m.Contains(SmtpTestServer.Password, StringComparison.Ordinal));
    }

    [Fact]
    public async Task NotifyAsync_PlainServerOfferingAuthAt127001_AuthenticatesAsGoAllowsForLocalhost()
    {
        await using var server = await SmtpTestServer.StartAsync(auth: true);
        var config = EmailConfig(server, ("username", SmtpTestServer.User), ("password", SmtpTestServer.Password));

        var result = await Notifier().NotifyAsync(Batch(), config, CancellationToken.None);

        result.ShouldBe(NotifyResult.Ok, result.Error);
        var mail = server.Single();
        mail.Tls.ShouldBeFalse();
        mail.Authenticated.ShouldBeTrue();
    }

    [Fact]
    public async Task NotifyAsync_ImplicitTlsAndAuth_AuthenticatesAndSendsOverTls()
    {
        await using var server = await SmtpTestServer.StartAsync(implicitTls: true, auth: true);
        var config = EmailConfig(server, ("tls", "implicit"), ("tls-ca-file", server.CaFile!), ("username", SmtpTestServer.User), ("password", SmtpTestServer.Password));

        var result = await Notifier().NotifyAsync(Batch(), config, CancellationToken.None);

        result.ShouldBe(NotifyResult.Ok, result.Error);
        var mail = server.Single();
        mail.Tls.ShouldBeTrue();
        mail.Authenticated.ShouldBeTrue();
        mail.RcptTos.ShouldBe(["ops@example.com", "dev@example.org"]);
        mail.Header("Subject").ShouldBe("Consul Alerts is CRITICAL");
        mail.Body.ShouldContain("<strong>node1</strong>");
    }

    [Fact]
    public async Task NotifyAsync_TlsRequiredAndStartTlsOffered_SendsOverTls()
    {
        await using var server = await SmtpTestServer.StartAsync(startTls: true);

        var result = await Notifier().NotifyAsync(Batch(), EmailConfig(server, ("tls", "required"), ("tls-ca-file", server.CaFile!)), CancellationToken.None);

        result.ShouldBe(NotifyResult.Ok, result.Error);
        server.Single().Tls.ShouldBeTrue();
    }

    [Fact]
    public async Task NotifyAsync_TlsRequiredButNoStartTls_FailsClearlyNotRetryable()
    {
        await using var server = await SmtpTestServer.StartAsync(auth: true, host: "127.0.0.2");
        var config = EmailConfig(server, ("tls", "required"), ("username", SmtpTestServer.User), ("password", SmtpTestServer.Password));

        var result = await Notifier().NotifyAsync(Batch(), config, CancellationToken.None);

        ShouldBeSecretFreeFailure(result, retryable: false, url: "smtp://", SmtpTestServer.Password);
        result.Error.ShouldBe($"notifier email: SMTP server 127.0.0.2:{server.Port} does not offer STARTTLS, and tls is required; nothing was sent");
        server.Mails.ShouldBeEmpty();
        server.Sessions.ShouldAllBe(s => !s.Contains("AUTH", StringComparison.OrdinalIgnoreCase) && !s.Contains("MAIL FROM", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task NotifyAsync_SeveralMails_SendsThemOverOneConnection()
    {
        await using var server = await SmtpTestServer.StartAsync();
        Message[] messages = [.. Batch(), Messages.Critical(checkId: "disk")];

        var result = await Notifier().NotifyAsync(messages, EmailConfig(server, ("one-per-alert", "true")), CancellationToken.None);

        result.ShouldBe(NotifyResult.Ok, result.Error);
        server.Mails.Count.ShouldBe(3);
        await Eventually.ShouldHoldAsync(() => server.Sessions.Any(s => s.Contains("QUIT\r\n", StringComparison.Ordinal)), "the client ended its session");
        var session = server.Sessions.ShouldHaveSingleItem();
        System.Text.RegularExpressions.Regex.Count(session, "^MAIL FROM:", System.Text.RegularExpressions.RegexOptions.Multiline).ShouldBe(3);
    }

    [Fact]
    public async Task NotifyAsync_WrongPassword_FailsNotRetryableWithoutThePassword()
    {
        await using var server = await SmtpTestServer.StartAsync(startTls: true, auth: true);
        const string wrong = "wrong-SECRET-pw";
        var config = EmailConfig(server, ("tls-ca-file", server.CaFile!), ("username", SmtpTestServer.User), ("password", wrong));

        var result = await Notifier().NotifyAsync(Batch(), config, CancellationToken.None);

        ShouldBeSecretFreeFailure(result, retryable: false, url: "smtp://", wrong, SmtpTestServer.Password);
        result.Error.ShouldNotBeNull().ShouldContain("answered 5");
        server.Mails.ShouldBeEmpty();
        _logs.Messages.ShouldNotContain(m => m.Contains(wrong, StringComparison.Ordinal));
    }

    [Fact]
    public async Task NotifyAsync_AuthRequiredButNoUsername_FailsNotRetryable()
    {
        await using var server = await SmtpTestServer.StartAsync(startTls: true, auth: true);

        var result = await Notifier().NotifyAsync(Batch(), EmailConfig(server, ("tls-ca-file", server.CaFile!)), CancellationToken.None);

        result.Success.ShouldBeFalse();
        result.Retryable.ShouldBeFalse();
        server.Mails.ShouldBeEmpty();
    }

    [Fact]
    public async Task NotifyAsync_UntrustedCertificate_FailsNotRetryableWithoutSending()
    {
        await using var server = await SmtpTestServer.StartAsync(startTls: true);

        var result = await Notifier().NotifyAsync(Batch(), EmailConfig(server), CancellationToken.None);

        result.Success.ShouldBeFalse();
        result.Retryable.ShouldBeFalse();
        result.Error.ShouldNotBeNull().ShouldContain("certificate");
        server.Mails.ShouldBeEmpty();
    }

    [Fact]
    public async Task NotifyAsync_ServerDown_FailsRetryableWithoutThePassword()
    {
        var port = FreePort();

        var result = await Notifier().NotifyAsync(
            Batch(), EmailConfig(port, ("username", SmtpTestServer.User), ("password", SmtpTestServer.Password)), CancellationToken.None);

        ShouldBeSecretFreeFailure(result, retryable: true, url: "smtp://", SmtpTestServer.Password);
        result.Error.ShouldNotBeNull().ShouldContain($"127.0.0.1:{port}");
    }

    [Theory]
    [InlineData("reject-me@example.com", false)]
    [InlineData("busy-box@example.com", true)]
    public async Task NotifyAsync_RecipientRefused_ClassifiesByReplyCode(string receiver, bool retryable)
    {
        await using var server = await SmtpTestServer.StartAsync();

        var result = await Notifier().NotifyAsync(Batch(), EmailConfig(server, ("receivers", $"[\"{receiver}\"]")), CancellationToken.None);

        result.Success.ShouldBeFalse();
        result.Retryable.ShouldBe(retryable);
        result.Error.ShouldNotBeNull().ShouldContain(retryable ? "answered 45" : "answered 55");
        server.Mails.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("url", "", "url (the SMTP host) is not set")]
    [InlineData("url", "smtp://mail.example.com:25", "url is not a host name or address")]
    [InlineData("sender-email", "", "sender-email is not set")]
    [InlineData("sender-email", "not an address", "sender-email is not a valid address")]
    [InlineData("receivers", "", "receivers is not set")]
    [InlineData("receivers", "ops@example.com", "receivers is not valid JSON")]
    [InlineData("receivers", "[]", "receivers is empty")]
    [InlineData("receivers", """{"a":"b"}""", "receivers is not a JSON array of addresses")]
    [InlineData("port", "smtp", "port is not a TCP port number")]
    public async Task NotifyAsync_BadSettings_FailsNotRetryableWithoutConnecting(string key, string value, string error)
    {
        await using var server = await SmtpTestServer.StartAsync();

        var result = await Notifier().NotifyAsync(Batch(), EmailConfig(server, (key, value)), CancellationToken.None);

        result.Success.ShouldBeFalse();
        result.Retryable.ShouldBeFalse();
        result.Error.ShouldNotBeNull().ShouldContain(error);
        server.Mails.ShouldBeEmpty();
    }

    [Fact]
    public async Task NotifyAsync_TemplateFile_RendersIt()
    {
        await using var server = await SmtpTestServer.StartAsync();
        using var directory = new TempDirectory();
        var template = Path.Combine(directory.Path, "mail.html");
        await File.WriteAllTextAsync(template, "<h1>{{ .ClusterName }} is {{ .SystemStatus }}</h1>{{ range $n, $c := .Nodes }}<p>{{ $n }}: {{ len $c }}</p>{{ end }}");

        var result = await Notifier().NotifyAsync(Batch(), EmailConfig(server, ("template", template), ("cluster-name", "A&B")), CancellationToken.None);

        result.ShouldBe(NotifyResult.Ok, result.Error);
        server.Single().Body.ShouldBe("<h1>A&amp;B is CRITICAL</h1><p>node1: 1</p><p>node2: 1</p>");
    }

    [Theory]
    [InlineData("<h1>\n{{ .ClusterName }</h1>", "line 2")]
    [InlineData("<h1>\n\n  {{ .Nope }}</h1>", "line 3, column")]
    public async Task NotifyAsync_BrokenTemplate_LogsWhereAndSendsTheBuiltInOne(string text, string where)
    {
        await using var server = await SmtpTestServer.StartAsync();
        using var directory = new TempDirectory();
        var template = Path.Combine(directory.Path, "broken.html");
        await File.WriteAllTextAsync(template, text);
        var config = EmailConfig(server, ("template", template), ("username", "u"), ("password", "pw-SECRET-9"));

        var result = await Notifier().NotifyAsync(Batch(), config, CancellationToken.None);

        result.ShouldBe(NotifyResult.Ok, result.Error);
        server.Single().Body.ShouldStartWith("\n<!DOCTYPE html>");
        var log = _logs.Messages.Where(m => m.Contains("built-in template", StringComparison.Ordinal)).ShouldHaveSingleItem();
        log.ShouldContain(template);
        log.ShouldContain(where);
        _logs.Messages.ShouldNotContain(m => m.Contains("pw-SECRET-9", StringComparison.Ordinal));
    }

    [Fact]
    public async Task NotifyAsync_MissingTemplateFile_LogsAndSendsTheBuiltInOne()
    {
        await using var server = await SmtpTestServer.StartAsync();
        var template = Path.Combine(Path.GetTempPath(), "no-such-dir-" + Guid.NewGuid().ToString("N"), "mail.html");

        var result = await Notifier().NotifyAsync(Batch(), EmailConfig(server, ("template", template)), CancellationToken.None);

        result.ShouldBe(NotifyResult.Ok, result.Error);
        server.Single().Body.ShouldStartWith("\n<!DOCTYPE html>");
        _logs.Messages.ShouldContain(m => m.Contains(template, StringComparison.Ordinal) && m.Contains("could not be read", StringComparison.Ordinal));
    }

    [Fact]
    public async Task NotifyAsync_Cancelled_Throws()
    {
        await using var server = await SmtpTestServer.StartAsync();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => Notifier().NotifyAsync(Batch(), EmailConfig(server), cancelled.Token));
        server.Mails.ShouldBeEmpty();
    }

    [Fact]
    public async Task NotifyAsync_ServerNeverGreets_FailsRetryableAtTheTimeout()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        var time = new TrackedTimeProvider();
        var notifier = new EmailNotifier(time, LoggerFactory.Create(_ => { }).CreateLogger<EmailNotifier>());

        var delivery = notifier.NotifyAsync(Batch(), EmailConfig(port), CancellationToken.None);
        await Eventually.ShouldHoldAsync(() => time.PendingTimers > 0, "the delivery armed its timeout");
        using var accepted = await silent.AcceptTcpClientAsync();
        time.Advance(EmailNotifier.SendTimeout);
        var result = await delivery.WaitAsync(TimeSpan.FromSeconds(10));

        result.Success.ShouldBeFalse();
        result.Retryable.ShouldBeTrue();
        result.Error.ShouldBe($"SMTP server 127.0.0.1:{port} did not answer within 25 s");
    }

    /// <summary>The password as PLAIN and LOGIN would put it on the wire, and as it is.</summary>
    private static string[] PasswordForms(string user, string password) =>
    [
        password,
        Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(password)),
        Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"\0{user}\0{password}")),
        Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{user}\0{user}\0{password}")),
    ];

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
