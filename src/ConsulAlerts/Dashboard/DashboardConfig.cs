using ConsulAlerts.Configuration;

namespace ConsulAlerts.Dashboard;

/// <summary>The configuration as the dashboard shows it.</summary>
/// <param name="Loaded">Whether the configuration has been read from Consul yet.</param>
/// <param name="Revision">The KV index it was read at.</param>
/// <param name="ChecksEnabled"><c>checks/enabled</c>.</param>
/// <param name="ChangeThresholdSeconds">The global <c>checks/change-threshold</c>.</param>
/// <param name="Errors">Keys whose value could not be used, with why (the parser never quotes a secret).</param>
internal sealed record DashboardConfig(bool Loaded, ulong Revision, bool ChecksEnabled, double ChangeThresholdSeconds, IReadOnlyList<ConfigError> Errors);
