namespace ConsulAlerts.Api;

/// <summary>The election as <c>/v1/status</c> shows it.</summary>
/// <param name="Role"><c>leader</c> or <c>standby</c>.</param>
/// <param name="Since">When this daemon took its role.</param>
/// <param name="SessionId">This daemon's session, when it has one.</param>
/// <param name="Holder">The lock holder (this daemon when leader); null when free or unknown.</param>
/// <param name="LastContact">When Consul last answered an election request.</param>
internal sealed record LeadershipReport(string Role, DateTimeOffset Since, string? SessionId, HolderReport? Holder, DateTimeOffset? LastContact);
