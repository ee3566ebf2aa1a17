namespace ConsulAlerts.Notifications.Templates;

/// <summary>An operand; <paramref name="Source"/> is its template text, quoted in runtime errors.</summary>
internal abstract record ArgNode(int Pos, string Source) : TemplateNode(Pos);
