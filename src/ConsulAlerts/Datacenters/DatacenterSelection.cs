namespace ConsulAlerts.Datacenters;

/// <summary>
/// The datacenters watched (<c>--datacenters</c>): the agent's own only (the default), a list, or <c>all</c> that the
/// agent's servers know (<c>/v1/catalog/datacenters</c>, refreshed).
/// </summary>
/// <param name="All">Every datacenter Consul knows.</param>
/// <param name="Names">The datacenters listed; empty with <paramref name="All"/> or for the agent's own only.</param>
public sealed record DatacenterSelection(bool All, IReadOnlyList<string> Names)
{
    /// <summary>At most this many datacenters are listed: each is one blocking read in flight.</summary>
    public const int MaxNames = 64;

    /// <summary>The agent's own datacenter only.</summary>
    public static DatacenterSelection LocalOnly { get; } = new(false, []);

    /// <summary>Whether anything beyond the agent's own datacenter may be watched.</summary>
    public bool IsLocalOnly => !All && Names.Count == 0;

    /// <summary>Parses <c>all</c> or a comma-separated list of names; null with the reason when the text is not one.</summary>
    public static DatacenterSelection? Parse(string text, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        error = null;
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            return LocalOnly;
        }

        if (string.Equals(trimmed, "all", StringComparison.OrdinalIgnoreCase))
        {
            return new DatacenterSelection(true, []);
        }

        var names = new List<string>();
        foreach (var part in trimmed.Split(','))
        {
            var name = part.Trim();
            if (name.Length == 0)
            {
                error = "an empty name in the list (expected dc1,dc2 or all)";
                return null;
            }

            if (!IsValidName(name))
            {
                error = $"'{name}' is not a datacenter name (letters, digits, '-', '_' and '.', at most 64)";
                return null;
            }

            if (!names.Contains(name, StringComparer.Ordinal))
            {
                names.Add(name);
            }
        }

        if (names.Count > MaxNames)
        {
            error = $"{names.Count} datacenters listed; at most {MaxNames}";
            return null;
        }

        return new DatacenterSelection(false, names);
    }

    /// <summary>A name safe in a query string and a KV path segment.</summary>
    public static bool IsValidName(string name) =>
        name.Length is > 0 and <= 64 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.') && name is not "." and not "..";

    public override string ToString() => All ? "all" : Names.Count == 0 ? "(the agent's own)" : string.Join(",", Names);
}
