namespace ConsulAlerts.Checks;

/// <summary>The fields of one check as read from a snapshot, before they become a <see cref="CheckInfo"/> (or prove equal to the previous one).</summary>
internal struct HealthCheckFields
{
    public HealthCheckFields()
    {
    }

    public string Node { get; set; } = "";

    public string CheckId { get; set; } = "";

    public string Name { get; set; } = "";

    public string Status { get; set; } = "";

    public string Notes { get; set; } = "";

    public string Output { get; set; } = "";

    public string ServiceId { get; set; } = "";

    public string ServiceName { get; set; } = "";

    public IReadOnlyList<string> ServiceTags { get; set; } = [];

    public ulong ModifyIndex { get; set; }

    public readonly bool SameAs(CheckInfo info) =>
        Node == info.Node && CheckId == info.CheckId && Name == info.Name && Status == info.Status && Notes == info.Notes
        && Output == info.Output && ServiceId == info.ServiceId && ServiceName == info.ServiceName && ModifyIndex == info.ModifyIndex && SameTags(ServiceTags, info.ServiceTags);

    public readonly CheckInfo ToInfo(CheckInfo? previous, string datacenter)
    {
        // Keep the previous instance's strings where they are equal, so unchanged text is never held twice.
        return new CheckInfo
        {
            Node = Reuse(Node, previous?.Node),
            CheckId = Reuse(CheckId, previous?.CheckId),
            Name = Reuse(Name, previous?.Name),
            Status = Status,
            Notes = Reuse(Notes, previous?.Notes),
            Output = Reuse(Output, previous?.Output),
            ServiceId = Reuse(ServiceId, previous?.ServiceId),
            ServiceName = Reuse(ServiceName, previous?.ServiceName),
            ServiceTags = previous is not null && SameTags(ServiceTags, previous.ServiceTags) ? previous.ServiceTags : ServiceTags,
            ModifyIndex = ModifyIndex,
            Datacenter = datacenter,
        };
    }

    // The reader hands back the previous instance when the tags are unchanged, so this is mostly a reference check.
    private static bool SameTags(IReadOnlyList<string> tags, IReadOnlyList<string> other)
    {
        if (ReferenceEquals(tags, other))
        {
            return true;
        }

        if (tags.Count != other.Count)
        {
            return false;
        }

        for (var i = 0; i < tags.Count; i++)
        {
            if (!string.Equals(tags[i], other[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private static string Reuse(string value, string? previous) => previous is not null && previous == value ? previous : value;
}
