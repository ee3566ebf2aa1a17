namespace ConsulAlerts.Notifications.Templates;

internal sealed record DotNode(int Pos, string Source) : ArgNode(Pos, Source);
