namespace ConsulAlerts.Notifications.Notifiers.OpsGenie;

/// <summary>The body of <c>POST /v2/alerts/{alias}/close?identifierType=alias</c>.</summary>
/// <param name="Source"><c>consul</c>.</param>
/// <param name="Note">Why it closed: the check passes again, with its output.</param>
internal sealed record OpsGenieCloseAlert(string Source, string Note);
