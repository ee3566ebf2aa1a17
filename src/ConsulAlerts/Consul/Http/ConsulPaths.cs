namespace ConsulAlerts.Consul.Http;

/// <summary>Escapes names that go into URL paths.</summary>
internal static class ConsulPaths
{
    /// <summary>Percent-encodes each segment of a KV key, keeping the <c>/</c> separators (docs/ARCHITECTURE.md, "Consul's API").</summary>
    public static string EscapeKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.StartsWith('/'))
        {
            throw new ArgumentException($"Invalid KV key '{key}': keys must not start with '/'.", nameof(key));
        }

        return string.Join('/', key.Split('/').Select(Uri.EscapeDataString));
    }

    /// <summary>Percent-encodes one path segment such as a node, service or session ID.</summary>
    public static string Segment(string value, string paramName)
    {
        ArgumentException.ThrowIfNullOrEmpty(value, paramName);
        return Uri.EscapeDataString(value);
    }
}
