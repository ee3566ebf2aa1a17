namespace ConsulAlerts.Silences;

/// <summary>What a write to a silence came to.</summary>
internal enum SilenceWriteResult
{
    /// <summary>Written (or, for an expiry, already expired: nothing to write).</summary>
    Done,

    /// <summary>No valid silence has that id.</summary>
    NotFound,

    /// <summary>The request is invalid; see the errors.</summary>
    Invalid,

    /// <summary>Other writers kept changing the silence: every CAS attempt lost.</summary>
    Conflict,
}
