using ConsulAlerts.Checks;
using ConsulAlerts.Configuration;

namespace ConsulAlerts.Muting;

/// <summary>
/// Answers, at one moment, whether a check's change to a status is muted and why. The order is the order of
/// precedence shown to operators: maintenance, then a silence, then inhibition, then the blacklist.
/// </summary>
internal sealed class MuteEvaluator(MuteFacts facts, AlertsConfig config, IReadOnlyList<SilenceRule> silences, string datacenter, DateTimeOffset now)
{
    /// <summary>Why a change of <paramref name="check"/> to <paramref name="status"/> is muted now; null when it is sent.</summary>
    public MuteReason? ReasonFor(CheckInfo check, string status)
    {
        ArgumentNullException.ThrowIfNull(check);
        ArgumentNullException.ThrowIfNull(status);

        // Maintenance checks themselves are never sent (the state machine keeps them silent); they mute the others.
        if (config.Checks.MaintenanceMutes && !CheckStatus.IsMaintenance(check.CheckId) && facts.MaintenanceOf(check) is { } maintenance)
        {
            return new MuteReason(MuteKind.Maintenance, maintenance);
        }

        var subject = new AlertSubject(check, status, datacenter);
        foreach (var silence in silences)
        {
            if (silence.IsActiveAt(now) && silence.Matches(subject))
            {
                return new MuteReason(MuteKind.Silence, silence.Id);
            }
        }

        if (facts.InhibitorOf(subject) is { } rule)
        {
            return new MuteReason(MuteKind.Inhibited, rule.Name);
        }

        return config.Blacklist.IsBlacklisted(check.Node, check.ServiceId, check.CheckId, status, check.ServiceTags, datacenter: subject.Value(MatcherLabel.Datacenter) ?? "")
            ? MuteReason.Blacklisted
            : null;
    }

    /// <summary>The earliest end, after now, of an active silence: when muted checks must be looked at again.</summary>
    public DateTimeOffset? NextSilenceEnd()
    {
        DateTimeOffset? next = null;
        foreach (var silence in silences)
        {
            if (silence.EndsAt > now && (next is null || silence.EndsAt < next))
            {
                next = silence.EndsAt;
            }
        }

        return next;
    }
}
