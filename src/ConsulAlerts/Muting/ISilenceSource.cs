namespace ConsulAlerts.Muting;

/// <summary>
/// The silences in force, as the muting stage reads them: one immutable set, swapped whole when KV changes, and a
/// signal when it does (a silence added, expired or deleted) so that muted checks are looked at again.
/// </summary>
internal interface ISilenceSource
{
    /// <summary>Every silence known (pending, active and expired ones kept for their retention).</summary>
    IReadOnlyList<SilenceRule> Silences { get; }

    /// <summary>Raised after <see cref="Silences"/> has changed.</summary>
    event Action? Changed;
}
