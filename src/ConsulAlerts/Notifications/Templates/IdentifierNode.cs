namespace ConsulAlerts.Notifications.Templates;

/// <summary>A function name.</summary>
internal sealed record IdentifierNode(int Pos, string Source, string Name) : ArgNode(Pos, Source);
