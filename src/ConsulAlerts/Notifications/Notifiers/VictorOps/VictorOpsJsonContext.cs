using System.Text.Json.Serialization;

namespace ConsulAlerts.Notifications.Notifiers.VictorOps;

/// <summary>Source-generated JSON for VictorOps alerts: snake_case names, null fields left out.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(VictorOpsEvent))]
internal sealed partial class VictorOpsJsonContext : JsonSerializerContext;
