namespace ConsulAlerts.ContractTests.Infrastructure;

/// <summary>
/// An agent in <see cref="Local"/> whose servers know two more datacenters over the WAN: <see cref="Remote"/>, and
/// <see cref="Doomed"/>, which one test makes unreachable (so no other test may use it).
/// </summary>
public abstract class WanAgentFixture : ConsulAgentFixture
{
    public const string Local = "dc1";

    public const string Remote = "dc2";

    public const string Doomed = "dc3";

    /// <summary>Takes <see cref="Doomed"/>'s servers down for good.</summary>
    public abstract Task MakeDoomedUnreachableAsync();
}
