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

    /// <summary>Secrets of other notifiers that a profile's VarOverrides carry; no receiver may ever see them.</summary>
    public static readonly string[] ForeignSecrets = ["SECRET-SLACK-HOOK", "SECRET-BEARER", "SECRET-SMTP-PASSWORD"];

    /// <summary>A critical message whose profile overrides several notifiers' settings, secrets included.</summary>
    public static Message WithOverrides(string node = "node1") => Critical(node) with
    {
        NotifList = new Dictionary<string, bool>(StringComparer.Ordinal) { ["slack"] = true, ["webhook"] = true, ["pager"] = true },
        VarOverrides = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal)
        {
            ["slack"] = new Dictionary<string, string>(StringComparer.Ordinal) { ["url"] = "https://hooks.slack.com/services/SECRET-SLACK-HOOK" },
            ["webhook"] = new Dictionary<string, string>(StringComparer.Ordinal) { ["bearer-token"] = "SECRET-BEARER", ["url"] = "http://127.0.0.1:1/SECRET-BEARER" },
            ["email"] = new Dictionary<string, string>(StringComparer.Ordinal) { ["password"] = "SECRET-SMTP-PASSWORD" },
            ["pager"] = new Dictionary<string, string>(StringComparer.Ordinal) { ["team"] = "db-oncall" },
        },
    };
}
