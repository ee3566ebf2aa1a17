namespace ConsulAlerts.Notifications.Templates;

/// <summary><c>$x</c> or <c>$x.A.B</c>.</summary>
internal sealed record VariableNode(int Pos, string Source, string Name, IReadOnlyList<string> Path) : ArgNode(Pos, Source);
