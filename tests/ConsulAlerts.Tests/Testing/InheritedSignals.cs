using System.Globalization;

namespace ConsulAlerts.Tests.Testing;

/// <summary>
/// Signals this process ignores because it inherited them ignored. A shell without job control starts background
/// commands with SIGINT and SIGQUIT ignored, every child inherits that, and .NET (like any Unix program) leaves such a
/// signal ignored: a daemon started from such a test run cannot be stopped by SIGINT, whatever the daemon does.
/// </summary>
internal static class InheritedSignals
{
    public const int SigInt = 2;

    /// <summary>Whether <paramref name="signal"/> is ignored by this process (Linux <c>/proc/self/status</c>).</summary>
    public static bool IsIgnored(int signal) => IsIgnored(File.Exists("/proc/self/status") ? File.ReadAllText("/proc/self/status") : "", signal);

    /// <summary>Whether the <c>SigIgn</c> mask of a <c>/proc/&lt;pid&gt;/status</c> text has <paramref name="signal"/> set.</summary>
    public static bool IsIgnored(string status, int signal)
    {
        foreach (var line in status.Split('\n'))
        {
            if (line.StartsWith("SigIgn:", StringComparison.Ordinal)
                && ulong.TryParse(line["SigIgn:".Length..].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var mask))
            {
                return (mask & (1UL << (signal - 1))) != 0;
            }
        }

        return false;
    }
}
