namespace ConsulAlerts.Tests.EndToEnd.Nemesis;

/// <summary>One daemon's <c>/v1/status</c> at a moment of the run: its process, role and session.</summary>
internal sealed record DaemonSample(double At, int Daemon, int Pid, string? Role, string? Session)
{
    public bool IsLeader => Role == "leader";
}
