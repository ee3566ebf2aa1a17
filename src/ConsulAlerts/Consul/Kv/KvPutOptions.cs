namespace ConsulAlerts.Consul.Kv;

/// <summary>
/// How to write a key. A write always sets <see cref="Flags"/> (omitting it resets them to 0), and acquire and release
/// also overwrite the value and flags. At most one of <see cref="Cas"/>, <see cref="Acquire"/> and <see cref="Release"/>.
/// </summary>
internal sealed record KvPutOptions
{
    public ulong Flags { get; init; }

    /// <summary>Write only if ModifyIndex equals this; 0 means "only if the key does not exist".</summary>
    public ulong? Cas { get; init; }

    /// <summary>Session that takes the lock.</summary>
    public string? Acquire { get; init; }

    /// <summary>Session that gives the lock up.</summary>
    public string? Release { get; init; }

    public string? Datacenter { get; init; }
}
