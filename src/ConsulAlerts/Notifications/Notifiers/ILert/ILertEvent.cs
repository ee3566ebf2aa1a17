namespace ConsulAlerts.Notifications.Notifiers.ILert;

/// <summary>An iLert event (<c>POST /api/v1/events</c>), the Go daemon's fields.</summary>
/// <param name="ApiKey">The alert source's key.</param>
/// <param name="EventType"><c>ALERT</c> or <c>RESOLVE</c>.</param>
/// <param name="Summary">The incident key and the state.</param>
/// <param name="Details">The check's output.</param>
/// <param name="IncidentKey">Ties a resolve to the incident its alert opened.</param>
internal sealed record ILertEvent(string ApiKey, string EventType, string Summary, string Details, string IncidentKey);
