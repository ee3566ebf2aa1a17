namespace ConsulAlerts.Notifications.Templates;

/// <summary>A node of the parsed template tree; <paramref name="Pos"/> locates errors.</summary>
internal abstract record TemplateNode(int Pos);
