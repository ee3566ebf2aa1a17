using System.Text.Json;

namespace ConsulAlerts.DevAgent.Acl;

/// <summary>Body of <c>PUT /v1/acl/token</c>; policies and roles are accepted but not modelled.</summary>
internal sealed record AclTokenRequest
{
    public string? Description { get; init; }

    public JsonElement? Policies { get; init; }

    public JsonElement? Roles { get; init; }

    public bool Local { get; init; }
}
