namespace ConsulAlerts.Tests.Metrics;

/// <summary>One parsed sample line.</summary>
internal sealed record PrometheusSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value)
{
    /// <summary>The labels without <c>le</c>, as a stable key of a histogram series.</summary>
    public string SeriesKey(string? except = null) =>
        string.Join(",", Labels.Where(l => l.Key != except).OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => l.Key + "=" + l.Value));
}
