namespace ConsulAlerts.Checks;

/// <summary>One state write: the check's state to store under its key, or a deletion when <see cref="State"/> is null.</summary>
/// <param name="Key">The key below <c>&lt;prefix&gt;/checks/</c>: <c>&lt;node&gt;/&lt;serviceID|_&gt;/&lt;checkID&gt;</c>.</param>
/// <param name="State">The state to write; null deletes the key.</param>
internal sealed record CheckStateChange(string Key, CheckState? State);
