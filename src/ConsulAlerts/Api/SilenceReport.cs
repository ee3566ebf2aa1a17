using ConsulAlerts.Silences;

namespace ConsulAlerts.Api;

/// <summary>
/// A silence as <c>/v1/silences</c> shows it: the stored record's fields, its <see cref="State"/> now
/// (<c>pending</c>, <c>active</c>, <c>expired</c>), and the checks it mutes now (<see cref="Mutes"/>, at most
/// <see cref="SilenceMutes.MaxListed"/>; <see cref="MutedCount"/> counts them all).
/// </summary>
internal sealed record SilenceReport(
    string Id,
    IReadOnlyList<SilenceMatcher?> Matchers,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    string CreatedBy,
    string Comment,
    DateTimeOffset UpdatedAt,
    string State,
    IReadOnlyList<MutedCheckReport> Mutes,
    int MutedCount);
