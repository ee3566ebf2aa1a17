namespace ConsulAlerts.TestSupport;

/// <summary>Consul's version strings (<c>1.10.12</c>, <c>1.21.0-dev</c>, <c>1.15.2+ent</c>) as comparable versions.</summary>
public static class ConsulVersions
{
    /// <summary>The numeric part of a version string; a suffix after <c>-</c> or <c>+</c> is ignored.</summary>
    public static Version Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var end = text.IndexOfAny(['-', '+', ' ']);
        var numeric = (end < 0 ? text : text[..end]).TrimStart('v');
        return Version.TryParse(numeric, out var version) && version.Major >= 0
            ? version
            : throw new FormatException($"Not a Consul version: '{text}'");
    }
}
