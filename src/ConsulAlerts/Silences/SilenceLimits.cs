namespace ConsulAlerts.Silences;

/// <summary>
/// Bounds on one silence, so that its record always fits far below Consul's 512 KiB value limit (even with every
/// character escaped as <c>\uXXXX</c>, a record at every limit stays under 96 KiB) and matching it stays cheap.
/// </summary>
internal static class SilenceLimits
{
    public const int MaxMatchers = 16;

    /// <summary>Characters of a matcher's value (or regular expression).</summary>
    public const int MaxValueLength = 512;

    public const int MaxCreatedByLength = 256;

    public const int MaxCommentLength = 2048;

    /// <summary>The encoded record, checked after the field limits as a last guard.</summary>
    public const int MaxRecordBytes = 96 * 1024;

    /// <summary>Silences a daemon keeps (pending, active and expired ones in their retention); more are refused on create.</summary>
    public const int MaxSilences = 10_000;
}
