namespace ConsulAlerts.Notifications.Templates;

internal sealed record NilNode(int Pos, string Source) : ArgNode(Pos, Source);
