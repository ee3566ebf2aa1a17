namespace ConsulAlerts.Notifications.Templates;

/// <summary><c>.A.B</c>, evaluated against dot.</summary>
internal sealed record FieldNode(int Pos, string Source, IReadOnlyList<string> Path) : ArgNode(Pos, Source);
