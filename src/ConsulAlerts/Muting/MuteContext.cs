namespace ConsulAlerts.Muting;

/// <summary>What muting needs beyond the configuration: the silences, and the datacenter matchers compare with.</summary>
/// <param name="Silences">The silences in force.</param>
/// <param name="Datacenter">The datacenter of the checks watched (<c>--consul-dc</c>).</param>
internal sealed record MuteContext(ISilenceSource Silences, string Datacenter)
{
    /// <summary>No silences, no datacenter: maintenance, inhibition and the blacklist still mute.</summary>
    public static MuteContext None { get; } = new(NoSilences.Instance, "");
}
