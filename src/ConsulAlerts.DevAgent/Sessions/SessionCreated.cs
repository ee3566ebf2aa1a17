namespace ConsulAlerts.DevAgent.Sessions;

/// <summary>Body of a session/create answer.</summary>
internal sealed record SessionCreated(string ID);
