using ConsulAlerts.Configuration;
using ConsulAlerts.Consul.Kv;

namespace ConsulAlerts.Cli;

/// <summary>
/// A configuration file in <c>consul kv export</c> format, read and checked with the daemon's own parser: every
/// problem, of the file's form or of a value, with the key it concerns.
/// </summary>
/// <param name="Root">The configuration root the file's keys share, e.g. <c>consul-alerts/config/</c>.</param>
/// <param name="Entries">The file's entries under <paramref name="Root"/>.</param>
/// <param name="Problems">Every problem found; none means the file is valid.</param>
internal sealed record ConfigFileContents(string Root, IReadOnlyList<KvExportEntry> Entries, IReadOnlyList<ConfigError> Problems)
{
    private const string ConfigSegment = Storage.KvLayout.ConfigFolder;

    /// <exception cref="CommandLineException">The file cannot be read (exit code 66).</exception>
    public static ConfigFileContents Load(string path)
    {
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new CommandLineException($"cannot read {path}: {ex.Message}", ExitCodes.NoInput);
        }

        return Check(json);
    }

    /// <summary>Checks the text of a file.</summary>
    public static ConfigFileContents Check(string json)
    {
        var problems = new List<ConfigError>();
        var entries = KvExportFormat.Read(json, problems);
        string? root = null;
        var kept = new List<KvExportEntry>();
        foreach (var entry in entries)
        {
            if (RootOf(entry.Key) is not { } entryRoot)
            {
                problems.Add(new ConfigError(entry.Key, "not a configuration key: expected <prefix>/config/... (state and leader keys are not configuration)"));
                continue;
            }

            root ??= entryRoot;
            if (entryRoot != root)
            {
                problems.Add(new ConfigError(entry.Key, $"not under {root} like the keys before it: a file holds one prefix's configuration"));
                continue;
            }

            if (entry.Value.Length > Consul.ConsulLimits.MaxValueBytes)
            {
                // Consul would refuse it half-way through an import.
                problems.Add(new ConfigError(entry.Key, $"a value of {entry.Value.Length} bytes is over Consul's limit of {Consul.ConsulLimits.MaxValueBytes} bytes per key"));
                continue;
            }

            kept.Add(entry);
        }

        root ??= AlertsConfigParser.ConfigRoot(StartOptionsBuilder.DefaultKvPrefix);
        string prefix = root[..^ConfigSegment.Length];
        var pairs = kept.Select(e => new KvPair { Key = e.Key, Flags = e.Flags, Value = e.Value });
        problems.AddRange(AlertsConfigParser.Parse(pairs, prefix, revision: 0).Errors);
        return new ConfigFileContents(root, kept, problems);
    }

    // "consul-alerts/config/checks/enabled" -> "consul-alerts/config/"; "config/x" -> "config/" (the empty prefix).
    private static string? RootOf(string key)
    {
        if (key.StartsWith(ConfigSegment, StringComparison.Ordinal))
        {
            return ConfigSegment;
        }

        int at = key.IndexOf("/" + ConfigSegment, StringComparison.Ordinal);
        return at <= 0 ? null : key[..(at + 1 + ConfigSegment.Length)];
    }
}
