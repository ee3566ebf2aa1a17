namespace ConsulAlerts.Configuration;

/// <summary>
/// How much of a configuration the daemon takes in, whatever KV holds: one value or one folder may be huge (by mistake
/// or by malice), and every entry kept is copied into messages, the outbox, logs and the dashboard. What is beyond a
/// limit is ignored and reported once, with a count, against its key or folder.
/// </summary>
internal static class ConfigLimits
{
    /// <summary>
    /// Entries of one JSON list or map in a value: a profile's NotifList, its VarOverrides notifiers and each one's
    /// settings, the patterns of a blacklist or selection key, the event handlers, any array setting.
    /// </summary>
    public const int MaxEntries = 256;

    /// <summary>Characters of one regular expression.</summary>
    public const int MaxPatternLength = 4096;

    /// <summary>Profiles (<c>notif-profiles/*</c>).</summary>
    public const int MaxProfiles = 1000;

    /// <summary>
    /// Keys of one folder of single entries: the exact keys of one blacklist or selection kind, single blacklisted
    /// checks, the threshold overrides of one kind, custom notifiers.
    /// </summary>
    public const int MaxKeysPerFolder = 10_000;

    /// <summary>Keys with problems listed in a snapshot (one entry each); the rest are counted in one more entry.</summary>
    public const int MaxErrorsListed = 200;
}
