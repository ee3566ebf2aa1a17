using System.Text.Json.Serialization;
using ConsulAlerts.Consul.Agent;
using ConsulAlerts.Consul.Catalog;
using ConsulAlerts.Consul.Events;
using ConsulAlerts.Consul.Health;
using ConsulAlerts.Consul.Kv;
using ConsulAlerts.Consul.Operator;
using ConsulAlerts.Consul.Sessions;
using ConsulAlerts.Consul.Txn;

namespace ConsulAlerts.Consul.Http;

/// <summary>
/// Source-generated JSON for every Consul body. Names are matched case-insensitively, as Go's encoding/json does;
/// nulls are left out of requests so server defaults apply.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNameCaseInsensitive = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(HealthCheck[]))]
[JsonSerializable(typeof(ServiceEntry[]))]
[JsonSerializable(typeof(CatalogNode[]))]
[JsonSerializable(typeof(Dictionary<string, string[]>))]
[JsonSerializable(typeof(CatalogNodeServices))]
[JsonSerializable(typeof(KvPair[]))]
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(TxnOperation[]))]
[JsonSerializable(typeof(TxnResponse))]
[JsonSerializable(typeof(SessionCreateBody))]
[JsonSerializable(typeof(SessionCreated))]
[JsonSerializable(typeof(SessionEntry[]))]
[JsonSerializable(typeof(UserEvent))]
[JsonSerializable(typeof(UserEvent[]))]
[JsonSerializable(typeof(AgentSelf))]
[JsonSerializable(typeof(AgentServiceRegistration))]
[JsonSerializable(typeof(AutopilotHealth))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(bool))]
internal sealed partial class ConsulJsonContext : JsonSerializerContext;
