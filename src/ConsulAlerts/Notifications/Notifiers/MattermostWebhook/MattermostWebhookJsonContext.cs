using System.Text.Json.Serialization;

namespace ConsulAlerts.Notifications.Notifiers.MattermostWebhook;

/// <summary>Source-generated JSON for Mattermost webhook payloads: snake_case names, null fields left out.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(MattermostWebhookPayload))]
internal sealed partial class MattermostWebhookJsonContext : JsonSerializerContext;
