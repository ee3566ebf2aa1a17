using System.Text.Json.Serialization;
using ConsulAlerts.Checks;

namespace ConsulAlerts.Api;

/// <summary>
/// One check in the answer of <c>/v1/health/wildcard</c>: the Go daemon's fields, then what this daemon adds
/// (<c>ServiceTags</c> when the service has any, <c>Muted</c> when a change of the check would not be sent now).
/// </summary>
internal sealed record WildcardCheck
{
    public WildcardCheck(CheckInfo check, MuteReport? muted)
    {
        Node = check.Node;
        CheckId = check.CheckId;
        Name = check.Name;
        Status = check.Status;
        Notes = check.Notes;
        Output = check.Output;
        ServiceId = check.ServiceId;
        ServiceName = check.ServiceName;
        ServiceTags = check.ServiceTags.Count == 0 ? null : check.ServiceTags;
        Muted = muted;
    }

    public string Node { get; }

    [JsonPropertyName("CheckID")]
    public string CheckId { get; }

    public string Name { get; }

    public string Status { get; }

    public string Notes { get; }

    public string Output { get; }

    [JsonPropertyName("ServiceID")]
    public string ServiceId { get; }

    public string ServiceName { get; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? ServiceTags { get; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public MuteReport? Muted { get; }
}
