using ConsulAlerts.Muting;

namespace ConsulAlerts.Silences;

/// <summary>One valid silence read from KV, with its compiled rule and the ModifyIndex a CAS write must name.</summary>
internal sealed record StoredSilence(Silence Silence, SilenceRule Rule, ulong ModifyIndex)
{
    public string Id => Silence.Id;
}
