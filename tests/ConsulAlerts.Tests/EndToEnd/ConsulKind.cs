namespace ConsulAlerts.Tests.EndToEnd;

/// <summary>Which Consul an end-to-end scenario runs the daemon against.</summary>
public enum ConsulKind
{
    /// <summary>The project's in-process dev agent (always available; has fault switches).</summary>
    DevAgent,

    /// <summary>A genuine Consul agent started from the binary the tests are given; skipped without one.</summary>
    RealAgent,
}
