namespace ConsulAlerts.Consul.Sessions;

/// <summary>One entry of a session's <c>ServiceChecks</c> (Consul 1.7 and later): a service check of the session's node.</summary>
internal sealed record SessionServiceCheck(string ID);
