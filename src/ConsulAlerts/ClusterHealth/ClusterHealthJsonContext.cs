using System.Text.Json.Serialization;

namespace ConsulAlerts.ClusterHealth;

[JsonSerializable(typeof(OutageRecord))]
[JsonSerializable(typeof(ClusterHealthStatus))]
[JsonSourceGenerationOptions(WriteIndented = false)]
internal sealed partial class ClusterHealthJsonContext : JsonSerializerContext;
