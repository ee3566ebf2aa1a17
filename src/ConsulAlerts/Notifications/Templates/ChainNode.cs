namespace ConsulAlerts.Notifications.Templates;

/// <summary>Fields applied to a non-field term, as in <c>(index .M "k").Name</c>.</summary>
internal sealed record ChainNode(int Pos, string Source, ArgNode Node, IReadOnlyList<string> Path) : ArgNode(Pos, Source);
