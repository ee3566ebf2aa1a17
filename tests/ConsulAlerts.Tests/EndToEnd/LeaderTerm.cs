using System.Globalization;

namespace ConsulAlerts.Tests.EndToEnd;

/// <summary>A stretch of samples with one agreed leader: changes it should have notified, notifications sent meanwhile.</summary>
internal sealed record LeaderTerm(double From, double To, string Session, int Changes, int Notified)
{
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{From,7:0.0}s-{To,7:0.0}s session {Session}: {Changes} change(s), {Notified} notification(s)");
}
