namespace ConsulAlerts.Notifications.Notifiers.Discord;

/// <summary>A Discord embed: one check, its output as the description, coloured by its status.</summary>
/// <param name="Title">The check in one line (at most 256 characters).</param>
/// <param name="Description">The output, or null.</param>
/// <param name="Color">An RGB colour as an integer.</param>
internal sealed record DiscordEmbed(string Title, string? Description, int Color);
