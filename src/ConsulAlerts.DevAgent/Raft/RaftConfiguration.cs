namespace ConsulAlerts.DevAgent.Raft;

/// <summary>
/// Body of <c>GET /v1/operator/raft/configuration</c>. Consul 1.10.12 answers <c>"Index":0</c> always (seen on a dev
/// agent and on a 3-server cluster, before and after a server was removed), so the dev agent does too.
/// </summary>
internal sealed record RaftConfiguration(List<RaftServer> Servers, ulong Index);
