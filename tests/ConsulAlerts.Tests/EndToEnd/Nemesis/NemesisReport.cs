using System.Globalization;
using System.Text;

namespace ConsulAlerts.Tests.EndToEnd.Nemesis;

/// <summary>What a nemesis run came to: the counts of the reliability table and every violation, readable as text.</summary>
internal sealed record NemesisReport
{
    /// <summary>Confirmed status changes: statuses held long enough in sight of a leader, differing from the last such.</summary>
    public int Changes { get; init; }

    /// <summary>Messages the receiver accepted (answered 200).</summary>
    public int Notifications { get; init; }

    /// <summary>Requests the receiver got, accepted or not.</summary>
    public int Attempts { get; init; }

    public IReadOnlyList<string> Lost { get; init; } = [];

    /// <summary>Changes confirmed shortly before the agent lost its data (outbox included) and never delivered: Consul's loss, not the daemon's.</summary>
    public IReadOnlyList<string> Wiped { get; init; } = [];

    public IReadOnlyList<string> DuplicatesInWindow { get; init; } = [];

    public IReadOnlyList<string> DuplicatesOutsideWindow { get; init; } = [];

    /// <summary>Two terms whose sends overlapped in time, or a send from a daemon seen not leading.</summary>
    public IReadOnlyList<string> LeaderViolations { get; init; } = [];

    /// <summary>Requests whose sending process could not be told.</summary>
    public int Unidentified { get; init; }

    public int Terms { get; init; }

    public double? WorstTakeover { get; init; }

    /// <summary>Longest from Consul's return to the notification of a change confirmed before it.</summary>
    public double? WorstCatchUp { get; init; }

    /// <summary>Longest from Consul's return to an agreed leader.</summary>
    public double? WorstRecovery { get; init; }

    public DaemonLoad? BusiestWhileConsulDown { get; init; }

    public DaemonLoad? HungriestWhileConsulDown { get; init; }

    public IReadOnlyList<string> LoadViolations { get; init; } = [];

    public bool Passed => Lost.Count == 0 && DuplicatesOutsideWindow.Count == 0 && LeaderViolations.Count == 0 && LoadViolations.Count == 0;

    public override string ToString()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"changes {Changes}, notifications {Notifications} (requests {Attempts}), lost {Lost.Count}, wiped with Consul's data {Wiped.Count}");
        text.AppendLine(CultureInfo.InvariantCulture, $"duplicated: {DuplicatesInWindow.Count} inside the at-least-once window, {DuplicatesOutsideWindow.Count} outside");
        text.AppendLine(CultureInfo.InvariantCulture, $"leader terms that sent {Terms}, leader violations {LeaderViolations.Count}, requests of unknown sender {Unidentified}");
        text.AppendLine(CultureInfo.InvariantCulture, $"worst takeover {Seconds(WorstTakeover)}, worst catch-up after a Consul outage {Seconds(WorstCatchUp)}, worst leader-again after a Consul outage {Seconds(WorstRecovery)}");
        text.AppendLine(CultureInfo.InvariantCulture, $"while Consul was down: busiest {BusiestWhileConsulDown?.ToString() ?? "-"}; most CPU {HungriestWhileConsulDown?.ToString() ?? "-"}");
        Section(text, "LOST", Lost);
        Section(text, "wiped with Consul's data", Wiped);
        Section(text, "DUPLICATED outside the window", DuplicatesOutsideWindow);
        Section(text, "duplicated inside the at-least-once window", DuplicatesInWindow);
        Section(text, "LEADERS", LeaderViolations);
        Section(text, "LOAD", LoadViolations);
        return text.ToString();
    }

    private static string Seconds(double? value) => value is { } v ? v.ToString("0.0 's'", CultureInfo.InvariantCulture) : "-";

    private static void Section(StringBuilder text, string title, IReadOnlyList<string> lines)
    {
        if (lines.Count == 0)
        {
            return;
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"{title}:");
        foreach (var line in lines)
        {
            text.AppendLine("  " + line);
        }
    }
}
