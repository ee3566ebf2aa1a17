namespace ConsulAlerts.Notifications.Templates;

/// <summary><c>{{pipeline}}</c>: prints the value unless the pipeline declares variables.</summary>
internal sealed record ActionNode(int Pos, PipelineNode Pipe) : TemplateNode(Pos);
