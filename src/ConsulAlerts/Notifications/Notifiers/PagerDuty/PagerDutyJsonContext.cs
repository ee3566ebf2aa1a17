using System.Text.Json.Serialization;

namespace ConsulAlerts.Notifications.Notifiers.PagerDuty;

/// <summary>Source-generated JSON for PagerDuty events: snake_case names, null fields left out.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(PagerDutyEvent))]
internal sealed partial class PagerDutyJsonContext : JsonSerializerContext;
