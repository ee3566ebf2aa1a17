namespace ConsulAlerts.Notifications.Notifiers.Discord;

/// <summary>
/// A Discord "execute webhook" body: <c>content</c>, optional <c>username</c> and <c>avatar_url</c> (left out when
/// null), <c>embeds</c> and <c>allowed_mentions</c>.
/// </summary>
internal sealed record DiscordPayload
{
    public required string Content { get; init; }

    public string? Username { get; init; }

    public string? AvatarUrl { get; init; }

    public required IReadOnlyList<DiscordEmbed> Embeds { get; init; }

    /// <summary>Empty <c>parse</c>: an <c>@everyone</c> in check output must not ping the channel.</summary>
    public DiscordAllowedMentions AllowedMentions { get; init; } = new([]);
}
