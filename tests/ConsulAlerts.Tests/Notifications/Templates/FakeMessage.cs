namespace ConsulAlerts.Tests.Notifications.Templates;

/// <summary>Mimics the Go daemon's notifier.Message as templates see it.</summary>
public sealed record FakeMessage
{
    public string Node { get; init; } = "";

    public string ServiceId { get; init; } = "";

    public string Service { get; init; } = "";

    public string CheckId { get; init; } = "";

    public string Check { get; init; } = "";

    public string Status { get; init; } = "";

    public string Output { get; init; } = "";

    public string Notes { get; init; } = "";

    public DateTimeOffset Timestamp { get; init; }

    public bool IsCritical() => Status == "critical";

    public bool IsWarning() => Status == "warning";

    public bool IsPassing() => Status == "passing";
}
