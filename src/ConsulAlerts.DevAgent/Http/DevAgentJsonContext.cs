using System.Text.Json.Serialization;
using ConsulAlerts.DevAgent.Acl;
using ConsulAlerts.DevAgent.Agent;
using ConsulAlerts.DevAgent.Catalog;
using ConsulAlerts.DevAgent.Dev;
using ConsulAlerts.DevAgent.Events;
using ConsulAlerts.DevAgent.Health;
using ConsulAlerts.DevAgent.Kv;
using ConsulAlerts.DevAgent.Raft;
using ConsulAlerts.DevAgent.Sessions;
using ConsulAlerts.DevAgent.Txn;

namespace ConsulAlerts.DevAgent.Http;

/// <summary>Source-generated JSON for every body the agent reads or writes. Reading is case-insensitive, like Go's.</summary>
[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(List<KvEntry>))]
[JsonSerializable(typeof(List<NodeEntry>))]
[JsonSerializable(typeof(Dictionary<string, string[]>))]
[JsonSerializable(typeof(Dictionary<string, ServiceEntry>))]
[JsonSerializable(typeof(CatalogNodeServices))]
[JsonSerializable(typeof(List<CatalogServiceEntry>))]
[JsonSerializable(typeof(List<HealthCheck>))]
[JsonSerializable(typeof(Dictionary<string, HealthCheck>))]
[JsonSerializable(typeof(List<ServiceHealth>))]
[JsonSerializable(typeof(List<SessionEntry>))]
[JsonSerializable(typeof(SessionCreated))]
[JsonSerializable(typeof(SessionCreateRequest))]
[JsonSerializable(typeof(UserEvent))]
[JsonSerializable(typeof(List<UserEvent>))]
[JsonSerializable(typeof(List<TxnOp>))]
[JsonSerializable(typeof(TxnResponse))]
[JsonSerializable(typeof(AgentSelf))]
[JsonSerializable(typeof(AgentServiceRegistration))]
[JsonSerializable(typeof(AgentCheckRegistration))]
[JsonSerializable(typeof(CheckUpdate))]
[JsonSerializable(typeof(CatalogRegistration))]
[JsonSerializable(typeof(CatalogDeregistration))]
[JsonSerializable(typeof(FaultSettings))]
[JsonSerializable(typeof(AclToken))]
[JsonSerializable(typeof(AclTokenRequest))]
[JsonSerializable(typeof(List<ServerSettings>))]
[JsonSerializable(typeof(AutopilotHealth))]
[JsonSerializable(typeof(RaftConfiguration))]
internal sealed partial class DevAgentJsonContext : JsonSerializerContext;
