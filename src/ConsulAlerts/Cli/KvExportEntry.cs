namespace ConsulAlerts.Cli;

/// <summary>One element of a <c>consul kv export</c> file: the full key, its flags and its raw value.</summary>
internal sealed record KvExportEntry(string Key, ulong Flags, byte[] Value);
