namespace ConsulAlerts.Configuration;

/// <summary>
/// Per-check change-threshold overrides: <c>checks/single/&lt;node&gt;/&lt;serviceID|_&gt;/&lt;checkID&gt;/change-threshold</c>,
/// <c>checks/check/&lt;checkID&gt;/…</c>, <c>checks/service/&lt;serviceID&gt;/…</c>, <c>checks/node/&lt;node&gt;/…</c>.
/// </summary>
internal sealed record ThresholdOverrides
{
    // Declared before None: static initializers run in textual order, and None's instance initializers read Empty.
    private static readonly IReadOnlyDictionary<string, TimeSpan> Empty = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);

    public static ThresholdOverrides None { get; } = new();

    /// <summary>Keyed by <c>node/serviceID|_/checkID</c>.</summary>
    public IReadOnlyDictionary<string, TimeSpan> Single { get; init; } = Empty;

    public IReadOnlyDictionary<string, TimeSpan> Check { get; init; } = Empty;

    /// <summary>Keyed by service ID (<c>_</c> for checks without a service).</summary>
    public IReadOnlyDictionary<string, TimeSpan> Service { get; init; } = Empty;

    public IReadOnlyDictionary<string, TimeSpan> Node { get; init; } = Empty;

    public static string SingleKey(string node, string serviceId, string checkId) => $"{node}/{serviceId}/{checkId}";

    /// <summary>The most specific override, or null when none applies.</summary>
    public TimeSpan? Find(string node, string serviceId, string checkId)
    {
        if (Single.Count > 0 && Single.TryGetValue(SingleKey(node, serviceId, checkId), out var single))
        {
            return single;
        }

        if (Check.TryGetValue(checkId, out var check))
        {
            return check;
        }

        if (Service.TryGetValue(serviceId, out var service))
        {
            return service;
        }

        return Node.TryGetValue(node, out var byNode) ? byNode : null;
    }
}
