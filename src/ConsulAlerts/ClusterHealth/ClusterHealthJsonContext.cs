using System.Text.Json.Serialization;

namespace ConsulAlerts.ClusterHealth;

/// <summary>Source-generated JSON of the outage record the last leader writes to KV.</summary>
[JsonSerializable(typeof(OutageRecord))]
[JsonSourceGenerationOptions(WriteIndented = false)]
internal sealed partial class ClusterHealthJsonContext : JsonSerializerContext;
