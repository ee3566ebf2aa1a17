namespace ConsulAlerts.Api;

/// <summary>Who holds the leader lock, from the lock key.</summary>
internal sealed record HolderReport(string Host, int Pid, string Address, DateTimeOffset Started, string Session);
