using ConsulAlerts.Notifications;
using ConsulAlerts.Notifications.Notifiers.Email;
using ConsulAlerts.Tests.Notifications.Testing;
using MimeKit;
using static ConsulAlerts.Tests.Notifications.Testing.HttpNotifierTesting;

namespace ConsulAlerts.Tests.Notifications.Notifiers.Email;

public sealed class EmailComposerTests
{
    private static EmailNotifierConfig Settings(params (string Key, string Value)[] extra) =>
        EmailNotifierConfig.From(Config("email", [("url", "mail.example.com"), ("sender-email", "alerts@example.com"), ("receivers", """["ops@example.com", "dev@example.org"]"""), .. extra]));

    private static Message[] ThreeOnTwoNodes() =>
        [Messages.Critical(), Messages.Critical(node: "node2", checkId: "serfHealth"), Messages.Critical(checkId: "disk")];

    [Theory]
    [InlineData("one-per-batch", new[] { "Consul Alerts" })]
    [InlineData("one-per-node", new[] { "Consul Alerts node1", "Consul Alerts node2" })]
    [InlineData("one-per-alert", new[] { "Consul Alerts node1 - service:web-1", "Consul Alerts node2 - serfHealth", "Consul Alerts node1 - disk" })]
    public void Mails_Mode_SplitsTheBatchAsTheGoDaemon(string mode, string[] clusterNames)
    {
        var settings = mode == "one-per-batch" ? Settings() : Settings((mode, "true"));

        EmailComposer.Mails(ThreeOnTwoNodes(), settings).Select(d => d.ClusterName).ShouldBe(clusterNames);
    }

    [Fact]
    public void Mail_Settings_BuildsAnEncodedHtmlMessage()
    {
        var settings = Settings(("sender-alias", "Überwachung\r\nBcc: x@example.net"));
        var data = EmailComposer.Mails(ThreeOnTwoNodes(), settings)[0];

        using var mail = EmailComposer.Mail(settings, data, "<p>é</p>");

        mail.From.Mailboxes.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            m => m.Name.ShouldBe("Überwachung  Bcc: x@example.net"),
            m => m.Address.ShouldBe("alerts@example.com"));
        mail.To.Mailboxes.Select(m => m.Address).ShouldBe(["ops@example.com", "dev@example.org"]);
        mail.Subject.ShouldBe("Consul Alerts is CRITICAL");
        var body = mail.Body.ShouldBeOfType<TextPart>();
        body.IsHtml.ShouldBeTrue();
        body.ContentType.Charset.ShouldBe("utf-8");
        body.ContentTransferEncoding.ShouldBe(ContentEncoding.Base64);
        body.Text.ShouldBe("<p>é</p>");
        var raw = mail.ToString();
        raw.ShouldAllBe(c => c < 128);
        raw.ShouldNotContain("\nBcc:");
    }

    [Fact]
    public void Mail_SeveralDatacentersWatched_SubjectNamesTheBatchsDatacenters()
    {
        var settings = Settings();
        var messages = new DatacenterNaming("dc1", Several: true).Stamp(
            [Messages.Critical(), Messages.Critical(node: "db-1") with { Datacenter = "dc2" }, Messages.Critical(checkId: "disk")]);
        var data = EmailComposer.Mails(messages, settings)[0];

        using var mail = EmailComposer.Mail(settings, data, "<p></p>");

        mail.Subject.ShouldBe("Consul Alerts is CRITICAL in dc1, dc2");
        data.Datacenters.ShouldBe(["dc1", "dc2"]);
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a\r\nb\tc\0d", "a  b c d")]
    public void HeaderText_ControlCharacters_BecomeSpaces(string text, string expected) =>
        EmailComposer.HeaderText(text).ShouldBe(expected);
}
