namespace ConsulAlerts.Notifications.Templates;

/// <summary><c>if</c>, <c>with</c> or <c>range</c> with its body and optional else branch.</summary>
internal sealed record BranchNode(int Pos, BranchKind Kind, PipelineNode Pipe, ListNode List, ListNode? Else) : TemplateNode(Pos);
