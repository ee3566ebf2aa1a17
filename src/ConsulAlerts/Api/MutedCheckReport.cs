namespace ConsulAlerts.Api;

/// <summary>A check a silence mutes now, as <c>/v1/silences</c> lists it.</summary>
internal sealed record MutedCheckReport(string Node, string CheckId, string ServiceId, string Status);
