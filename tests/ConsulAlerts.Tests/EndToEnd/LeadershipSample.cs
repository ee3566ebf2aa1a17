namespace ConsulAlerts.Tests.EndToEnd;

/// <summary>One look at the cluster: when (seconds into the test), the agreed leader's session, notifications so far.</summary>
internal sealed record LeadershipSample(double At, string? Session, int Lines);
