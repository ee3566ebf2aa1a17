using ConsulAlerts.Notifications.Templates;
using MimeKit;
using MimeKit.Text;

namespace ConsulAlerts.Notifications.Notifiers.Email;

/// <summary>
/// Splits a batch into mails as the Go daemon does and builds each with MimeKit: From <c>"alias" &lt;sender&gt;</c>,
/// To every receiver, Subject <c>&lt;cluster&gt; is &lt;status&gt;</c> (followed by <c> in dc1, dc2</c> when more than one
/// datacenter is watched; non-ASCII as RFC 2047 encoded words), and the
/// rendered template as a UTF-8 HTML body in base64.
/// </summary>
internal static class EmailComposer
{
    /// <summary>The template data of each mail: the whole batch, one per node, or one per message.</summary>
    public static List<TemplateData> Mails(IReadOnlyList<Message> messages, EmailNotifierConfig settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.Mode switch
        {
            EmailMode.OnePerAlert => [.. messages.Select(m => TemplateData.From($"{settings.ClusterName} {m.Node} - {m.CheckId}", [m]))],
            EmailMode.OnePerNode => [.. messages.GroupBy(m => m.Node, StringComparer.Ordinal)
                .Select(group => TemplateData.From($"{settings.ClusterName} {group.Key}", [.. group]))],
            _ => [TemplateData.From(settings.ClusterName, messages)],
        };
    }

    /// <summary>The mail of <paramref name="data"/> with <paramref name="body"/> (HTML).</summary>
    public static MimeMessage Mail(EmailNotifierConfig settings, TemplateData data, string body)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(data);
        var sender = settings.Sender!;
        var message = new MimeMessage
        {
            Subject = HeaderText(data.Datacenters.Count == 0
                ? $"{data.ClusterName} is {data.SystemStatus}"
                : $"{data.ClusterName} is {data.SystemStatus} in {string.Join(", ", data.Datacenters)}"),
            Body = new TextPart(TextFormat.Html)
            {
                Text = body,

                // Base64 keeps the template's text byte for byte (no line folding, no dot stuffing to undo).
                ContentTransferEncoding = ContentEncoding.Base64,
            },
        };
        message.From.Add(new MailboxAddress(settings.SenderAlias is null ? null : HeaderText(settings.SenderAlias), sender.Address));
        foreach (var receiver in settings.Receivers)
        {
            message.To.Add(new MailboxAddress(null, receiver.Address));
        }

        return message;
    }

    /// <summary>
    /// Line breaks and other control characters become spaces. MimeKit encodes header values, but a value is a single
    /// line by what it means, and a stray break in a cluster name should read as a space rather than be encoded.
    /// </summary>
    public static string HeaderText(string text) =>
        string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = char.IsControl(source[i]) ? ' ' : source[i];
            }
        });
}
