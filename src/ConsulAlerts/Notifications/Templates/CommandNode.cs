namespace ConsulAlerts.Notifications.Templates;

internal sealed record CommandNode(int Pos, IReadOnlyList<ArgNode> Args) : TemplateNode(Pos);
