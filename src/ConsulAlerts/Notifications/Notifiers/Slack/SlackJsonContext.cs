using System.Text.Json.Serialization;

namespace ConsulAlerts.Notifications.Notifiers.Slack;

/// <summary>Source-generated JSON for Slack payloads: snake_case names, null fields left out (Slack treats absent and empty differently).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SlackPayload))]
internal sealed partial class SlackJsonContext : JsonSerializerContext;
