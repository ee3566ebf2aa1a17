using ConsulAlerts.Configuration;
using ConsulAlerts.Notifications.Notifiers.Email;
using static ConsulAlerts.Tests.Notifications.Testing.HttpNotifierTesting;

namespace ConsulAlerts.Tests.Notifications.Notifiers.Email;

public sealed class EmailNotifierConfigTests
{
    private static readonly (string, string)[] Required =
    [
        ("url", "mail.example.com"),
        ("sender-email", "alerts@example.com"),
        ("receivers", """["ops@example.com"]"""),
    ];

    private static EmailNotifierConfig From(params (string Key, string Value)[] values) =>
        EmailNotifierConfig.From(Config("email", [.. Required.Where(r => !values.Any(v => v.Key == r.Item1)), .. values]));

    [Fact]
    public void From_RequiredOnly_AppliesGoDefaults()
    {
        var settings = From();

        settings.Error.ShouldBeNull();
        settings.ClusterName.ShouldBe("Consul Alerts");
        settings.Host.ShouldBe("mail.example.com");
        settings.Port.ShouldBe(25);
        settings.Username.ShouldBeNull();
        settings.Password.ShouldBeNull();
        settings.SenderAlias.ShouldBeNull();
        settings.Sender!.Address.ShouldBe("alerts@example.com");
        settings.Receivers.Select(r => r.Address).ShouldBe(["ops@example.com"]);
        settings.TemplatePath.ShouldBeNull();
        settings.Mode.ShouldBe(EmailMode.OnePerBatch);
        settings.Tls.ShouldBe(EmailTlsMode.Auto);
        settings.TlsCaFile.ShouldBeNull();
    }

    [Theory]
    [InlineData("auto", "Auto")]
    [InlineData("required", "Required")]
    [InlineData("Implicit", "Implicit")]
    public void From_Tls_ParsesTheMode(string text, string mode)
    {
        var settings = From(("tls", text));

        settings.Error.ShouldBeNull();
        settings.Tls.ShouldBe(Enum.Parse<EmailTlsMode>(mode));
    }

    [Fact]
    public void From_UnknownTls_IsReported() =>
        From(("tls", "starttls")).Error.ShouldBe("tls is not one of auto, required, implicit");

    [Theory]
    [InlineData(null, null, "OnePerBatch")]
    [InlineData("true", null, "OnePerAlert")]
    [InlineData(null, "true", "OnePerNode")]
    [InlineData("true", "true", "OnePerAlert")]
    [InlineData("false", "1", "OnePerNode")]
    [InlineData("yes", null, "OnePerBatch")]
    public void From_ModeFlags_PicksMode(string? perAlert, string? perNode, string mode)
    {
        var values = new List<(string, string)>();
        if (perAlert is not null)
        {
            values.Add(("one-per-alert", perAlert));
        }

        if (perNode is not null)
        {
            values.Add(("one-per-node", perNode));
        }

        From([.. values]).Mode.ShouldBe(Enum.Parse<EmailMode>(mode));
    }

    [Theory]
    [InlineData("587", 587, null)]
    [InlineData("0", 25, "port is not a TCP port number")]
    [InlineData("65536", 25, "port is not a TCP port number")]
    [InlineData("-1", 25, "port is not a TCP port number")]
    public void From_Port_ParsesOrReports(string text, int port, string? error)
    {
        var settings = From(("port", text));

        settings.Port.ShouldBe(port);
        settings.Error.ShouldBe(error);
    }

    [Fact]
    public void From_SeveralProblems_ReportsEach()
    {
        var settings = EmailNotifierConfig.From(Config("email", ("receivers", """["ok@example.com", 3, "bad"]""")));

        settings.Error.ShouldBe("url (the SMTP host) is not set; sender-email is not set; receivers element 2 is not a string; receivers element 3 is not a valid address");
    }

    [Fact]
    public void From_AddressWithDisplayName_IsRejected()
    {
        From(("sender-email", "Evil <evil@example.com>")).Error.ShouldBe("sender-email is not a valid address");
    }

    [Fact]
    public void ToString_NeverShowsThePassword()
    {
        var text = From(("username", "alerts"), ("password", "pw-SECRET-1")).ToString();

        text.ShouldNotContain("pw-SECRET-1");
        text.ShouldContain("Password = set");
        text.ShouldContain("Username = alerts");
    }

    [Fact]
    public void NotifierKeys_EveryEmailKey_IsReadHere()
    {
        NotifierKeys.All["email"].Keys.Order(StringComparer.Ordinal).ShouldBe(
        [
            "cluster-name", "one-per-alert", "one-per-node", "password", "port", "receivers", "sender-alias", "sender-email",
            "template", "tls", "tls-ca-file", "url", "username",
        ]);
        NotifierKeys.IsSecret("email", "password").ShouldBeTrue();
        NotifierKeys.IsSecret("email", "tls-ca-file").ShouldBeFalse();
    }
}
