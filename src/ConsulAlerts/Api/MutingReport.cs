namespace ConsulAlerts.Api;

/// <summary>The <c>muting</c> part of <c>/v1/status</c>.</summary>
/// <param name="MutedNow">Checks whose current status is muted now, by reason (maintenance, silence, inhibited, blacklist).</param>
/// <param name="Unsent">Checks with a muted change that is sent once its mute ends.</param>
/// <param name="MutedChanges">Confirmed changes muted since this daemon started, by reason.</param>
internal sealed record MutingReport(IReadOnlyDictionary<string, int> MutedNow, int Unsent, IReadOnlyDictionary<string, long> MutedChanges);
