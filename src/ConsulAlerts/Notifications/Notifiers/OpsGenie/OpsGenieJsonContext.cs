using System.Text.Json.Serialization;

namespace ConsulAlerts.Notifications.Notifiers.OpsGenie;

/// <summary>Source-generated JSON for the OpsGenie-compatible alerts API: camelCase names.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(OpsGenieCreateAlert))]
[JsonSerializable(typeof(OpsGenieCloseAlert))]
internal sealed partial class OpsGenieJsonContext : JsonSerializerContext;
