using System.Globalization;
using System.Text.Json;
using ConsulAlerts.Configuration;
using ConsulAlerts.Notifications.Http;
using MimeKit;

namespace ConsulAlerts.Notifications.Notifiers.Email;

/// <summary>Settings of the email notifier (<c>notifiers/email/*</c>).</summary>
/// <param name="ClusterName">Shown in the subject and the body; per mail <c>"&lt;cluster&gt; &lt;node&gt;"</c> in per-node mode.</param>
/// <param name="Host">The SMTP server (<c>url</c>), a host name or address.</param>
/// <param name="Port">The SMTP port (default 25).</param>
/// <param name="Username">Authenticates (AUTH) when set.</param>
/// <param name="Password">The AUTH password (a secret).</param>
/// <param name="SenderAlias">The sender's display name, or null.</param>
/// <param name="Sender">The sender address (envelope and <c>From</c>).</param>
/// <param name="Receivers">Every recipient (envelope and <c>To</c>).</param>
/// <param name="TemplatePath">A Go html template file for the body, or null for the built-in one.</param>
/// <param name="Mode">One mail for the batch, one per node, or one per alert.</param>
/// <param name="Tls">How the connection is secured: STARTTLS when offered, STARTTLS required, or implicit TLS.</param>
/// <param name="TlsCaFile">A PEM file of certificates trusted, besides the system's, for the server's certificate.</param>
/// <param name="Error">Why the settings cannot be used (never quoting the password), or null.</param>
internal sealed record EmailNotifierConfig(
    string ClusterName,
    string? Host,
    int Port,
    string? Username,
    string? Password,
    string? SenderAlias,
    MailboxAddress? Sender,
    IReadOnlyList<MailboxAddress> Receivers,
    string? TemplatePath,
    EmailMode Mode,
    EmailTlsMode Tls,
    string? TlsCaFile,
    string? Error)
{
    public const int DefaultPort = 25;

    /// <summary>The SMTPS port: implicit TLS unless <c>tls</c> says otherwise.</summary>
    public const int ImplicitTlsPort = 465;

    /// <summary>
    /// Addresses as the envelope needs them: a domain is required, and nothing that RFC 5322 does not allow is
    /// repaired silently (an obsolete or sloppy form could be read differently by the server).
    /// </summary>
    private static readonly ParserOptions StrictAddresses = new()
    {
        AddressParserComplianceMode = RfcComplianceMode.Strict,
        AllowAddressesWithoutDomain = false,
        AllowUnquotedCommasInAddresses = false,
    };

    public static EmailNotifierConfig From(NotifierConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var host = NotifierSettings.Optional(config, "url");
        var senderAlias = NotifierSettings.Optional(config, "sender-alias");
        var errors = new List<string>();

        // Values are checked here again: a profile's VarOverrides replace them after the KV schema check.
        var port = DefaultPort;
        var portText = NotifierSettings.Optional(config, "port");
        if (portText is not null && (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535))
        {
            errors.Add("port is not a TCP port number");
            port = DefaultPort;
        }

        if (host is null)
        {
            errors.Add("url (the SMTP host) is not set");
        }
        else if (Uri.CheckHostName(host) == UriHostNameType.Unknown)
        {
            errors.Add("url is not a host name or address (give the SMTP host only, the port goes in port)");
        }

        MailboxAddress? sender = null;
        var senderText = NotifierSettings.Optional(config, "sender-email");
        if (senderText is null)
        {
            errors.Add("sender-email is not set");
        }
        else if (!TryAddress(senderText, out sender))
        {
            // Errors name keys and positions, never values: they reach /v1/status.
            errors.Add("sender-email is not a valid address");
        }

        var receivers = ParseReceivers(NotifierSettings.Optional(config, "receivers"), errors);
        var mode = NotifierSettings.Flag(config, "one-per-alert") ? EmailMode.OnePerAlert
            : NotifierSettings.Flag(config, "one-per-node") ? EmailMode.OnePerNode
            : EmailMode.OnePerBatch;
        var tls = ParseTls(NotifierSettings.Optional(config, "tls"), errors);

        return new EmailNotifierConfig(
            NotifierSettings.ClusterName(config),
            host,
            port,
            NotifierSettings.Optional(config, "username"),
            NotifierSettings.Optional(config, "password"),
            senderAlias,
            sender,
            receivers,
            NotifierSettings.Optional(config, "template"),
            mode,
            tls,
            NotifierSettings.Optional(config, "tls-ca-file"),
            errors.Count == 0 ? null : string.Join("; ", errors));
    }

    private static EmailTlsMode ParseTls(string? text, List<string> errors)
    {
        switch (text?.ToLowerInvariant())
        {
            case null or "auto":
                return EmailTlsMode.Auto;
            case "required":
                return EmailTlsMode.Required;
            case "implicit":
                return EmailTlsMode.Implicit;
            default:
                errors.Add($"tls is not one of {string.Join(", ", NotifierKeys.Choices("email", "tls"))}");
                return EmailTlsMode.Required;
        }
    }

    private static List<MailboxAddress> ParseReceivers(string? text, List<string> errors)
    {
        var receivers = new List<MailboxAddress>();
        if (text is null)
        {
            errors.Add("receivers is not set");
            return receivers;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                errors.Add("receivers is not a JSON array of addresses");
                return receivers;
            }

            var position = 0;
            foreach (var element in document.RootElement.EnumerateArray())
            {
                position++;
                if (element.ValueKind != JsonValueKind.String)
                {
                    errors.Add($"receivers element {position} is not a string");
                    continue;
                }

                var address = element.GetString()!.Trim();
                if (TryAddress(address, out var parsed))
                {
                    receivers.Add(parsed);
                }
                else
                {
                    errors.Add($"receivers element {position} is not a valid address");
                }
            }
        }
        catch (JsonException)
        {
            errors.Add("receivers is not valid JSON");
            return receivers;
        }

        if (receivers.Count == 0 && errors.Count == 0)
        {
            errors.Add("receivers is empty");
        }

        return receivers;
    }

    /// <summary>A bare address (no display name, no route, no line breaks: it also goes into the envelope).</summary>
    private static bool TryAddress(string text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out MailboxAddress? address)
    {
        address = null;
        if (text.Length == 0 || text.Any(char.IsControl) || text.Contains('<', StringComparison.Ordinal)
            || !MailboxAddress.TryParse(StrictAddresses, text, out var parsed)
            || !string.IsNullOrEmpty(parsed.Name) || parsed.Route.Count != 0
            || parsed.Domain.Length == 0 || parsed.LocalPart.Length == 0)
        {
            return false;
        }

        address = parsed;
        return true;
    }

    /// <summary>Never prints the password.</summary>
    public override string ToString() =>
        $"EmailNotifierConfig {{ ClusterName = {ClusterName}, Host = {Host}, Port = {Port}, Username = {Username}, " +
        $"Password = {(Password is null ? "unset" : "set")}, Sender = {Sender}, Receivers = [{string.Join(", ", Receivers)}], " +
        $"TemplatePath = {TemplatePath}, Mode = {Mode}, Tls = {Tls}, TlsCaFile = {TlsCaFile} }}";
}
