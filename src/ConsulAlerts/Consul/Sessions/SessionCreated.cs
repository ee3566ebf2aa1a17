using System.Text.Json.Serialization;

namespace ConsulAlerts.Consul.Sessions;

/// <summary>The answer of <c>/v1/session/create</c>.</summary>
internal sealed record SessionCreated
{
    [JsonPropertyName("ID")]
    public string Id { get; init; } = "";
}
