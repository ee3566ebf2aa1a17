namespace ConsulAlerts.Checks;

/// <summary>Tag lists equal by content (ordinal, in order), also looked up by a span of tags without copying it.</summary>
internal sealed class TagListComparer : IEqualityComparer<string[]>, IAlternateEqualityComparer<ReadOnlySpan<string>, string[]>
{
    public static TagListComparer Instance { get; } = new();

    public bool Equals(string[]? x, string[]? y) => ReferenceEquals(x, y) || (x is not null && y is not null && Equals(x.AsSpan(), y));

    public int GetHashCode(string[] obj) => GetHashCode(obj.AsSpan());

    public bool Equals(ReadOnlySpan<string> alternate, string[] other) => alternate.SequenceEqual(other, StringComparer.Ordinal);

    public int GetHashCode(ReadOnlySpan<string> alternate)
    {
        var hash = new HashCode();
        foreach (var tag in alternate)
        {
            hash.Add(tag, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }

    public string[] Create(ReadOnlySpan<string> alternate) => alternate.ToArray();
}
