using ConsulAlerts.Notifications.Summary;

namespace ConsulAlerts.Notifications.Templates;

/// <summary>
/// What a user's template sees, in the Go daemon's shape (<c>TemplateData</c> / <c>EmailData</c>): the batch's
/// system status and counts, and its messages grouped by node. Member names are part of the compatibility contract:
/// templates written for the Go daemon refer to them.
/// </summary>
internal sealed record TemplateData
{
    public string ClusterName { get; init; } = "";

    /// <summary><c>CRITICAL</c>, <c>UNSTABLE</c> or <c>HEALTHY</c>.</summary>
    public string SystemStatus { get; init; } = "";

    public int FailCount { get; init; }

    public int WarnCount { get; init; }

    public int PassCount { get; init; }

    /// <summary>The messages per node name; <c>range</c> visits nodes sorted by name, as Go does for a map.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<Message>> Nodes { get; init; } = new Dictionary<string, IReadOnlyList<Message>>(StringComparer.Ordinal);

    /// <summary>
    /// The datacenters of the batch's messages, in batch order (ours, not the Go shape); empty unless more than one
    /// datacenter is watched.
    /// </summary>
    public IReadOnlyList<string> Datacenters { get; init; } = [];

    public bool IsCritical() => SystemStatus == BatchSummary.Critical;

    public bool IsWarning() => SystemStatus == BatchSummary.Unstable;

    public bool IsPassing() => SystemStatus == BatchSummary.Healthy;

    /// <summary>The data for a whole batch, as Go builds it: summary of every message, messages grouped by node in order.</summary>
    public static TemplateData From(string clusterName, IReadOnlyList<Message> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var summary = BatchSummary.From(messages);
        return new TemplateData
        {
            ClusterName = clusterName,
            SystemStatus = summary.SystemStatus,
            FailCount = summary.Fail,
            WarnCount = summary.Warn,
            PassCount = summary.Pass,
            Nodes = ByNode(messages),
            Datacenters = [.. messages.Where(m => m.NamesDatacenter && m.Datacenter.Length > 0).Select(m => m.Datacenter).Distinct(StringComparer.Ordinal)],
        };
    }

    /// <summary>
    /// The messages grouped by node, each group in batch order (Go's <c>mapByNodes</c>). A template sees no profile's
    /// VarOverrides: they hold notifier secrets, and a template's output goes to a receiver.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<Message>> ByNode(IReadOnlyList<Message> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var nodes = new Dictionary<string, List<Message>>(StringComparer.Ordinal);
        foreach (var message in Message.ForReceiver(messages, null))
        {
            if (!nodes.TryGetValue(message.Node, out var list))
            {
                nodes[message.Node] = list = [];
            }

            list.Add(message);
        }

        return nodes.ToDictionary(pair => pair.Key, pair => (IReadOnlyList<Message>)pair.Value, StringComparer.Ordinal);
    }
}
