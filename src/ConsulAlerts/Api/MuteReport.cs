using ConsulAlerts.Muting;

namespace ConsulAlerts.Api;

/// <summary>Why one check is muted, as the API shows it: <c>{"Reason": "silence", "By": "&lt;id&gt;"}</c>.</summary>
/// <param name="Reason">maintenance, silence, inhibited or blacklist.</param>
/// <param name="By">The maintenance check, the silence's id or the inhibition rule; empty for the blacklist.</param>
internal sealed record MuteReport(string Reason, string By)
{
    public static MuteReport? Of(MuteReason? reason) => reason is null ? null : new MuteReport(reason.KindName, reason.Detail);
}
