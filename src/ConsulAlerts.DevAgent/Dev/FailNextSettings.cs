namespace ConsulAlerts.DevAgent.Dev;

/// <summary>The pending injected failures of <c>/_dev/faults</c>.</summary>
internal sealed record FailNextSettings(int Count, int StatusCode, string? Body);
