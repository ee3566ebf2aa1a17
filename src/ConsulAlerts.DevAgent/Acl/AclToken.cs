namespace ConsulAlerts.DevAgent.Acl;

/// <summary>A token made with <c>PUT /v1/acl/token</c>, as Consul answers it. The dev agent gives it no rights.</summary>
internal sealed record AclToken
{
    public required string AccessorID { get; init; }

    public required string SecretID { get; init; }

    public string Description { get; init; } = "";

    public bool Local { get; init; }

    public ulong CreateIndex { get; init; }

    public ulong ModifyIndex { get; init; }
}
