namespace ConsulAlerts.Datacenters;

/// <summary>
/// The agent's own datacenter (<c>--consul-dc</c>). A check read from the local agent carries no datacenter name; every
/// match against a datacenter (selections, blacklists, silences, inhibition) resolves it here, so that an entry naming
/// the local datacenter means the same in routing, reminders, the dashboard and the API.
/// </summary>
/// <param name="Name">The name; empty when not known, and then no datacenter entry matches a local check.</param>
internal sealed record LocalDatacenter(string Name)
{
    /// <summary>No name known (compositions without options).</summary>
    public static LocalDatacenter Unknown { get; } = new("");

    /// <summary>The datacenter a check is in: its own when it names one (a remote datacenter), else this one.</summary>
    public string Resolve(string checkDatacenter) => Resolve(checkDatacenter, Name);

    /// <summary>The datacenter a check is in, given the local one's name.</summary>
    public static string Resolve(string checkDatacenter, string local)
    {
        ArgumentNullException.ThrowIfNull(checkDatacenter);
        return checkDatacenter.Length > 0 ? checkDatacenter : local;
    }
}
