using ConsulAlerts.Checks;
using ConsulAlerts.Muting;

namespace ConsulAlerts.Silences;

/// <summary>
/// The checks an active silence mutes now: those whose confirmed status is not passing and that all its matchers
/// match (the status tested is that confirmed status). What the API and dashboard show; the muting stage decides for
/// itself on each change.
/// </summary>
internal static class SilenceMutes
{
    /// <summary>Checks listed per silence; the count covers the rest.</summary>
    public const int MaxListed = 500;

    /// <summary>The muted checks, in node/check order, at most <see cref="MaxListed"/>, with how many there are in all.</summary>
    public static (IReadOnlyList<CheckInfo> Checks, int Count) Of(SilenceRule rule, ICheckView checks, string datacenter, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(checks);
        if (!rule.IsActiveAt(now))
        {
            return ([], 0);
        }

        var muted = new List<CheckInfo>();
        foreach (var state in checks.All)
        {
            var status = StatusOf(state);
            if (status is CheckStatus.Passing or "")
            {
                continue;
            }

            var check = state.HealthCheck with { Status = status };
            if (rule.Matches(new AlertSubject(check, status, datacenter)))
            {
                muted.Add(check);
            }
        }

        var ordered = muted
            .OrderBy(c => c.Node, StringComparer.Ordinal)
            .ThenBy(c => c.CheckId, StringComparer.Ordinal)
            .Take(MaxListed)
            .ToList();
        return (ordered, muted.Count);
    }

    private static string StatusOf(CheckState state) => state.Current.Length > 0 ? state.Current : state.HealthCheck.Status;
}
