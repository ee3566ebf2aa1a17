using System.Globalization;

namespace ConsulAlerts.Tests.EndToEnd.Nemesis;

/// <summary>What one daemon did while Consul was away: connection attempts (each failed request opens one) and CPU.</summary>
internal sealed record DaemonLoad(int Daemon, double Seconds, int Attempts, double CpuSeconds)
{
    public double RequestsPerSecond => Seconds > 0 ? Attempts / Seconds : 0;

    public double CpuCores => Seconds > 0 ? CpuSeconds / Seconds : 0;

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"daemon {Daemon}: {RequestsPerSecond:0.00} req/s, {CpuCores:0.000} CPU over {Seconds:0.0} s");
}
