namespace ConsulAlerts.Notifications.Notifiers.MsTeams;

/// <summary>A section of a <see cref="MessageCard"/>: one check.</summary>
/// <param name="ActivityTitle">The check in one line.</param>
/// <param name="Text">The check output, or null.</param>
/// <param name="Facts">Node, service, check and status.</param>
/// <param name="Markdown">False: check output is shown as it is, not read as markdown.</param>
internal sealed record MessageCardSection(string ActivityTitle, string? Text, IReadOnlyList<MessageCardFact>? Facts, bool Markdown);
