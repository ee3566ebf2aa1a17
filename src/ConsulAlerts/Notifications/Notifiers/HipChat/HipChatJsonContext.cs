using System.Text.Json.Serialization;

namespace ConsulAlerts.Notifications.Notifiers.HipChat;

/// <summary>Source-generated JSON for HipChat notifications: snake_case names, null fields left out.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(HipChatNotification))]
internal sealed partial class HipChatJsonContext : JsonSerializerContext;
