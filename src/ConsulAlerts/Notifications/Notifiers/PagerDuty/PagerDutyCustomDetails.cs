namespace ConsulAlerts.Notifications.Notifiers.PagerDuty;

/// <summary>The check behind an alert, shown as the alert's details (the Go daemon sent the whole message).</summary>
internal sealed record PagerDutyCustomDetails(
    string Node, string ServiceId, string Service, string CheckId, string Check, string Status, string Output, string Notes);
