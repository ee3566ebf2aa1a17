using System.Text.Json.Serialization;

namespace ConsulAlerts.Checks;

/// <summary>
/// The fields of a Consul health check the daemon keeps; serialized as the <c>HealthCheck</c> object of the Go
/// daemon's state JSON (<c>Node, CheckID, Name, Status, Notes, Output, ServiceID, ServiceName</c>).
/// </summary>
internal sealed record CheckInfo
{
    public string Node { get; init; } = "";

    [JsonPropertyName("CheckID")]
    public string CheckId { get; init; } = "";

    public string Name { get; init; } = "";

    public string Status { get; init; } = "";

    public string Notes { get; init; } = "";

    public string Output { get; init; } = "";

    [JsonPropertyName("ServiceID")]
    public string ServiceId { get; init; } = "";

    public string ServiceName { get; init; } = "";

    /// <summary>
    /// Consul's index of the check's last change; 0 when unknown (read back from stored state). Not part of the
    /// stored JSON: it only tells two reads apart.
    /// </summary>
    [JsonIgnore]
    public ulong ModifyIndex { get; init; }

    [JsonIgnore]
    public CheckKey Key => new(Node, CheckId);

    /// <summary>The service segment of KV paths: the service ID, or <c>_</c> when the check has none.</summary>
    [JsonIgnore]
    public string ServicePathSegment => string.IsNullOrEmpty(ServiceId) ? "_" : ServiceId;
}
