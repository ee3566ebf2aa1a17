using ConsulAlerts.Configuration;
using ConsulAlerts.Notifications.Http;
using ConsulAlerts.Notifications.Summary;

namespace ConsulAlerts.Notifications.Notifiers.MsTeams;

/// <summary>
/// The <c>msteams</c> notifier: POSTs a <see cref="MessageCard"/> to a Teams incoming webhook URL. The legacy
/// connector card is used rather than an Adaptive Card because both Teams incoming webhooks and the Workflows
/// "post to a channel when a webhook request is received" template accept it, and it needs no card schema version.
/// Title <c>&lt;cluster&gt; is &lt;SYSTEM STATUS&gt;</c>, theme red/orange/green by system status, one section per
/// check (at most <see cref="MaxSections"/>; the last one then counts the rest).
/// </summary>
internal sealed class MsTeamsNotifier(IHttpClientFactory clients, TimeProvider timeProvider) : INotifier
{
    public const string NotifierName = "msteams";

    /// <summary>Teams rejects cards above about 28 KB; ten checks with bounded output stay well below.</summary>
    internal const int MaxSections = 10;

    /// <summary>Output is cut to this length, for the same reason.</summary>
    internal const int MaxOutputChars = 1000;

    public string Name => NotifierName;

    public Task<NotifyResult> NotifyAsync(IReadOnlyList<Message> messages, NotifierConfig config, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var settings = MsTeamsNotifierConfig.From(config);
        if (!NotifierHttp.TryParseUrl(settings.Url, out var url, out var error))
        {
            return Task.FromResult(NotifyResult.Failed(error, retryable: false));
        }

        return NotifierHttp.PostJsonAsync(clients, url, Card(messages, settings.ClusterName), MsTeamsJsonContext.Default.MessageCard, timeProvider, cancellationToken);
    }

    internal static MessageCard Card(IReadOnlyList<Message> messages, string clusterName)
    {
        var summary = BatchSummary.From(messages);
        var sections = new List<MessageCardSection>();
        var shown = messages.Count <= MaxSections ? messages.Count : MaxSections - 1;
        for (var i = 0; i < shown; i++)
        {
            var message = messages[i];
            var output = message.Output.Trim();
            sections.Add(new MessageCardSection(
                BatchSummary.Headline(message),
                output.Length == 0 ? null : Truncate(output, MaxOutputChars),
                [new("Node", message.Node), new("Service", message.Service), new("Check", message.Check), new("Status", message.Status)],
                Markdown: false));
        }

        if (shown < messages.Count)
        {
            sections.Add(new MessageCardSection($"and {messages.Count - shown} more change(s)", null, null, Markdown: false));
        }

        var title = summary.Title(clusterName);
        return new MessageCard
        {
            Summary = title,
            ThemeColor = ThemeColor(summary.SystemStatus),
            Title = title,
            Text = summary.Counts(),
            Sections = sections,
        };
    }

    internal static string ThemeColor(string systemStatus) => systemStatus switch
    {
        BatchSummary.Critical => "D32F2F",
        BatchSummary.Unstable => "F9A825",
        _ => "2E7D32",
    };

    private static string Truncate(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");
}
