namespace ConsulAlerts.Notifications.Templates;

internal sealed record TextNode(int Pos, string Text) : TemplateNode(Pos);
