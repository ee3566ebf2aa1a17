namespace ConsulAlerts.Leadership;

/// <summary>What <c>/v1/status</c> shows of the election.</summary>
/// <param name="Role">Leader or standby.</param>
/// <param name="Since">When this daemon took its current role.</param>
/// <param name="SessionId">This daemon's session, when it has one.</param>
/// <param name="Holder">The lock holder as last read from the lock key (this daemon when leader); null when nobody holds it or it is unknown.</param>
/// <param name="LastContact">When Consul last answered an election request.</param>
internal sealed record LeadershipStatus(
    LeadershipRole Role,
    DateTimeOffset Since,
    string? SessionId,
    LockHolder? Holder,
    DateTimeOffset? LastContact);
