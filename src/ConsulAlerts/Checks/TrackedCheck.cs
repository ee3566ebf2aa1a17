namespace ConsulAlerts.Checks;

/// <summary>The tracker's entry for one check: its state (immutable, replaced at each step), where it is stored, and the last read that showed it.</summary>
internal sealed class TrackedCheck(CheckState state, string stateKey)
{
    public CheckState State { get; set; } = state;

    /// <summary>The key below <c>&lt;prefix&gt;/checks/</c> the state is stored under.</summary>
    public string StateKey { get; set; } = stateKey;

    /// <summary>The snapshot generation that last contained the check.</summary>
    public long SeenGeneration { get; set; }
}
