using ConsulAlerts.Checks;
using ConsulAlerts.Configuration;
using ConsulAlerts.Notifications.Http;
using ConsulAlerts.Notifications.Summary;

namespace ConsulAlerts.Notifications.Notifiers.Discord;

/// <summary>
/// The <c>discord</c> notifier: POSTs to a Discord webhook the title and counts as <c>content</c> and one embed per
/// check coloured by its status (red critical, orange warning, green passing). Discord takes at most
/// <see cref="MaxEmbeds"/> embeds of 6000 characters in all; beyond that the last embed counts the rest, and output
/// is cut to <see cref="MaxOutputChars"/>. A 429 is retryable, with Discord's <c>Retry-After</c> in the error text.
/// </summary>
internal sealed class DiscordNotifier(IHttpClientFactory clients, TimeProvider timeProvider) : INotifier
{
    public const string NotifierName = "discord";

    internal const int MaxEmbeds = 10;

    /// <summary>Keeps ten embeds (titles up to 256) under Discord's 6000-character total.</summary>
    internal const int MaxOutputChars = 300;

    internal const int Red = 0xD32F2F;
    internal const int Orange = 0xF9A825;
    internal const int Green = 0x2E7D32;
    internal const int Grey = 0x808080;

    private const int MaxTitleChars = 256;

    public string Name => NotifierName;

    public Task<NotifyResult> NotifyAsync(IReadOnlyList<Message> messages, NotifierConfig config, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var settings = DiscordNotifierConfig.From(config);
        if (!NotifierHttp.TryParseUrl(settings.Url, out var url, out var error))
        {
            return Task.FromResult(NotifyResult.Failed(error, retryable: false));
        }

        return NotifierHttp.PostJsonAsync(clients, url, Payload(messages, settings), DiscordJsonContext.Default.DiscordPayload, timeProvider, cancellationToken);
    }

    internal static DiscordPayload Payload(IReadOnlyList<Message> messages, DiscordNotifierConfig settings)
    {
        var summary = BatchSummary.From(messages);
        var embeds = new List<DiscordEmbed>();
        var shown = messages.Count <= MaxEmbeds ? messages.Count : MaxEmbeds - 1;
        for (var i = 0; i < shown; i++)
        {
            var message = messages[i];
            var output = message.Output.Trim();
            embeds.Add(new DiscordEmbed(
                Truncate(BatchSummary.Headline(message), MaxTitleChars),
                output.Length == 0 ? null : Truncate(output, MaxOutputChars),
                Color(message.Status)));
        }

        if (shown < messages.Count)
        {
            embeds.Add(new DiscordEmbed($"and {messages.Count - shown} more change(s)", null, Grey));
        }

        return new DiscordPayload
        {
            Content = $"{summary.Title(settings.ClusterName)}\n{summary.Counts()}",
            Username = settings.Username,
            AvatarUrl = settings.AvatarUrl,
            Embeds = embeds,
        };
    }

    internal static int Color(string status) => status switch
    {
        CheckStatus.Critical => Red,
        CheckStatus.Warning => Orange,
        CheckStatus.Passing => Green,
        _ => Grey,
    };

    private static string Truncate(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");
}
