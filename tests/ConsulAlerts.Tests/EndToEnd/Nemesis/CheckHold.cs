namespace ConsulAlerts.Tests.EndToEnd.Nemesis;

/// <summary>
/// A status the flapper set on a check and how long it stayed: from when Consul accepted it to when the next change
/// was asked for (<see cref="double.PositiveInfinity"/> while it holds). Epoch counts the agent's data losses before it.
/// </summary>
internal sealed record CheckHold(string CheckId, string Status, double From, double To, int Epoch)
{
    public double Length => To - From;
}
