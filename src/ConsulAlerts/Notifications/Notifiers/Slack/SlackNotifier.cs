using ConsulAlerts.Checks;
using ConsulAlerts.Configuration;
using ConsulAlerts.Notifications.Http;
using ConsulAlerts.Notifications.Summary;

namespace ConsulAlerts.Notifications.Notifiers.Slack;

/// <summary>
/// The <c>slack</c> notifier: POSTs to a Slack incoming webhook. By default the Go daemon's plain text (title, counts,
/// then <c>node:service:check is status.</c> and the output per message); with <c>detailed=true</c> a title line and
/// one attachment per message, coloured by its status (critical <c>danger</c>, warning <c>warning</c>, passing
/// <c>good</c>), with the output and node/service/check/status fields.
/// </summary>
internal sealed class SlackNotifier(IHttpClientFactory clients, TimeProvider timeProvider) : INotifier
{
    public const string NotifierName = "slack";

    /// <summary>Slack shows at most 100 attachments; beyond that the last one counts the rest.</summary>
    internal const int MaxAttachments = 100;

    private static readonly string[] MrkdwnInText = ["text"];

    public string Name => NotifierName;

    public Task<NotifyResult> NotifyAsync(IReadOnlyList<Message> messages, NotifierConfig config, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var settings = SlackNotifierConfig.From(config);
        if (!NotifierHttp.TryParseUrl(settings.Url, out var url, out var error))
        {
            return Task.FromResult(NotifyResult.Failed(error, retryable: false));
        }

        return NotifierHttp.PostJsonAsync(clients, url, Payload(messages, settings), SlackJsonContext.Default.SlackPayload, timeProvider, cancellationToken);
    }

    internal static SlackPayload Payload(IReadOnlyList<Message> messages, SlackNotifierConfig settings)
    {
        var payload = new SlackPayload
        {
            Channel = settings.Channel,
            Username = settings.Username,
            IconUrl = settings.IconUrl,
            IconEmoji = settings.IconEmoji,
        };
        if (!settings.Detailed)
        {
            return payload with { Text = BatchSummary.PlainText(settings.ClusterName, messages) };
        }

        var summary = BatchSummary.From(messages);
        var emoji = summary.SystemStatus switch
        {
            BatchSummary.Critical => ":x:",
            BatchSummary.Unstable => ":warning:",
            _ => ":white_check_mark:",
        };
        var attachments = new List<SlackAttachment>();
        var shown = messages.Count <= MaxAttachments ? messages.Count : MaxAttachments - 1;
        for (var i = 0; i < shown; i++)
        {
            attachments.Add(Attachment(messages[i]));
        }

        if (shown < messages.Count)
        {
            var more = $"and {messages.Count - shown} more change(s)";
            attachments.Add(new SlackAttachment(more, "#808080", more, null, null, MrkdwnInText));
        }

        return payload with
        {
            Text = $"{emoji} {settings.ClusterName} is *{summary.SystemStatus}*\n*Changes:* Fail = {summary.Fail}, Warn = {summary.Warn}, Pass = {summary.Pass}",
            Attachments = attachments,
        };
    }

    /// <summary>Slack's named attachment colours, by check status.</summary>
    internal static string Color(string status) => status switch
    {
        CheckStatus.Critical => "danger",
        CheckStatus.Warning => "warning",
        CheckStatus.Passing => "good",
        _ => "#808080",
    };

    private static SlackAttachment Attachment(Message message)
    {
        var output = message.Output.Trim();
        SlackField[] fields =
        [
            new("Node", message.Node, true),
            new("Service", message.Service, true),
            new("Check", message.Check, true),
            new("Status", message.Status, true),
        ];
        return new SlackAttachment(
            BatchSummary.Headline(message),
            Color(message.Status),
            BatchSummary.Headline(message),
            // Output is shown as code so that its own characters are not taken for mrkdwn.
            output.Length == 0 ? null : $"```{output.Replace("```", "'''", StringComparison.Ordinal)}```",
            fields,
            MrkdwnInText);
    }
}
