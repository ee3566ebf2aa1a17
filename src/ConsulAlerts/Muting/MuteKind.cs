namespace ConsulAlerts.Muting;

/// <summary>Why a change is muted; the names are what <c>/metrics</c> and the API show.</summary>
internal enum MuteKind
{
    /// <summary>The node or the check's service is in maintenance.</summary>
    Maintenance,

    /// <summary>An active silence matches the check.</summary>
    Silence,

    /// <summary>An inhibition rule's source is firing (the built-in rule: the node's <c>serfHealth</c> is critical).</summary>
    Inhibited,

    /// <summary>The blacklist (<c>checks/blacklist/...</c>) matches the check.</summary>
    Blacklist,
}
