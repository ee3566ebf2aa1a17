using System.Text.Json.Serialization;

namespace ConsulAlerts.Api;

/// <summary>The body of <c>GET /v1/status</c>; never carries a secret.</summary>
/// <param name="Version">This daemon's version.</param>
/// <param name="ApiAddress">Where this daemon's API listens, with the port it bound when started on port 0.</param>
/// <param name="Leadership">Its role in the election.</param>
/// <param name="Checks">What its check view holds.</param>
/// <param name="Notifiers">How each notifier is doing.</param>
/// <param name="Muting">What is muted now and since start; null when muting is not wired (tests).</param>
/// <param name="ConsulHealth">What this daemon last learned of Consul's own health; null when not wired (tests).</param>
/// <param name="Datacenters">Each watched datacenter, the agent's own first, with the checks this daemon tracks of it; null when not wired (tests).</param>
internal sealed record StatusReport(
    string Version,
    string? ApiAddress,
    LeadershipReport Leadership,
    CheckCountsReport Checks,
    IReadOnlyList<NotifierReport> Notifiers,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] MutingReport? Muting = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ClusterHealth.ClusterHealthStatus? ConsulHealth = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<Datacenters.DatacenterStatus>? Datacenters = null);
