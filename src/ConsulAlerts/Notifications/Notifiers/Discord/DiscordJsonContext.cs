using System.Text.Json.Serialization;

namespace ConsulAlerts.Notifications.Notifiers.Discord;

/// <summary>Source-generated JSON for Discord webhook bodies: snake_case names, null fields left out.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DiscordPayload))]
internal sealed partial class DiscordJsonContext : JsonSerializerContext;
