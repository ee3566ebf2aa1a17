using ConsulAlerts.Notifications;

namespace ConsulAlerts.Tests.Notifications.Testing;

/// <summary>Sample messages.</summary>
internal static class Messages
{
    public static Message Critical(string node = "node1", string checkId = "service:web-1", string output = "HTTP GET http://10.0.0.1/: 500") => new()
    {
        Node = node,
        ServiceId = "web-1",
        Service = "web",
        CheckId = checkId,
        Check = "HTTP on :80",
        Status = "critical",
        Output = output,
        Timestamp = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
        RmdCheck = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
    };
}
