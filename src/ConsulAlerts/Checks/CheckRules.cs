namespace ConsulAlerts.Checks;

/// <summary>What the configuration says about one check when the state machine decides: its effective change-threshold and whether checks are notified at all.</summary>
/// <param name="Threshold">How long a new status must hold before it becomes current.</param>
/// <param name="Enabled"><c>checks/enabled</c>: when false, confirmed changes are silent.</param>
internal readonly record struct CheckRules(TimeSpan Threshold, bool Enabled);
