namespace ConsulAlerts.Notifications;

/// <summary>A check a delivery carried, as <see cref="DeliveryHistory"/> shows it: node, check ID and name, status sent.</summary>
internal sealed record DeliveredCheck(string Node, string CheckId, string Name, string Status);
