namespace ConsulAlerts.Tests.Notifications.Templates;

/// <summary>Mimics the Go daemon's EmailData / TemplateData.</summary>
public sealed record FakeTemplateData
{
    public string ClusterName { get; init; } = "";

    public string SystemStatus { get; init; } = "";

    public int FailCount { get; init; }

    public int WarnCount { get; init; }

    public int PassCount { get; init; }

    public IReadOnlyDictionary<string, IReadOnlyList<FakeMessage>> Nodes { get; init; } =
        new Dictionary<string, IReadOnlyList<FakeMessage>>();

    public bool IsCritical() => SystemStatus == "CRITICAL";

    public bool IsWarning() => SystemStatus == "UNSTABLE";

    public bool IsPassing() => SystemStatus == "HEALTHY";
}
