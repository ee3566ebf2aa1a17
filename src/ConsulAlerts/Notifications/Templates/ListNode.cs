namespace ConsulAlerts.Notifications.Templates;

internal sealed record ListNode(int Pos, IReadOnlyList<TemplateNode> Nodes) : TemplateNode(Pos);
