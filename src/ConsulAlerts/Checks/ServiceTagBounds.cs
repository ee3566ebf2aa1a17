namespace ConsulAlerts.Checks;

/// <summary>
/// The bounds of a check's <see cref="CheckInfo.ServiceTags"/>, applied wherever tags are read (health snapshots,
/// stored state): Consul limits neither the number of a service's tags nor their length, while every check's tags are
/// held in memory, stored with its state and sent with its messages. The first <see cref="MaxTags"/> tags are kept, in
/// Consul's order, and a tag longer than <see cref="MaxLength"/> characters is cut to its first <see cref="MaxLength"/>
/// (so a rule on a tag's start still matches it; an exact rule on a longer tag never does). Real tags, even Traefik's
/// router rules, stay well inside both.
/// </summary>
internal static class ServiceTagBounds
{
    /// <summary>Most tags kept per check.</summary>
    public const int MaxTags = 64;

    /// <summary>Longest tag kept, in UTF-16 characters.</summary>
    public const int MaxLength = 512;

    /// <summary><paramref name="tag"/> cut to <see cref="MaxLength"/> characters, never between a surrogate pair; the same instance when shorter.</summary>
    public static string Cut(string tag)
    {
        ArgumentNullException.ThrowIfNull(tag);
        if (tag.Length <= MaxLength)
        {
            return tag;
        }

        var length = char.IsHighSurrogate(tag[MaxLength - 1]) ? MaxLength - 1 : MaxLength;
        return tag[..length];
    }

    /// <summary>The tags within the bounds (null tags dropped); the same instance when nothing is cut.</summary>
    public static IReadOnlyList<string> Bound(IReadOnlyList<string>? tags)
    {
        if (tags is null || tags.Count == 0)
        {
            return [];
        }

        var within = tags.Count <= MaxTags;
        for (var i = 0; within && i < tags.Count; i++)
        {
            within = tags[i] is { Length: <= MaxLength };
        }

        return within ? tags : [.. tags.Where(t => t is not null).Take(MaxTags).Select(Cut)];
    }
}
