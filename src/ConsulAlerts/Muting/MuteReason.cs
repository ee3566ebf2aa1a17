namespace ConsulAlerts.Muting;

/// <summary>Why one check is muted.</summary>
/// <param name="Kind">The kind of mute.</param>
/// <param name="Detail">What muted it: the silence's id, the inhibition rule's name, the maintenance's check ID; empty for the blacklist.</param>
internal sealed record MuteReason(MuteKind Kind, string Detail)
{
    public static MuteReason Blacklisted { get; } = new(MuteKind.Blacklist, "");

    /// <summary>The name of the kind as the API and metrics show it: <c>maintenance</c>, <c>silence</c>, <c>inhibited</c>, <c>blacklist</c>.</summary>
    public string KindName => Kind switch
    {
        MuteKind.Maintenance => "maintenance",
        MuteKind.Silence => "silence",
        MuteKind.Inhibited => "inhibited",
        _ => "blacklist",
    };

    /// <summary>One phrase for people: <c>maintenance (_node_maintenance)</c>, <c>silence 7f3c…</c>, <c>inhibited by node-down</c>, <c>blacklist</c>.</summary>
    public override string ToString() => Kind switch
    {
        MuteKind.Maintenance => $"maintenance ({Detail})",
        MuteKind.Silence => $"silence {Detail}",
        MuteKind.Inhibited => $"inhibited by {Detail}",
        _ => "blacklist",
    };
}
