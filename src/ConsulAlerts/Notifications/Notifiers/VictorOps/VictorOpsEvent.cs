namespace ConsulAlerts.Notifications.Notifiers.VictorOps;

/// <summary>
/// A VictorOps (Splunk On-Call) REST integration alert, the Go daemon's fields: the standard ones, then
/// <c>consul_*</c> custom fields for routing rules. Empty service fields are left out.
/// </summary>
/// <param name="MessageType"><c>CRITICAL</c>, <c>WARNING</c> or <c>RECOVERY</c>.</param>
/// <param name="EntityId">The incident's identity: <c>node[:serviceID]:checkID</c>, so a recovery resolves its alert.</param>
/// <param name="EntityDisplayName">What VictorOps shows as the incident's name.</param>
/// <param name="StateMessage">The message type, notes and output.</param>
/// <param name="MonitoringTool"><c>consul</c>.</param>
/// <param name="Timestamp">When the status change was confirmed, in Unix seconds; null (left out) when unknown.</param>
internal sealed record VictorOpsEvent(
    string MessageType, string EntityId, string EntityDisplayName, string StateMessage, string MonitoringTool, long? Timestamp)
{
    public string HostName { get; init; } = "";

    public string MonitorName { get; init; } = "";

    public string ConsulNode { get; init; } = "";

    public string? ConsulService { get; init; }

    public string? ConsulServiceId { get; init; }

    public string ConsulCheck { get; init; } = "";

    public string ConsulCheckId { get; init; } = "";
}
