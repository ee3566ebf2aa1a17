namespace ConsulAlerts.Notifications.Notifiers.MsTeams;

/// <summary>A name/value row of a <see cref="MessageCardSection"/>.</summary>
internal sealed record MessageCardFact(string Name, string Value);
