namespace ConsulAlerts.Checks;

/// <summary>A state read back from KV.</summary>
/// <param name="Key">The key below <c>&lt;prefix&gt;/checks/</c>.</param>
/// <param name="State">The decoded state.</param>
internal sealed record StoredCheckState(string Key, CheckState State);
