using System.Text.RegularExpressions;

namespace ConsulAlerts.Tests.EndToEnd;

/// <summary>The log notifier's file, which every daemon of a test shares: one line per notification sent.</summary>
internal sealed partial class NotificationLog(string path)
{
    public string Path { get; } = path;

    public string[] Lines() => File.Exists(Path) ? File.ReadAllLines(Path) : [];

    /// <summary>Statuses notified for a check (by its name), oldest first.</summary>
    public IReadOnlyList<string> Statuses(string checkName) =>
        [.. Lines().Select(l => LinePattern().Match(l)).Where(m => m.Success && m.Groups["check"].Value == checkName).Select(m => m.Groups["status"].Value)];

    /// <summary>How many times a check was notified with a status.</summary>
    public int Count(string checkName, string status) => Statuses(checkName).Count(s => s == status);

    [GeneratedRegex(@"^\[consul-notifier\] .*, Check=(?<check>.*), Status=(?<status>\w+)$")]
    private static partial Regex LinePattern();
}
