namespace ConsulAlerts.Notifications.Templates;

/// <summary>A bool, number or string constant.</summary>
internal sealed record LiteralNode(int Pos, string Source, object Value) : ArgNode(Pos, Source);
