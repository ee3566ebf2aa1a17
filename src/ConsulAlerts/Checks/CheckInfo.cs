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
    /// The tags of the check's service (Consul's <c>ServiceTags</c>); empty for node checks. Part of the check's
    /// identity for routing and muting; kept in stored state as an extra field the Go daemon ignores. Bounded where
    /// it is read (<see cref="ServiceTagBounds"/>), and one list instance is shared by every check with the same tags.
    /// </summary>
    [JsonIgnore]
    public IReadOnlyList<string> ServiceTags { get; init => field = value ?? []; } = [];

    /// <summary>
    /// <see cref="ServiceTags"/> as JSON: written only when there are tags, so the state of an untagged check stays
    /// byte for byte what the Go daemon writes; read back when present.
    /// </summary>
    [JsonPropertyName("ServiceTags")]
    [JsonInclude]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    internal IReadOnlyList<string>? ServiceTagsJson
    {
        get => ServiceTags.Count == 0 ? null : ServiceTags;
        init => ServiceTags = value ?? [];
    }

    /// <summary>
    /// The datacenter the check was read from; empty for the agent's own datacenter, so that the state of a check of
    /// the local datacenter stays byte for byte what the Go daemon writes. Written to stored state only when set.
    /// </summary>
    [JsonIgnore]
    public string Datacenter { get; init => field = value ?? ""; } = "";

    /// <summary><see cref="Datacenter"/> as JSON: written only when set.</summary>
    [JsonPropertyName("Datacenter")]
    [JsonInclude]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    internal string? DatacenterJson
    {
        get => Datacenter.Length == 0 ? null : Datacenter;
        init => Datacenter = value ?? "";
    }

    /// <summary>
    /// Consul's index of the check's last change; 0 when unknown (read back from stored state). Not part of the
    /// stored JSON: it only tells two reads apart.
    /// </summary>
    [JsonIgnore]
    public ulong ModifyIndex { get; init; }

    [JsonIgnore]
    public CheckKey Key => new(Node, CheckId, Datacenter);

    /// <summary>Value equality, with <see cref="ServiceTags"/> compared by content (a record would compare the list instances).</summary>
    public bool Equals(CheckInfo? other) =>
        other is not null
        && (ReferenceEquals(this, other)
            || (Node == other.Node && CheckId == other.CheckId && Name == other.Name && Status == other.Status && Notes == other.Notes
                && Output == other.Output && ServiceId == other.ServiceId && ServiceName == other.ServiceName
                && ModifyIndex == other.ModifyIndex && Datacenter == other.Datacenter && ServiceTags.SequenceEqual(other.ServiceTags, StringComparer.Ordinal)));

    public override int GetHashCode() => HashCode.Combine(Node, CheckId, Name, Status, Output, ServiceId, ModifyIndex, ServiceTags.Count);

    /// <summary>The service segment of KV paths: the service ID, or <c>_</c> when the check has none.</summary>
    [JsonIgnore]
    public string ServicePathSegment => string.IsNullOrEmpty(ServiceId) ? "_" : ServiceId;
}
