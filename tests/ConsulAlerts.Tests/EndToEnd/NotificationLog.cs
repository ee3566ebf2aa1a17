using System.Text.RegularExpressions;

namespace ConsulAlerts.Tests.EndToEnd;

/// <summary>The log notifier's file, which every daemon of a test shares: one line per notification sent.</summary>
internal sealed partial class NotificationLog(string path)
{
    /// <summary>The service and check the harnesses flip to prove the daemon has done its work (see <c>SettleAsync</c>).</summary>
    public const string SettleService = "settle";

    public const string SettleCheck = "settle-ttl";

    public string Path { get; } = path;

    /// <summary>The lines so far, without those of the settle check.</summary>
    public string[] Lines() => [.. AllLines().Where(l => !IsSettleLine(l))];

    /// <summary>Every line so far, the settle check's included.</summary>
    public string[] AllLines() => File.Exists(Path) ? File.ReadAllLines(Path) : [];

    public static bool IsSettleLine(string line) => line.Contains($", Service={SettleService}, ", StringComparison.Ordinal);

    /// <summary>Statuses notified for a check (by its name), oldest first.</summary>
    public IReadOnlyList<string> Statuses(string checkName) =>
        [.. Lines().Select(l => LinePattern().Match(l)).Where(m => m.Success && m.Groups["check"].Value == checkName).Select(m => m.Groups["status"].Value)];

    /// <summary>Statuses notified for a check with when each line was written (whole seconds, as the log notifier stamps it).</summary>
    public IReadOnlyList<(DateTime At, string Status)> Timed(string checkName) =>
        [.. Lines().Select(l => LinePattern().Match(l)).Where(m => m.Success && m.Groups["check"].Value == checkName)
            .Select(m => (DateTime.ParseExact(m.Groups["at"].Value, "yyyy/MM/dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture), m.Groups["status"].Value))];

    /// <summary>How many times a check was notified with a status.</summary>
    public int Count(string checkName, string status) => Statuses(checkName).Count(s => s == status);

    [GeneratedRegex(@"^\[consul-notifier\] (?<at>\d{4}/\d\d/\d\d \d\d:\d\d:\d\d) .*, Check=(?<check>.*), Status=(?<status>\w+)$")]
    private static partial Regex LinePattern();
}
