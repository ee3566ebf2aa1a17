namespace ConsulAlerts.Notifications.Templates;

/// <summary>A parenthesized pipeline.</summary>
internal sealed record PipeNode(int Pos, string Source, PipelineNode Pipe) : ArgNode(Pos, Source);
