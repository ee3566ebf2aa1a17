namespace ConsulAlerts.Notifications.Templates;

/// <summary>Commands joined by <c>|</c>, optionally declaring (<c>:=</c>) or assigning (<c>=</c>) variables.</summary>
internal sealed record PipelineNode(int Pos, IReadOnlyList<string> Declarations, bool IsAssign, IReadOnlyList<CommandNode> Commands) : TemplateNode(Pos);
